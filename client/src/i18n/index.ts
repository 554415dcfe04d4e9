// The one i18n layer: i18next with complete Chinese (default) and English resources. The chosen language
// is kept in localStorage; dayjs and <html lang> follow it (antd's locale follows in AppProviders).

import { setLanguageSource } from "@jiati/shared/messages/language";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { zh } from "./zh";

export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "jiati.lang";

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

function applyLanguage(language: string) {
  const lang: Language = language === "en" ? "en" : "zh";
  dayjs.locale(lang === "zh" ? "zh-cn" : "en");
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.title = lang === "zh" ? zh.app.title : en.app.title;
}

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "zh",
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
applyLanguage(i18n.language);
// The shared schemas' and rules' messages (the forms' checks) follow the UI's language too.
setLanguageSource(() => (i18n.language === "en" ? "en" : "zh"));

i18n.on("languageChanged", (language) => {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  applyLanguage(language);
});
