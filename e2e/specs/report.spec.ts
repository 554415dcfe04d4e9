// The progress report as the office prints it (docs/DOMAIN.md § Reports): on a server whose today is 29 November
// 2026, the task force names its town and issuing unit on the settings page and types the next steps; the printed
// PDF carries them, names the areas behind plan with a marker that is not colour (▼落后 N台), and is one A4 page
// for the demo town. A zone leader's report is their zone's; the task force picks a zone; a town of many areas
// prints on several pages whose tables repeat their head row.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AreaWithCounts, Organization, Summary, ZoneWithCounts } from "@jiati/shared";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { api, login } from "../support/app";
import { printedPages, readable } from "../support/pdf";
import { type SpecServer, startServer } from "../support/server";

const TODAY = "2026-11-29";
const TOWN = "江桥镇";
const UNIT = "江桥镇加装电梯工作专班";
const NEXT_STEPS = "一、审批类受阻楼栋逐幢会商；\n二、落后居民区每周报进度。";

let server: SpecServer;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jiati-e2e-report-"));
test.beforeAll(async () => {
  // Migrating and loading the demo programme on a fresh folder takes a while on a slow machine.
  test.setTimeout(180_000);
  server = await startServer({ dataDir, today: TODAY });
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function openAs(browser: Browser, username: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport });
  const page = await context.newPage();
  // The browser's today is the server's: the report's date of issue and default day.
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
  await login(page, username);
  return page;
}

async function reportReady(page: Page) {
  await expect(page.getByTestId("report-page")).toBeVisible();
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
  // The behind list's reasons and the next steps come after the summary.
  await expect(page.getByTestId("report-next-steps")).toBeVisible();
  await page.waitForLoadState("networkidle");
}

