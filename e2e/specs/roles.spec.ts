// A secretary edits only their own area; a leader edits nothing; both log out to the login page.
import { expect, test } from "@playwright/test";
import { areaNamed, buildingIn, login, logout, pickDate } from "../support/app";

test("a secretary records a stage in their own area and sees no edit controls elsewhere", async ({ page }) => {
  await login(page, "sj-pingtang");
  await expect(page.getByTestId("current-user").filter({ visible: true })).toContainText("平塘");
  const own = await areaNamed(page.request, "平塘");
  const other = await areaNamed(page.request, "刘三");

  const building = await buildingIn(page.request, own.id, "planned");
  await page.goto(`/buildings/${building.id}`);
  await page.getByTestId("record-stage-button").first().click();
  const form = page.getByTestId("record-stage-form");
  const today = await page.evaluate(() =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()),
  );
  await pickDate(form.getByTestId("record-stage-date"), today);
  await form.getByTestId("record-stage-submit").click();
  await expect(page.getByTestId("building-stage")).toContainText("签约");
  await expect(page.getByTestId("building-history")).toContainText("平塘居民区书记");

  const foreign = await buildingIn(page.request, other.id, "any");
  await page.goto(`/buildings/${foreign.id}`);
  await expect(page.getByTestId("building-title")).toContainText(foreign.address);
  await expect(page.getByTestId("record-stage-button")).toHaveCount(0);
  await expect(page.getByTestId("edit-building")).toHaveCount(0);
  await expect(page.getByTestId("set-blocker")).toHaveCount(0);

  await logout(page);
  await expect(page.getByTestId("login-form")).toBeVisible();
});

test("a leader sees no edit controls and logs out to the login page", async ({ page }) => {
  await login(page, "leader");
  const area = await areaNamed(page.request, "平塘");
  const building = await buildingIn(page.request, area.id, "any");
  await page.goto(`/buildings/${building.id}`);
  await expect(page.getByTestId("building-title")).toContainText(building.address);
  await expect(page.getByTestId("record-stage-button")).toHaveCount(0);
  await expect(page.getByTestId("edit-building")).toHaveCount(0);
  await expect(page.getByTestId("withdraw-building")).toHaveCount(0);
  await page.goto("/targets");
  await expect(page.getByTestId("area-add")).toHaveCount(0);
  await logout(page);
  await expect(page.getByTestId("login-form")).toBeVisible();
  // The session is over on the server too.
  expect((await page.request.get("/api/session")).status()).toBe(401);
});
