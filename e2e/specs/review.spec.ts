// The year-end review (docs/DOMAIN.md § Year-end review): on a server whose today is 15 June 2026, the task force
// opens the 2025 review, sets the award rule, finds exactly the 先进 / 优秀 areas that rule selects from the
// 31 December figures (recomputed here from the summary's per-area figures), changes one area by hand with a note,
// confirms, finds it frozen after a reload, and prints it on A4 with the title and the awarded areas.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RecordedStage, Summary, YearReview } from "@jiati/shared";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { api, login } from "../support/app";
import { type SpecServer, startServer } from "../support/server";

const TODAY = "2026-06-15";
const YEAR = 2025;
const STAGES: RecordedStage[] = ["signed", "started", "completed"];

let server: SpecServer;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jiati-e2e-review-"));
test.beforeAll(async () => {
  // Migrating and loading the demo programme on a fresh folder takes a while on a slow machine.
  test.setTimeout(180_000);
  server = await startServer({ dataDir, today: TODAY });
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function openAsTaskforce(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
  await login(page, "admin");
  return page;
}

/** The rule the test sets: signing and completion targets met → 先进; the best 3 by completion → 优秀. */
const RULE = { stages: ["signed", "completed"] as RecordedStage[], excellentCount: 3 };

/**
 * The titles the rule gives, worked out here from the summary's figures as of 31 December: every stage of the rule
 * met (a target above 0, reached); of those, the 3 highest completion percents (with any tied with the third) 优秀.
 */
function expectedTitles(summary: Summary): Map<number, "excellent" | "advanced"> {
  const areas = summary.areas ?? [];
  const met = (area: (typeof areas)[number], stage: RecordedStage) => {
    const { actual, target } = area.stages[stage];
    return target != null && target > 0 && actual >= target;
  };
  const qualified = areas.filter((area) => RULE.stages.every((stage) => met(area, stage)));
  const percents = qualified
    .map((area) => area.stages.completed.percent)
    .filter((percent): percent is number => percent != null)
    .sort((a, b) => b - a);
  const cutoff = percents[Math.min(RULE.excellentCount, percents.length) - 1];
  return new Map(
    qualified.map((area) => {
      const percent = area.stages.completed.percent;
      return [area.id, cutoff != null && percent != null && percent >= cutoff ? "excellent" : "advanced"];
    }),
  );
}

async function reviewReady(page: Page, status: "draft" | "confirmed", version?: number) {
  const selector = `[data-testid=review-body][data-year="${YEAR}"][data-status="${status}"]${
    version === undefined ? "" : `[data-version="${version}"]`
  }`;
  await expect(page.locator(selector)).toBeVisible();
}

test("the task force reviews 2025 by its rule, changes one area by hand, confirms it and prints it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await openAsTaskforce(browser);
  await page.goto("/");
  // The review is in the task force's menu, and the menu fits the desktop (nothing folded behind "…").
  await page.getByTestId("nav-review").click();
  await expect(page).toHaveURL(/\/review/);
  await page.goto(`/review?year=${YEAR}`);
  await reviewReady(page, "draft", 0);
  await expect(page.getByTestId("review-as-of")).toContainText(`${YEAR}-12-31`);

  // The demo programme has 2025 targets for every area: the review compares against them.
  const summary = await api<Summary>(page.request, `/api/summary?year=${YEAR}&asOf=${YEAR}-12-31`);
  expect(summary.areas?.every((area) => STAGES.every((stage) => area.stages[stage].target != null))).toBe(true);

  // The rule: signing and completion met, three 优秀 places.
  const stages = page.getByTestId("review-rule-stages");
  await stages.getByRole("checkbox", { name: "开工" }).uncheck();
  await page.getByTestId("review-rule-count").fill(String(RULE.excellentCount));
  await page.getByTestId("review-rule-apply").click();
  await reviewReady(page, "draft", 1);

  const expected = expectedTitles(summary);
  expect(expected.size, "the demo has areas meeting the rule").toBeGreaterThan(RULE.excellentCount);
  for (const area of summary.areas ?? []) {
    await expect(page.getByTestId(`review-award-${area.id}`), area.name).toHaveAttribute(
      "data-award",
      expected.get(area.id) ?? "none",
    );
  }
  const excellentNames = (summary.areas ?? [])
    .filter((area) => expected.get(area.id) === "excellent")
    .map((a) => a.name);
  const excellentList = page.getByTestId("review-excellent");
  for (const name of excellentNames) await expect(excellentList).toContainText(name);
  await expect(excellentList.locator(".ant-tag")).toHaveCount(excellentNames.length);

  // By hand: the best-ranked area the rule leaves out is made 先进, with the reason.
  const review = await api<YearReview>(page.request, `/api/reviews/${YEAR}`);
  const leftOut = review.rows.find((row) => row.award === null);
  expect(leftOut, "an area without a title").toBeTruthy();
  if (!leftOut) return;
  await page.getByTestId(`review-adjust-${leftOut.areaId}`).click();
  const sheet = page.getByTestId("review-override");
  await sheet.getByRole("radio", { name: "先进" }).check();
  await page.getByTestId("review-override-note").fill("开工进度全镇领先，经专班评议增补为先进");
  await page.getByTestId("review-override-save").click();
  await reviewReady(page, "draft", 2);
  const changed = page.getByTestId(`review-award-${leftOut.areaId}`);
  await expect(changed).toHaveAttribute("data-award", "advanced");
  await expect(changed).toHaveAttribute("data-override", "true");
  await expect(changed).toContainText("经专班评议增补为先进");
  await expect(page.getByTestId("review-advanced")).toContainText(leftOut.name);

  // Confirmed after the dialog says what it freezes; frozen after a reload, without any editing control.
  await page.getByTestId("review-confirm").click();
  await expect(page.getByRole("dialog")).toContainText("不能再修改");
  await page.getByTestId("review-confirm-ok").click();
  await reviewReady(page, "confirmed", 3);
  await page.reload();
  await reviewReady(page, "confirmed", 3);
  await expect(page.getByTestId("review-confirmed")).toContainText("确认");
  await expect(page.getByTestId("review-rule-form")).toHaveCount(0);
  await expect(page.locator("[data-testid^=review-adjust-]")).toHaveCount(0);
  await expect(page.getByTestId("review-reopen")).toBeVisible();
  await expect(page.getByTestId(`review-award-${leftOut.areaId}`)).toHaveAttribute("data-award", "advanced");

  // Printed on A4: the issuing unit's title and every awarded area by name.
  const confirmed = await api<YearReview>(page.request, `/api/reviews/${YEAR}`);
  const awarded = [...confirmed.awards.excellent, ...confirmed.awards.advanced].map((area) => area.name);
  expect(awarded).toContain(leftOut.name);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  let text = "";
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  // The PDF's fonts map some glyphs to their compatibility forms (⼯ for 工): compare in NFKC.
  text = text.normalize("NFKC");
  expect(text).toContain(`新泾镇${YEAR}年既有多层住宅加装电梯工作年度总结`);
  expect(text).toContain("新泾镇加梯专班");
  for (const name of awarded) expect(text).toContain(name);
  await page.context().close();
});

test("a leader reads the review, with no control to change it", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
  await login(page, "leader");
  await page.getByTestId("nav-review").click();
  // The latest closed year, draft or confirmed: leaders read either.
  await expect(page.locator(`[data-testid=review-body][data-year="${YEAR}"]`)).toBeVisible();
  await expect(page.getByTestId("review-rule-text")).toBeVisible();
  await expect(
    page.locator(
      "[data-testid=review-rule-form], [data-testid^=review-adjust-], [data-testid=review-confirm], [data-testid=review-reopen]",
    ),
  ).toHaveCount(0);
  await context.close();
});
