// The building lists and the zone scope: addresses in natural order (2号 before 10号), a search that applies
// as the user types, the chips that name a figure's filters, a zone leader's report and ledger holding only
// their zone, and the lists, rankings and change log on a phone without sideways scrolling. It changes only
// one building's notes (so the change log has a building to show), so it runs beside the other specs.

import type { AreaWithCounts, Summary } from "@jiati/shared";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { api, areaNamed, buildingIn, login, patchBuilding } from "../support/app";

/** The addresses of the list's rows, top to bottom. */
async function listedAddresses(page: Page): Promise<string[]> {
  const links = page.locator('[data-testid="building-list"] [data-testid^="building-link-"]');
  await expect(links.first()).toBeVisible();
  return (await links.allTextContents()).map((text) => text.trim());
}

test("an area's buildings list by road, 弄, then 号 as numbers", async ({ page }) => {
  await login(page, "admin");
  const area = await areaNamed(page.request, "平塘");
  await page.goto(`/buildings?areaId=${area.id}&pageSize=50`);
  const addresses = await listedAddresses(page);
  // Within one 弄, the door numbers rise; at least one lane shows a one-digit door before a two-digit one.
  let risingPastNine = false;
  for (let index = 1; index < addresses.length; index++) {
    const previous = /^(.*) (\d+)号$/.exec(addresses[index - 1] ?? "");
    const current = /^(.*) (\d+)号$/.exec(addresses[index] ?? "");
    if (!previous || !current || previous[1] !== current[1]) continue;
    expect(Number(current[2]), `${addresses[index - 1]} then ${addresses[index]}`).toBeGreaterThanOrEqual(
      Number(previous[2]),
    );
    if (Number(previous[2]) < 10 && Number(current[2]) >= 10) risingPastNine = true;
  }
  expect(risingPastNine).toBe(true);
});

