// Next year's targets in the autumn (docs/DOMAIN.md § Targets for the coming year): on a server and a browser
// whose today is 29 November 2026, the task force opens 2027 from the year menu, copies 2026, distributes a
// town 签约 figure over the areas (the preview adds up to it), keeps the save bar in view, is asked before
// leaving the unsaved draft, saves, and finds the targets after a reload; then prints every area's 2027
// letter as one PDF, one A4 page per area with the three signature-and-seal blocks.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AuditPage, TargetLetter, TargetsResponse } from "@jiati/shared";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { api, login, numberIn } from "../support/app";
import { type SpecServer, startServer } from "../support/server";

const TODAY = "2026-11-29";
const TOWN_SIGNED = 140;

let server: SpecServer;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jiati-e2e-next-year-"));
test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startServer({ dataDir, today: TODAY });
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function openAsTaskforce(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // The browser's today is the server's: the year menu's rule runs in the browser.
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
  await login(page, "admin");
  return page;
}

/**
 * A PDF page's text as people read it: the CJK font maps some glyphs to radical code points (⼀ for 一, ⺠
 * for 民), which NFKC folds back for most and this table for the rest; spaces between runs removed.
 */
const RADICALS: Record<string, string> = { "⺠": "民", "⻔": "门", "⻓": "长", "⻅": "见", "⻋": "车", "⻢": "马" };
function readable(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2e80-\u2eff]/g, (char) => RADICALS[char] ?? char)
    .replace(/\s+/g, "");
}

async function pdfPages(pdf: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(readable(content.items.map((item) => ("str" in item ? item.str : "")).join("")));
  }
  return pages;
}

