// A page printed as the browser prints it (A4, print media), read back as text with pdf.js, page by page.
import type { Page } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * pdf.js reads some CJK glyphs of the embedded fonts as radicals (⼯ for 工, ⺠ for 民): NFKC folds the Kangxi
 * radicals back; the CJK Radicals Supplement has no folding, so its simplified forms are mapped here.
 */
const SUPPLEMENT: Record<string, string> = {
  "⺟": "母",
  "⺠": "民",
  "⻄": "西",
  "⻅": "见",
  "⻆": "角",
  "⻉": "贝",
  "⻋": "车",
  "⻓": "长",
  "⻔": "门",
  "⻘": "青",
  "⻙": "韦",
  "⻚": "页",
  "⻛": "风",
  "⻜": "飞",
  "⻝": "食",
  "⻢": "马",
  "⻣": "骨",
  "⻤": "鬼",
  "⻥": "鱼",
  "⻦": "鸟",
  "⻨": "麦",
  "⻩": "黄",
  "⻬": "齐",
  "⻮": "齿",
  "⻰": "龙",
  "⻳": "龟",
};

/** Text as a reader sees it: radicals folded, and without the spaces pdf.js puts between runs of text. */
export function readable(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2e80-\u2eff]/g, (char) => SUPPLEMENT[char] ?? char)
    .replace(/\s+/g, "");
}

/** The page printed to A4 (print media, backgrounds, the page's own @page size): each printed page's text. */
export async function printedPages(page: Page): Promise<string[]> {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(readable(content.items.map((item) => ("str" in item ? item.str : "")).join(" ")));
  }
  return pages;
}
