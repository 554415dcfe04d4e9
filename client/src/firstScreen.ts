// The data the server puts into the page with the dashboard's first screen (docs/ARCHITECTURE.md § The first
// screen): written by ssr.tsx as a JSON data element, read here once so the app starts its cache from it.

import type { FirstScreenData } from "@jiati/shared";

const ELEMENT_ID = "first-screen-data";

/**
 * The data element: JSON in a `<script type="application/json">`, which the browser never runs. Every `<`,
 * `>` and `&` is written as a \u escape, so no text in the data (an area named `</script><script>…`) can end
 * the element or open another; U+2028/2029 too, for old parsers.
 */
export function firstScreenElement(data: FirstScreenData): string {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `<script type="application/json" id="${ELEMENT_ID}">${json}</script>`;
}

let read: FirstScreenData | null | undefined;

/** The page's first-screen data, or null when the page came without it (the login page, any other page). */
export function firstScreenData(): FirstScreenData | null {
  if (read !== undefined) return read;
  read = null;
  const text = typeof document === "undefined" ? null : document.getElementById(ELEMENT_ID)?.textContent;
  if (text) {
    try {
      read = JSON.parse(text) as FirstScreenData;
    } catch {
      // Not ours or cut short: the app fetches what it needs.
    }
  }
  return read;
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
