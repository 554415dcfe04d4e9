// Messages to people — the API's errors, the rules' complaints, the import's notes — said in the language of
// whoever asked. One catalogue per language (zh.ts, the reference, and en.ts); `msg(key, params)` renders a
// message in the current language, which each side names once: the server per request (core/language.ts),
// the client from its UI language. Where nothing names one, messages are Chinese.

import { en } from "./en";
import { currentLanguage, LANGUAGES, type Language } from "./language";
import { type Catalogue, zh } from "./zh";

export {
  currentLanguage,
  DEFAULT_LANGUAGE,
  LANGUAGE_COOKIE,
  LANGUAGES,
  type Language,
  setLanguageSource,
} from "./language";

export const CATALOGUES: Record<Language, Catalogue> = { zh, en };

export type MessageKey = keyof typeof zh;
type Placeholders<S> = S extends `${string}{{${infer P}}}${infer Rest}` ? P | Placeholders<Rest> : never;
/** The parameters a message takes: one per {{placeholder}} of its Chinese text. */
export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof zh)[K]>, string | number>;
/** The messages without parameters. */
export type PlainMessageKey = {
  [K in MessageKey]: [Placeholders<(typeof zh)[K]>] extends [never] ? K : never;
}[MessageKey];
type ParamArgs<K extends MessageKey> = [Placeholders<(typeof zh)[K]>] extends [never] ? [] : [MessageParams<K>];

/** The message `key` in `language`, its {{placeholders}} filled from `params`. */
export function messageIn<K extends MessageKey>(language: Language, key: K, ...params: ParamArgs<K>): string {
  const text = CATALOGUES[language][key];
  const values = params[0] as Record<string, string | number> | undefined;
  return values ? text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => String(values[name] ?? whole)) : text;
}

/** The message `key` in the current language. */
export function msg<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string {
  return messageIn(currentLanguage(), key, ...params);
}

/** Data quoted in a message: 「…」 in Chinese, “…” in English. */
export function quoted(text: string): string {
  return msg("common.quoted", { text });
}

/** Items listed in a message: 、 in Chinese, commas in English. */
export function listed(items: readonly (string | number)[]): string {
  return items.join(msg("common.listSeparator"));
}

/**
 * The supported language a header asks for, or null: `X-Language: en`, or an Accept-Language list such as
 * `en-GB,en;q=0.9,zh;q=0.8` (highest weight first, the first supported one wins).
 */
export function languageOf(header: string | undefined | null): Language | null {
  if (!header) return null;
  const wanted = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...options] = part.trim().split(";");
      const q = options.map((option) => /^\s*q=([\d.]+)\s*$/.exec(option)?.[1]).find((value) => value !== undefined);
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", weight: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return (wanted.find((entry) => (LANGUAGES as readonly string[]).includes(entry.base))?.base as Language) ?? null;
}