test("the printed report names the town, the issuing unit, who is behind with a marker and the next steps, on one A4 page", async ({
  browser,
}, testInfo) => {
  const page = await openAs(browser, "admin");
  await page.goto("/settings");
  await page.getByTestId("organization-town").fill(TOWN);
  await page.getByTestId("organization-unit").fill(UNIT);
  await page.getByTestId("organization-save").click();
  await expect(page.getByText("设置已保存")).toBeVisible();

  await page.goto("/report");
  await reportReady(page);
  await expect(page.getByTestId("report-title")).toHaveText(
    `${TOWN}既有多层住宅加装电梯工作进展（截至2026年11月29日）`,
  );
  await expect(page.getByTestId("report-issuer")).toHaveText(UNIT);
  await expect(page.getByTestId("report-issued-on")).toHaveText("2026年11月29日印发");

  // The next steps are kept on the server: typed, saved, there after a reload and for a leader.
  await page.getByTestId("report-next-steps-input").fill(NEXT_STEPS);
  await expect(page.getByTestId("report-next-steps-state")).toHaveText("尚未保存");
  await page.getByTestId("report-next-steps-save").click();
  await expect(page.getByTestId("report-next-steps-state")).toHaveText(/于 .+ 保存$/);
  await page.reload();
  await reportReady(page);
  await expect(page.getByTestId("report-next-steps-input")).toHaveValue(NEXT_STEPS);

  const summary = await api<Summary>(page.request, "/api/summary?year=2026");
  const behind = (summary.areas ?? []).filter((area) => area.behind);
  const onTrack = (summary.areas ?? []).filter((area) => !area.behind);
  expect(behind.length, "the demo town has areas behind plan").toBeGreaterThan(0);
  expect(onTrack.length, "and areas on track").toBeGreaterThan(0);

  const pages = await printedPages(page);
  expect(pages).toHaveLength(1);
  const text = pages[0] ?? "";
  expect(text).toContain(readable(`${TOWN}既有多层住宅加装电梯工作进展`));
  expect(text).toContain(UNIT);
  expect(text).toContain(readable(NEXT_STEPS));
  // Each area behind plan by name, then its zone and its shortfall marked in words and a symbol, not colour only.
  for (const area of behind) {
    expect(text, area.name).toContain(`${area.name}${area.zoneName}▼落后${area.shortfall}台`);
  }
  expect(text).toContain("✓按计划");
  expect(text).toContain("存在问题");
  expect(text).toContain(readable(`签约未开工 ${summary.stalled.signed} 栋，开工未完工 ${summary.stalled.started} 栋`));

  const leader = await openAs(browser, "leader");
  await leader.goto("/report");
  await reportReady(leader);
  await expect(leader.getByTestId("report-next-steps-text")).toHaveText(NEXT_STEPS);
  await expect(leader.getByTestId("report-next-steps-input")).toHaveCount(0);
  await testInfo.attach("report-desktop.png", {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
  await leader.context().close();
  await page.context().close();
});

test("a zone leader's report is their zone's: its name in the title, its areas only", async ({ browser }) => {
  const page = await openAs(browser, "leader1");
  const session = await api<{ user: { zoneId: number | null } }>(page.request, "/api/session");
  const zoneId = session.user.zoneId;
  expect(zoneId).not.toBeNull();
  const zone = (await api<ZoneWithCounts[]>(page.request, "/api/zones")).find((z) => z.id === zoneId);
  const all = await api<AreaWithCounts[]>(page.request, "/api/areas");
  const own = all.filter((area) => area.zoneId === zoneId).map((area) => area.name);
  const others = all.filter((area) => area.zoneId !== zoneId).map((area) => area.name);
  const organization = await api<Organization>(page.request, "/api/settings/organization");

  // Without a zone in the link: the session's zone.
  await page.goto("/report");
  await reportReady(page);
  await expect(page.getByTestId("report-title")).toContainText(`${zone?.name}既有多层住宅加装电梯工作进展`);
  await expect(page.getByTestId("report-zones")).toHaveCount(0);
  const listed = await page.locator('[data-testid^="report-areas-"] tbody td.left').allTextContents();
  expect(new Set(listed)).toEqual(new Set(own));
  const behindNames = await page.locator(".report-behind-name").allTextContents();
  for (const name of behindNames) expect(own).toContain(name);

  const text = (await printedPages(page)).join("");
  for (const name of own) expect(text).toContain(name);
  // No other zone's area is named (a name inside another name, like 新泾 in 新泾北苑 or 新泾镇, is checked by cell
  // above).
  const printedElsewhere = [...own, organization.townName, organization.issuingUnit];
  for (const name of others.filter((other) => !printedElsewhere.some((words) => words.includes(other)))) {
    expect(text, name).not.toContain(name);
  }
  await page.context().close();
});

test("the task force picks a zone, and the town again", async ({ browser }) => {
  const page = await openAs(browser, "admin");
  const zones = await api<ZoneWithCounts[]>(page.request, "/api/zones");
  const zone = zones[2];
  if (!zone) throw new Error("the demo town has zones");
  const own = (await api<AreaWithCounts[]>(page.request, `/api/areas?zoneId=${zone.id}`)).map((area) => area.name);
  const { townName } = await api<Organization>(page.request, "/api/settings/organization");

  await page.goto("/report?year=2026");
  await reportReady(page);
  await expect(page.getByTestId("report-zones")).toBeVisible();
  await page.getByTestId("report-zone-select").click();
  await page.getByRole("option", { name: zone.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`zoneId=${zone.id}`));
  await expect(page).toHaveURL(/year=2026/);
  await reportReady(page);
  await expect(page.getByTestId("report-title")).toContainText(zone.name);
  await expect(page.getByTestId("report-zones")).toHaveCount(0);
  const listed = await page.locator('[data-testid^="report-areas-"] tbody td.left').allTextContents();
  expect(new Set(listed)).toEqual(new Set(own));

  // The town's option carries the town's name and brings the zones back.
  await page.getByTestId("report-zone-select").click();
  await page.getByRole("option", { name: townName, exact: true }).click();
  await expect(page).not.toHaveURL(/zoneId=/);
  await reportReady(page);
  await expect(page.getByTestId("report-zones")).toBeVisible();
  await page.context().close();
});

test("a town of many areas prints on several pages whose tables repeat their head rows", async ({ browser }) => {
  const page = await openAs(browser, "admin");
  const [zone] = await api<ZoneWithCounts[]>(page.request, "/api/zones");
  if (!zone) throw new Error("the demo town has zones");
  // 40 more areas: 73 in all, one ranking table over the pages.
  for (let n = 1; n <= 40; n++) {
    const created = await page.request.post("/api/areas", {
      headers: { "X-Requested-With": "e2e" },
      data: { name: `测试居民区${String(n).padStart(2, "0")}`, zoneId: zone.id },
    });
    expect(created.status(), await created.text()).toBe(201);
  }
  const summary = await api<Summary>(page.request, "/api/summary?year=2026");
  const ranked = [...(summary.areas ?? [])].sort((a, b) => a.rank - b.rank);
  expect(ranked).toHaveLength(73);
  await page.goto("/report?year=2026");
  await reportReady(page);

  const pages = await printedPages(page);
  expect(pages.length).toBeGreaterThan(1);
  // A ranking row reads rank, name, zone; each is printed once — no row lost or repeated at a page break.
  const row = (area: (typeof ranked)[number]) => `${area.rank}${area.name}${area.zoneName}`;
  const all = pages.join("");
  for (const area of ranked) expect(all.split(row(area)).length - 1, area.name).toBe(1);
  // The table runs over to the next page, which starts with its head row again.
  const [first, last] = [ranked[0], ranked.at(-1)];
  if (!first || !last) throw new Error("areas ranked");
  expect(pages[0]).toContain(row(first));
  const continued = pages.findIndex((text) => text.includes(row(last)));
  expect(continued).toBeGreaterThan(0);
  expect(pages[continued]?.startsWith("排名居民区片区签约开工完工状态")).toBe(true);
  await page.context().close();
});
