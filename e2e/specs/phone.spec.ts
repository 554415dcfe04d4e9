// A secretary on a phone (390×844, touch) works through 我的楼栋 — records a start with today's
// date without leaving the list and sees the building move groups; sets and clears a blocker (the building
// stays in its stage; the 受阻 chip shows the blocked ones); searches.
// The area is 虹康, which no other spec changes.
import { expect, type Page, test } from "@playwright/test";
import { areaNamed, buildingById, buildingIn, login, numberIn, shanghaiToday } from "../support/app";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(390);
}

async function expectThumbSized(page: Page, selectors: string[]) {
  for (const selector of selectors) {
    const box = await page.locator(selector).first().boundingBox();
    expect(box, selector).not.toBeNull();
    expect(box?.height ?? 0, `${selector} height`).toBeGreaterThanOrEqual(44);
    expect(box?.width ?? 0, `${selector} width`).toBeGreaterThanOrEqual(44);
  }
}

test("a secretary records a start from 我的楼栋 on a phone and the building moves to 在建", async ({ page }) => {
  await login(page, "sj-hongkang");
  // A secretary lands on their buildings.
  await expect(page).toHaveURL(/\/mine$/);
  await expect(page.getByTestId("mine-area")).toContainText("虹康");
  const area = await areaNamed(page.request, "虹康");
  const building = await buildingIn(page.request, area.id, "signed");
  const today = await shanghaiToday(page);

  const signedGroup = page.getByTestId("mine-group-signed");
  const startedGroup = page.getByTestId("mine-group-started");
  await expect(signedGroup.getByTestId(`mine-card-${building.id}`)).toBeVisible();
  const signedBefore = await numberIn(page.getByTestId("mine-group-count-signed"));
  const startedBefore = await numberIn(page.getByTestId("mine-group-count-started"));
  await expectNoSidewaysScroll(page);
  await expectThumbSized(page, [
    `[data-testid="mine-record-${building.id}"]`,
    `[data-testid="mine-edit-${building.id}"]`,
    `[data-testid="mine-blocker-button-${building.id}"]`,
    `[data-testid="mine-link-${building.id}"]`,
    '[data-testid="mine-chip-signed"]',
    '[data-testid="mine-group-toggle-signed"]',
    ".mine-search",
    '[data-testid="mine-add"]',
    '[data-testid="nav-toggle"]',
  ]);

  await page.getByTestId(`mine-record-${building.id}`).tap();
  const form = page.getByTestId("record-stage-form");
  await expect(form).toBeVisible();
  // The next stage, dated today unless the secretary picks another day.
  await expect(form.getByTestId("record-stage-stage")).toContainText("开工");
  await expect(
    form.locator('input[data-testid="record-stage-date"], [data-testid="record-stage-date"] input').first(),
  ).toHaveValue(today);
  await expectNoSidewaysScroll(page);
  await form.getByTestId("record-stage-submit").tap();

  await expect(form).toBeHidden();
  await expect(startedGroup.getByTestId(`mine-card-${building.id}`)).toBeVisible();
  await expect(signedGroup.getByTestId(`mine-card-${building.id}`)).toHaveCount(0);
  await expect(page.getByTestId("mine-group-count-signed")).toHaveText(String(signedBefore - 1));
  await expect(page.getByTestId("mine-group-count-started")).toHaveText(String(startedBefore + 1));
  await expect(page).toHaveURL(/\/mine$/);
  await expectNoSidewaysScroll(page);

  const saved = await buildingById(page.request, building.id);
  expect(saved.startedOn).toBe(today);
});

test("a secretary finds a building by address, blocks it and clears the blocker on a phone", async ({ page }) => {
  await login(page, "sj-hongkang");
  const area = await areaNamed(page.request, "虹康");
  const building = await buildingIn(page.request, area.id, "planned");

  // Part of the address, typed with spaces: the search ignores them.
  const search = building.address.replace(/\s+/g, "").slice(-6);
  await page.getByTestId("mine-search").fill(search);
  await expect(page.getByTestId("mine-found")).toBeVisible();
  await expect(page.getByTestId(`mine-card-${building.id}`)).toBeVisible();

  await page.getByTestId(`mine-blocker-button-${building.id}`).tap();
  const blockerForm = page.getByTestId("blocker-form");
  await expect(blockerForm).toBeVisible();
  await blockerForm.getByTestId("blocker-category").tap();
  await page.locator(".ant-select-item-option").filter({ hasText: "管线迁移" }).tap();
  await blockerForm.getByTestId("blocker-note").fill("燃气管需要迁移，等燃气公司排期");
  await page.getByTestId("blocker-submit").tap();
  await expect(blockerForm).toBeHidden();
  // Blocked, it stays in its stage — as the area page counts it — and the 受阻 chip finds it.
  const planned = page.getByTestId("mine-group-planned");
  await expect(planned.getByTestId(`mine-card-${building.id}`)).toBeVisible();
  await expect(page.getByTestId(`mine-blocker-${building.id}`)).toContainText("管线迁移");
  await page.getByTestId("mine-search").fill("");
  await page.getByTestId("mine-chip-blocked").tap();
  await expect(page.getByTestId("mine-chip-blocked")).toHaveAttribute("aria-pressed", "true");
  await expect(planned.getByTestId(`mine-card-${building.id}`)).toBeVisible();
  await expect(page.locator(".mine-card:not(.mine-card-blocked)")).toHaveCount(0);
  await expectNoSidewaysScroll(page);

  await page.getByTestId(`mine-blocker-button-${building.id}`).tap();
  await page.getByTestId("blocker-clear").tap();
  // No longer blocked, it leaves the blocked ones; all shown again, it is back among the candidates.
  await expect(page.getByTestId(`mine-card-${building.id}`)).toHaveCount(0);
  await page.getByTestId("mine-chip-blocked").tap();
  await expect(planned.getByTestId(`mine-card-${building.id}`)).toBeVisible();
  await expect(page.getByTestId(`mine-blocker-${building.id}`)).toHaveCount(0);
  expect((await buildingById(page.request, building.id)).blockerCategory).toBeNull();
});
