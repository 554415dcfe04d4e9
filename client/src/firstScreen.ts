// The data the server puts into the page with the dashboard's first screen and the login page
// (docs/ARCHITECTURE.md § The first screen): written by ssr.tsx as JSON data elements, read here once so the app
// starts its cache — and its texts, in the page's language — from them.

import type { FirstScreenData } from "@jiati/shared";
import type { Resources } from "./i18n/zh";

const DATA_ID = "first-screen-data";
const TEXTS_ID = "first-screen-texts";

/** The UI's texts in one language, as the page carries them. */
export interface PageTexts {
  language: "zh" | "en";
  texts: Resources;
}

/**
 * A data element: JSON in a `<script type="application/json">`, which the browser never runs. Every `<`, `>` and
 * `&` is written as a \u escape, so no text in the data (an area named `</script><script>…`) can end the element
 * or open another; U+2028/2029 too, for old parsers.
 */
function dataElement(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `<script type="application/json" id="${id}">${json}</script>`;
}

/** The dashboard's data element. */
export function firstScreenElement(data: FirstScreenData): string {
  return dataElement(DATA_ID, data);
}

/** The texts' data element: the app's first script then carries no catalogue of its own (i18n/index.ts). */
export function textsElement(texts: PageTexts): string {
  return dataElement(TEXTS_ID, texts);
}

const read = new Map<string, unknown>();

/** The parsed content of the page's data element `id`, or null when the page came without it. */
function dataOf<T>(id: string): T | null {
  if (read.has(id)) return read.get(id) as T | null;
  let value: T | null = null;
  const text = typeof document === "undefined" ? null : document.getElementById(id)?.textContent;
  if (text) {
    try {
      value = JSON.parse(text) as T;
    } catch {
      // Not ours or cut short: the app fetches what it needs.
    }
  }
  read.set(id, value);
  return value;
}

/** The page's first-screen data, or null when the page came without it (the login page, any other page). */
export function firstScreenData(): FirstScreenData | null {
  return dataOf<FirstScreenData>(DATA_ID);
}

/** The texts the page came with, or null (a page the server did not render). */
export function pageTexts(): PageTexts | null {
  return dataOf<PageTexts>(TEXTS_ID);
}

let sinceTaken = false;

/**
 * The server's change count when it read the page's figures, once: the first change stream sends it, and
 * hears a `resync` when anything changed since (api/stream.ts).
 */
export function takeStreamSince(): string | null {
  if (sinceTaken) return null;
  sinceTaken = true;
  return firstScreenData()?.since ?? null;
}

/**
 * The query hashes whose answers came with the server's page: they were not fetched, and taking over the page
 * (or the service worker taking control of it) is no reason to fetch them again — the change stream's `since`
 * says whether anything changed since they were read.
 */
export const servedWithPage = new Set<string>();
