// Figures as of a date (docs/DOMAIN.md § As of a date): on a server whose today is 15 June 2026, the 2025 report
// and dashboard show 2025's 31 December state — equal to a recount over the building list as of that day — and
// changes made today (a withdrawal, a signing moved into 2026) do not reach back into them.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BuildingListItem, Page as ListPage, RecordedStage, Summary } from "@jiati/shared";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { api, login, numberIn, patchBuilding, pickDate } from "../support/app";
import { type SpecServer, startServer } from "../support/server";

const TODAY = "2026-06-15";
const YEAR_END = "2025-12-31";
const STAGES: RecordedStage[] = ["signed", "started", "completed"];
const DATE_OF = { signed: "signedOn", started: "startedOn", completed: "completedOn" } as const;

let server: SpecServer;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jiati-e2e-asof-"));
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
  // The browser's today is the server's, so the pages' default day is too.
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
  await login(page, "admin");
  return page;
}

/** Every building as the list shows it as of `day`, a page of 500 at a time. */
async function listAsOf(page: Page, day: string): Promise<BuildingListItem[]> {
  const items: BuildingListItem[] = [];
  for (let n = 1; ; n++) {
    const list = await api<ListPage<BuildingListItem>>(
      page.request,
      `/api/buildings?asOf=${day}&pageSize=500&page=${n}`,
    );
    items.push(...list.items);
    if (items.length >= list.total) return items;
  }
}

/** Year Y's figures recounted from the list as of `day`. */
function recount(items: BuildingListItem[], year: number) {
  const active = items.filter((b) => !b.withdrawn);
  const inYear = (stage: RecordedStage) => active.filter((b) => b[DATE_OF[stage]]?.startsWith(`${year}-`)).length;
  return {
    signed: inYear("signed"),
    started: inYear("started"),
    completed: inYear("completed"),
    stalledSigned: active.filter((b) => b.stage === "signed" && b.stalledDays !== null).length,
    stalledStarted: active.filter((b) => b.stage === "started" && b.stalledDays !== null).length,
  };
}

test("the 2025 report shows 31 December 2025 as recorded then, whatever changed since", async ({ browser }) => {
  const page = await openAsTaskforce(browser);

  // Today, a building completed in 2025 is withdrawn and a 2025 signing is found to belong to 2026.
  const completed = await api<ListPage<BuildingListItem>>(page.request, "/api/buildings?stage=completed&pageSize=500");
  const completed2025 = completed.items.find((b) => b.completedOn?.startsWith("2025-"));
  const signed = await api<ListPage<BuildingListItem>>(page.request, "/api/buildings?stage=signed&pageSize=500");
  const signed2025 = signed.items.find((b) => b.signedOn?.startsWith("2025-") && !b.blockerCategory);
  expect(completed2025 && signed2025, "demo buildings to change").toBeTruthy();
  if (!completed2025 || !signed2025) return;
  const before = await api<Summary>(page.request, `/api/summary?year=2025&asOf=${YEAR_END}`);
  await patchBuilding(page.request, completed2025.id, { withdrawn: true, reason: "业主放弃（测试）" });
  const moved = await page.request.post(`/api/buildings/${signed2025.id}/stage`, {
    data: { stage: "signed", date: "2026-01-05" },
    headers: { "X-Requested-With": "e2e", "If-Match": `"${signed2025.version}"` },
  });
  expect(moved.ok(), await moved.text()).toBeTruthy();

  const live = await api<Summary>(page.request, "/api/summary?year=2025");
  const asOf = await api<Summary>(page.request, `/api/summary?year=2025&asOf=${YEAR_END}`);
  expect(asOf.asOf).toBe(YEAR_END);
  // Today's changes show in today's figures for 2025, and not in 2025's year-end ones.
  expect(live.stages.completed.actual).toBe(asOf.stages.completed.actual - 1);
  const withdrawnSigned2025 = completed2025.signedOn?.startsWith("2025-") ? 1 : 0;
  expect(live.stages.signed.actual).toBe(asOf.stages.signed.actual - 1 - withdrawnSigned2025);
  expect(asOf.stages).toEqual(before.stages);
  // The API's figures for the day equal a recount over the building list as of that day.
  const expected = recount(await listAsOf(page, YEAR_END), 2025);
  for (const stage of STAGES) expect(asOf.stages[stage].actual, stage).toBe(expected[stage]);
  expect(asOf.stalled).toMatchObject({ signed: expected.stalledSigned, started: expected.stalledStarted });

  await page.goto("/report?year=2025");
  await expect(page.getByTestId("report-as-of")).toContainText(YEAR_END);
  for (const stage of STAGES) {
    await expect(page.getByTestId(`report-actual-${stage}`)).toHaveText(String(expected[stage]));
  }
  await expect(page.getByTestId("report-page")).toContainText(
    `签约未开工 ${expected.stalledSigned} 栋，开工未完工 ${expected.stalledStarted} 栋`,
  );
  await page.context().close();
});

test("the dashboard of a past year shows everything recorded so far, and the 数据截至 date picks a day", async ({
  browser,
}) => {
  const page = await openAsTaskforce(browser);
  await page.goto("/?year=2025");
  await expect(page.locator('[data-testid=dashboard][data-year="2025"][aria-busy="false"]')).toBeVisible();
  // Live figures: the line names when they were counted, not a chosen day.
  await expect(page.getByTestId("as-of")).not.toContainText(YEAR_END);
  const live = await api<Summary>(page.request, "/api/summary?year=2025");
  expect(await numberIn(page.getByTestId("stage-actual-completed"))).toBe(live.stages.completed.actual);
  const yearEnd = await api<Summary>(page.request, `/api/summary?year=2025&asOf=${YEAR_END}`);

  await pickDate(page.getByTestId("as-of-picker"), "2025-06-30");
  await expect(page).toHaveURL(/asOf=2025-06-30/);
  await expect(page.getByTestId("as-of")).toContainText("2025-06-30");
  const midYear = await api<Summary>(page.request, "/api/summary?year=2025&asOf=2025-06-30");
  const midYearCount = recount(await listAsOf(page, "2025-06-30"), 2025);
  expect(midYear.stages.completed.actual).toBe(midYearCount.completed);
  await expect(page.getByTestId("stage-actual-completed")).toContainText(String(midYearCount.completed));
  expect(midYearCount.completed).toBeLessThan(yearEnd.stages.completed.actual);
  // The report keeps the day.
  await page.locator(".page-head a[href^='/report']").click();
  await expect(page).toHaveURL(/\/report\?.*asOf=2025-06-30/);
  await expect(page.getByTestId("report-actual-completed")).toHaveText(String(midYearCount.completed));
  await page.context().close();
});
