import { LANGUAGES, type Language } from "@jiati/shared/messages/language";
import { useTranslation } from "react-i18next";
import { SegmentedChoice } from "./SegmentedChoice";

/** 中文 / EN — the choice is remembered in localStorage and a cookie (see i18n/index.ts). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedChoice<Language>
      testId="language-switch"
      label={t("language.label")}
      value={i18n.language === "en" ? "en" : "zh"}
      options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      onChange={(language) => void i18n.changeLanguage(language)}
    />
  );
}
