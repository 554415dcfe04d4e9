// The one i18n layer: i18next with complete Chinese (default, in the page's first script) and English (fetched
// when chosen) resources. The chosen language is kept in localStorage and in a cookie (so the pages the server renders come in it); <html lang> follows it
// (antd's locale and dayjs follow in components/AntdScope.tsx).

import { LANGUAGE_COOKIE, setLanguageSource } from "@jiati/shared/messages/language";
import i18n, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import { pageTexts } from "../firstScreen";

export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "jiati.lang";

/** The language chosen on this device, if any. */
function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === "en" || value === "zh" ? value : null;
  } catch {
    return null;
  }
}

function applyLanguage(language: string) {
  const lang: Language = language === "en" ? "en" : "zh";
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from the phones' browsers still in use
  document.cookie = `${LANGUAGE_COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.title = i18n.t("app.title");
}

/** A language's texts, fetched when needed: those the page did not bring. */
const textsOnDemand: BackendModule = {
  type: "backend",
  init: () => undefined,
  read: (language, _namespace, callback) => {
    const texts = language === "en" ? import("./en").then((module) => module.en) : import("./zh").then((m) => m.zh);
    texts.then(
      (resources) => callback(null, resources),
      (error: Error) => callback(error, null),
    );
  },
};

const served = pageTexts();

i18n.on("languageChanged", (language) => {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  applyLanguage(language);
});

/** Settled once the chosen language's texts are here: at once when the page brought them, else after a fetch. */
export const i18nReady: Promise<unknown> = i18n
  .use(textsOnDemand)
  .use(initReactI18next)
  .init({
    resources: served ? { [served.language]: { translation: served.texts } } : undefined,
    partialBundledLanguages: true,
    // The device's choice; else the language the server rendered the page in (its cookie); else Chinese.
    lng: storedLanguage() ?? served?.language ?? "zh",
    // Both catalogues are complete (en.ts is typed against zh.ts): no second one to fetch as a fallback.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  })
  .catch(() => undefined);
// The shared schemas' and rules' messages (the forms' checks) follow the UI's language too.
setLanguageSource(() => (i18n.language === "en" ? "en" : "zh"));
