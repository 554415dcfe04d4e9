// The dashboard shows the 2022 targets of 122; a stage recorded through the UI moves the count.
import { expect, test } from "@playwright/test";
import { areaNamed, buildingIn, login, numberIn, pickDate } from "../support/app";

test("the task force records a signing and sees the 2022 count change", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/?year=2022");
  for (const stage of ["signed", "started", "completed"]) {
    await expect(page.getByTestId(`stage-target-${stage}`)).toContainText("122");
  }
  const before = await numberIn(page.getByTestId("stage-actual-signed"));

  const area = await areaNamed(page.request, "刘一");
  const building = await buildingIn(page.request, area.id, "planned");
  await page.goto(`/buildings/${building.id}`);
  await expect(page.getByTestId("building-title")).toContainText(building.address);
  await page.getByTestId("record-stage-button").first().click();
  const form = page.getByTestId("record-stage-form");
  await pickDate(form.getByTestId("record-stage-date"), "2022-06-01");
  await form.getByTestId("record-stage-submit").click();
  await expect(page.getByTestId("building-history")).toContainText("2022年6月1日");

  await page.goto("/?year=2022");
  await expect(page.getByTestId("stage-actual-signed")).toHaveText(new RegExp(`${before + 1}`));
  expect(await numberIn(page.getByTestId("stage-actual-signed"))).toBe(before + 1);
});

test("a start before the signing is refused on the date field", async ({ page }) => {
  await login(page, "admin");
  const area = await areaNamed(page.request, "刘二");
  const building = await buildingIn(page.request, area.id, "signed");
  await page.goto(`/buildings/${building.id}`);
  await page.getByTestId("record-stage-button").first().click();
  const form = page.getByTestId("record-stage-form");
  // The next stage is the start; a date before the signing breaks the order rule.
  await pickDate(form.getByTestId("record-stage-date"), "2011-01-02");
  await form.getByTestId("record-stage-submit").click();
  await expect(form).toContainText("开工日期不能早于签约日期");
});
