import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language } from "../i18n";

/** 中文 / EN — the choice is remembered in localStorage (see i18n/index.ts). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      data-testid="language-switch"
      size="small"
      value={i18n.language === "en" ? "en" : "zh"}
      options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      onChange={(language) => void i18n.changeLanguage(language)}
      aria-label={t("language.label")}
    />
  );
}