/** Whether leaving the page now would make the browser ask (a beforeunload listener that cancels). */
const asksBeforeUnload = (page: Page) =>
  page.evaluate(() => {
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

test("the task force drafts 2027 from 2026 in the autumn, distributes a town figure, saves, and prints every letter", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const page = await openAsTaskforce(browser);
  const lastYear = await api<TargetsResponse>(page.request, "/api/targets?year=2026");
  const areas = await api<{ id: number; name: string }[]>(page.request, "/api/areas");
  expect(lastYear.areas.length, "the demo has 2026 targets per area").toBeGreaterThan(0);

  // The year menu offers 2027 from 1 October.
  await page.goto("/targets");
  await expect(page.getByTestId("year-value")).toHaveText("2026年");
  await page.getByTestId("year-select").click();
  await page.getByTestId("year-option-2027").click();
  await expect(page).toHaveURL(/year=2027/);
  await expect(page.getByTestId("year-value")).toHaveText("2027年");
  await expect(page.getByTestId("target-town-signed")).toHaveValue("");
  await expect(page.getByTestId("save-bar-status")).toHaveText("全部已保存");

  // 复制上一年: the draft takes 2026's targets, unsaved.
  await page.getByTestId("targets-copy-last-year").click();
  await expect(page.getByTestId("target-town-started")).toHaveValue(String(lastYear.town.started));
  const sample = lastYear.areas[0];
  await expect(page.getByTestId(`target-${sample.areaId}-completed`)).toHaveValue(String(sample.completed));
  await expect(page.getByTestId("save-bar-status")).toContainText("处未保存");

  // A town 签约 figure distributed by the areas' pipeline: the preview adds up to it before it is applied.
  await page.getByTestId("targets-distribute").click();
  const sheet = page.getByTestId("distribute-sheet");
  await expect(sheet).toBeVisible();
  await page.getByTestId("distribute-total-signed").fill(String(TOWN_SIGNED));
  await page.getByTestId("distribute-rule-pipeline").click();
  await expect(page.getByTestId("distribute-sum-signed")).toHaveText(String(TOWN_SIGNED));
  const preview: Record<number, number> = {};
  for (const area of areas) preview[area.id] = await numberIn(page.getByTestId(`distribute-share-${area.id}-signed`));
  expect(Object.values(preview).reduce((sum, value) => sum + value, 0)).toBe(TOWN_SIGNED);
  await page.getByTestId("distribute-apply").click();
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId("target-town-signed")).toHaveValue(String(TOWN_SIGNED));
  await expect(page.getByTestId("target-sum-signed")).toHaveText(String(TOWN_SIGNED));
  for (const area of areas.slice(0, 5)) {
    await expect(page.getByTestId(`target-${area.id}-signed`)).toHaveValue(String(preview[area.id]));
  }

  // The save bar with its count is in view at the top of the page and among the last areas.
  await expect(page.getByTestId("save-bar")).toBeInViewport();
  await page.getByTestId(`target-${areas[Math.floor(areas.length / 2)]?.id}-started`).scrollIntoViewIfNeeded();
  await expect(page.getByTestId("save-bar")).toBeInViewport();
  await expect(page.getByTestId("targets-save")).toBeInViewport();
  expect(await asksBeforeUnload(page)).toBe(true);

  // Leaving for another page, or another year, asks; staying keeps the draft.
  await page.getByTestId("nav-dashboard").click();
  const leave = page.getByRole("dialog", { name: "有未保存的修改" });
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "留在本页" }).click();
  await expect(leave).toBeHidden();
  await expect(page).toHaveURL(/\/targets\?year=2027/);
  await page.getByTestId("year-select").click();
  await page.getByTestId("year-option-2026").click();
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "留在本页" }).click();
  await expect(page.getByTestId("year-value")).toHaveText("2027年");
  await expect(page.getByTestId("target-town-signed")).toHaveValue(String(TOWN_SIGNED));

  await page.getByTestId("targets-save").click();
  await expect(page.getByTestId("save-bar-status")).toHaveText("全部已保存");
  expect(await asksBeforeUnload(page)).toBe(false);

  // Saved and audited: the change log holds the 2027 values; a reload shows them.
  const audit = await api<AuditPage>(page.request, "/api/audit?action=targets.update");
  expect(audit.items[0]).toMatchObject({ entityId: "2027" });
  expect(audit.items[0]?.after).toEqual(
    expect.arrayContaining([{ stage: "signed", areaId: null, zoneId: null, to: TOWN_SIGNED }]),
  );
  await page.reload();
  await expect(page.getByTestId("year-value")).toHaveText("2027年");
  await expect(page.getByTestId("target-town-signed")).toHaveValue(String(TOWN_SIGNED));
  await expect(page.getByTestId("target-town-completed")).toHaveValue(String(lastYear.town.completed));
  const saved = await api<TargetsResponse>(page.request, "/api/targets?year=2027");
  expect(saved.allocation.signed).toEqual({ town: TOWN_SIGNED, areaSum: TOWN_SIGNED, balanced: true });
  for (const area of saved.areas) expect(area.signed).toBe(preview[area.areaId]);

  // Every area's 2027 letter in one PDF: one A4 page each, in the letters' order, with the three signatories.
  await page.getByRole("tab", { name: "目标任务书" }).click();
  await page.getByTestId("letters-print-all").click();
  await expect(page).toHaveURL(/\/targets\/letters\/print\?year=2027/);
  const letters = await api<TargetLetter[]>(page.request, "/api/targets/letters?year=2027");
  await expect(page.getByTestId("letter-sheet")).toHaveCount(letters.length);
  expect(letters.length).toBe(areas.length);
  await page.emulateMedia({ media: "print" });
  const pages = await pdfPages(await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
  expect(pages).toHaveLength(areas.length);
  for (const [index, letter] of letters.entries()) {
    const text = pages[index] ?? "";
    expect(text, `page ${index + 1}`).toContain(readable(`${letter.areaName}居民区`));
    expect(text).toContain("2027年度");
    for (const word of ["责任区领导", "居民区书记", "机关联络员", "盖章", "日期"]) expect(text).toContain(word);
    expect(text).toContain(`签约${saved.areas.find((area) => area.areaId === letter.areaId)?.signed}台`);
  }
  await page.context().close();
});

test("one letter prints on one A4 page with the recorded names and date", async ({ browser }) => {
  const page = await openAsTaskforce(browser);
  const letters = await api<TargetLetter[]>(page.request, "/api/targets/letters?year=2026");
  const letter = letters.find((candidate) => candidate.secretary && candidate.signedOn);
  expect(letter, "a signed 2026 letter in the demo").toBeTruthy();
  if (!letter) return;
  await page.goto(`/targets/letters/${letter.areaId}?year=2026`);
  await expect(page.getByTestId("letter-secretary")).toHaveText(letter.secretary);
  await page.emulateMedia({ media: "print" });
  const pages = await pdfPages(await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
  expect(pages).toHaveLength(1);
  const text = pages[0] ?? "";
  for (const name of [letter.zoneLeader, letter.secretary, letter.liaison]) expect(text).toContain(readable(name));
  const [year, month, day] = (letter.signedOn ?? "").split("-").map(Number);
  expect(text).toContain(`${year}年${month}月${day}日`);
  // No app chrome in print: neither the menu nor the toolbar.
  expect(text).not.toContain("目标与责任");
  expect(text).not.toContain("打印");
  await page.context().close();
});
