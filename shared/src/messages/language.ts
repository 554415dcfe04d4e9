// Which language messages are said in now: each side names where that comes from, once (the server's request
// context, the client's UI choice). Apart from the catalogues, so naming it costs a page nothing.

export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh";

/** The cookie that carries the UI's language, so pages the server renders come in it (client/src/i18n). */
export const LANGUAGE_COOKIE = "jt_lang";

let languageNow: () => Language = () => DEFAULT_LANGUAGE;

/** Names where the current language comes from. Where nothing names one, messages are Chinese. */
export function setLanguageSource(source: () => Language): void {
  languageNow = source;
}

export function currentLanguage(): Language {
  return languageNow();
}