test("the search filters the list as the user types, without Enter", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/buildings");
  const total = page.getByTestId("buildings-total");
  const before = Number(await total.textContent());
  const [first = ""] = await listedAddresses(page);
  const road = first.split(" ")[0] ?? first;
  const search = page.locator('input[data-testid="filter-search"], [data-testid="filter-search"] input').first();
  await search.pressSequentially(road);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(road)}`));
  await expect.poll(async () => Number(await total.textContent())).toBeLessThan(before);
  for (const address of await listedAddresses(page)) expect(address).toContain(road);
});

test("a figure's list names its filters as chips, each removable, and counts what the figure counts", async ({
  page,
}) => {
  await login(page, "admin");
  const zone = (await api<Summary>(page.request, "/api/summary?year=2022")).zones[0];
  if (!zone) throw new Error("no zone");
  const zoneSummary = await api<Summary>(page.request, `/api/summary?year=2022&zoneId=${zone.id}`);
  const town = await api<Summary>(page.request, "/api/summary?year=2022");
  await page.goto(`/buildings?counted=signed&from=2022-01-01&to=2022-12-31&zoneId=${zone.id}`);
  await expect(page.getByTestId("filter-chip-counted")).toContainText("2022");
  await expect(page.getByTestId("filter-chip-zone")).toContainText(zone.name);
  await expect(page.getByTestId("buildings-total")).toHaveText(String(zoneSummary.stages.signed.actual));

  await page.getByTestId("filter-chip-zone").click();
  await expect(page).not.toHaveURL(/zoneId=/);
  await expect(page.getByTestId("filter-chip-zone")).toHaveCount(0);
  await expect(page.getByTestId("buildings-total")).toHaveText(String(town.stages.signed.actual));
});

test("a zone leader's menu opens their zone's report and list, and the zone page exports their zone only", async ({
  page,
}, testInfo) => {
  await login(page, "leader1");
  const session = await api<{ user: { zoneId: number | null } }>(page.request, "/api/session");
  const zoneId = session.user.zoneId;
  expect(zoneId).not.toBeNull();
  const zoneAreas = (await api<AreaWithCounts[]>(page.request, `/api/areas?zoneId=${zoneId}`)).map((a) => a.name);
  await expect(page).toHaveURL(new RegExp(`/zones/${zoneId}`));

  await page.getByTestId("nav-report").click();
  await expect(page).toHaveURL(new RegExp(`/report\\?zoneId=${zoneId}`));
  const report = page.getByTestId("report-page");
  await expect(report).toBeVisible();
  await expect(page.getByTestId("report-zones")).toHaveCount(0);
  const reportAreas = await report.locator('[data-testid^="report-areas-"] tbody td.left').allTextContents();
  expect(reportAreas.length).toBe(zoneAreas.length);
  expect(new Set(reportAreas)).toEqual(new Set(zoneAreas));

  await page.goto("/");
  await page.getByTestId("nav-buildings").click();
  await expect(page).toHaveURL(new RegExp(`/buildings\\?zoneId=${zoneId}`));
  await expect(page.getByTestId("filter-chip-zone")).toBeVisible();

  await page.goto(`/zones/${zoneId}`);
  const pending = page.waitForEvent("download");
  await page.getByTestId("ledger-export").click();
  const file = await pending;
  const saved = testInfo.outputPath("zone.xlsx");
  await file.saveAs(saved);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  const sheet = workbook.getWorksheet("台账");
  if (!sheet) throw new Error("no sheet 台账");
  const areaColumn = (sheet.getRow(1).values as unknown[]).indexOf("居民区");
  const exported = new Set<string>();
  for (let index = 2; index <= sheet.rowCount; index++)
    exported.add(String(sheet.getRow(index).getCell(areaColumn).value));
  expect(sheet.rowCount).toBeGreaterThan(1);
  expect([...exported].filter((name) => !zoneAreas.includes(name))).toEqual([]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  async function expectFitsTheScreen(page: Page, name: string) {
    const widths = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      const wraps = Array.from(document.querySelectorAll<HTMLElement>(".sortable-table-wrap, .ant-table-content"));
      return {
        page: [root.scrollWidth, root.clientWidth],
        inner: wraps.map((wrap) => [wrap.scrollWidth, wrap.clientWidth]),
      };
    });
    expect(widths.page[0], `${name}: page scroll width`).toBeLessThanOrEqual(widths.page[1] ?? 0);
    for (const [scroll = 0, client = 0] of widths.inner)
      expect(scroll, `${name}: a table scrolls sideways`).toBeLessThanOrEqual(client);
  }

  async function expectThumbSized(page: Page, selector: string) {
    const boxes = await page
      .locator(selector)
      .evaluateAll((nodes) =>
        nodes
          .filter((node) => (node as HTMLElement).offsetParent !== null)
          .map((node) => node.getBoundingClientRect().height),
      );
    expect(boxes.length, selector).toBeGreaterThan(0);
    for (const height of boxes) expect(height, selector).toBeGreaterThanOrEqual(44);
  }

  test("the building list, an area, the rankings and the change log fit the width, with thumb-sized targets", async ({
    page,
  }, testInfo) => {
    await login(page, "admin");
    const area = await areaNamed(page.request, "平塘");
    const building = await buildingIn(page.request, area.id, "any");
    await patchBuilding(page.request, building.id, { notes: "手机列表检查" });
    const pages = [
      { name: "buildings", path: "/buildings", targets: '[data-testid^="building-link-"]' },
      { name: "area", path: `/areas/${area.id}`, targets: '[data-testid^="building-link-"]' },
      {
        name: "rankings",
        path: "/",
        targets: '[data-testid^="area-link-"], [data-testid^="zone-link-"], .sortable-table .sort-button',
      },
      { name: "audit", path: "/audit", targets: ".audit-card a, .audit-card-link" },
    ];
    for (const { name, path, targets } of pages) {
      await page.goto(path);
      // On a phone the dashboard's rankings load when scrolled near — in the app's markup, once it has taken over
      // the server's page (which says it is busy until then).
      if (name === "rankings") {
        await expect(page.locator('[data-testid=dashboard][aria-busy="false"]')).toBeVisible();
        await page.getByTestId("below-first-screen").scrollIntoViewIfNeeded();
      }
      await expect(page.locator(targets).first()).toBeVisible();
      await expectFitsTheScreen(page, name);
      await expectThumbSized(page, targets);
      // The rankings: the zones' table as it stacks; the other pages whole.
      const shot = { path: testInfo.outputPath(`phone-${name}.png`) };
      if (name === "rankings") await page.locator(".stack-on-phone").first().screenshot(shot);
      else await page.screenshot({ ...shot, fullPage: true });
    }
  });
});
