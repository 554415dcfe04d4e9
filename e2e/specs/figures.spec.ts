// Every figure is a link to the buildings it counts: clicking it opens the building list filtered exactly to
// that figure, and the list's total equals the figure — for each kind of figure on the dashboard (stage
// counts, rankings, funnel, this week and month, stalled, blocked, the behind list) and on a secretary's home.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { api, areaNamed, login, numberIn } from "../support/app";

async function dashboardReady(page: Page) {
  await expect(page.locator('[data-testid=dashboard][aria-busy="false"]')).toBeVisible();
}

/**
 * Reads the figure, follows its link and compares the list's total with it; then returns to where it was.
 * `figure` is the link; `value` the element showing the number (the link itself unless it shows a label too).
 */
async function expectFigureOpensItsBuildings(page: Page, figure: Locator, value: Locator = figure) {
  await figure.scrollIntoViewIfNeeded();
  const expected = await numberIn(value);
  const from = page.url();
  const name = (await figure.getAttribute("data-testid")) ?? (await figure.getAttribute("href"));
  await figure.click();
  await expect(page).toHaveURL(/\/buildings\?/);
  const total = page.getByTestId("buildings-total");
  await expect(total, `the list opened from ${from} by ${name}`).toHaveText(String(expected));
  await page.goBack();
  await expect(page).toHaveURL(from);
  return expected;
}

test("the town dashboard: every kind of figure opens a list of exactly that many buildings", async ({ page }) => {
  test.setTimeout(240_000);
  await login(page, "admin");
  await page.goto("/");
  await dashboardReady(page);

  const seen: Record<string, number> = {};
  for (const stage of ["signed", "started", "completed"]) {
    seen[`stage-${stage}`] = await expectFigureOpensItsBuildings(page, page.getByTestId(`stage-actual-${stage}`));
  }
  const zones = await api<{ id: number }[]>(page.request, "/api/zones");
  for (const zone of zones.slice(0, 2)) {
    for (const stage of ["signed", "started", "completed"]) {
      await expectFigureOpensItsBuildings(page, page.getByTestId(`zone-${stage}-${zone.id}`));
    }
  }
  for (const stage of ["planned", "signed", "started", "completed"]) {
    const row = page.getByTestId(`funnel-${stage}`);
    await expectFigureOpensItsBuildings(page, row, row.locator(".funnel-value"));
  }
  for (const period of ["week", "month"]) {
    for (const stage of ["signed", "started", "completed"]) {
      seen[`${period}-${stage}`] = await expectFigureOpensItsBuildings(
        page,
        page.getByTestId(`recent-${period}-${stage}`),
      );
    }
  }
  for (const kind of ["signed", "started"]) {
    const row = page.getByTestId(`stalled-${kind}`);
    seen[`stalled-${kind}`] = await expectFigureOpensItsBuildings(page, row, row.locator("strong"));
  }
  const blockedAll = page.getByTestId("blocked-all");
  seen.blocked = await expectFigureOpensItsBuildings(page, blockedAll, blockedAll);
  const categories = page.locator("[data-testid^=blocked-]:not([data-testid=blocked-all])");
  let byCategory = 0;
  for (const testId of await categories.evaluateAll((links) => links.map((link) => link.getAttribute("data-testid")))) {
    const row = page.getByTestId(testId ?? "");
    byCategory += await expectFigureOpensItsBuildings(page, row, row.locator("strong"));
  }
  expect(byCategory, "the blocked categories add up to the blocked total").toBe(seen.blocked);

  // The behind list: each zone's stalled and blocked buildings.
  const behind = page.locator("[data-testid^=behind-zone-]");
  expect(await behind.count(), "some zone is behind plan in the demo programme").toBeGreaterThan(0);
  const zoneId = ((await behind.first().getAttribute("data-testid")) ?? "").replace("behind-zone-", "");
  for (const kind of ["stalled", "blocked"]) {
    const link = page.getByTestId(`behind-${kind}-zone-${zoneId}`);
    await expectFigureOpensItsBuildings(page, link, link.locator("b"));
  }
  // The demo programme has buildings in each of these, so the comparisons above were not all of zeros.
  expect(seen["stage-signed"]).toBeGreaterThan(0);
  expect(seen["stalled-signed"] + seen["stalled-started"]).toBeGreaterThan(0);
  expect(seen.blocked).toBeGreaterThan(0);
});

test("a zone leader's dashboard: the areas' rankings and behind list open their buildings", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "leader1");
  await dashboardReady(page);
  const first = page.locator("[data-testid^=area-link-]").first();
  const areaId = ((await first.getAttribute("data-testid")) ?? "").replace("area-link-", "");
  for (const stage of ["signed", "started", "completed"]) {
    await expectFigureOpensItsBuildings(page, page.getByTestId(`area-${stage}-${areaId}`));
  }
  const behind = page.locator("[data-testid^=behind-area-]").first();
  const behindId = ((await behind.getAttribute("data-testid")) ?? "").replace("behind-area-", "");
  for (const kind of ["stalled", "blocked"]) {
    const link = page.getByTestId(`behind-${kind}-area-${behindId}`);
    await expectFigureOpensItsBuildings(page, link, link.locator("b"));
  }
});

test("a secretary's home: the area's own figures open their buildings", async ({ page }) => {
  await login(page, "sj-pingtang");
  const area = await areaNamed(page.request, "平塘");
  await expect(page.getByTestId("area-progress")).toBeVisible();
  for (const stage of ["signed", "started", "completed"]) {
    const link = page.getByTestId(`area-progress-${stage}`).locator("a");
    await expect(link).toHaveAttribute("href", new RegExp(`areaId=${area.id}`));
    await expectFigureOpensItsBuildings(page, link);
  }
  for (const kind of ["stalled", "blocked"]) {
    const link = page.getByTestId(`area-progress-${kind}`);
    await expectFigureOpensItsBuildings(page, link, link.locator("b"));
  }
});
