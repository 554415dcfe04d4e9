// No lost updates. Two people edit the same building: the task force on the building page, a
// secretary on a phone in 我的楼栋 whose page is stale (its live updates are cut off). The secretary's save
// is refused (409); the notice shows what changed meanwhile, theirs next to hers; she redoes her change on
// the current version, it saves, and neither change is lost. The area is 定威, which no other spec changes.
import { expect, test } from "@playwright/test";
import { areaNamed, buildingById, buildingIn, login } from "../support/app";

test("a stale edit from the phone page shows what changed, is redone on the current version and keeps both", async ({
  browser,
}) => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const taskforce = await desk.newPage();
  const secretary = await phone.newPage();
  // The phone hears nothing live: its page stays at the version it read, as after a flaky connection.
  await secretary.route("**/api/stream", (route) => route.abort());

  await login(taskforce, "admin");
  await login(secretary, "sj-dingwei");
  const area = await areaNamed(secretary.request, "定威");
  const building = await buildingIn(secretary.request, area.id, "planned");
  const before = await buildingById(secretary.request, building.id);

  // The secretary starts editing the building's notes on her phone…
  await expect(secretary.getByTestId(`mine-card-${building.id}`)).toBeVisible();
  await secretary.getByTestId(`mine-edit-${building.id}`).tap();
  const phoneForm = secretary.getByTestId("edit-building-form");
  await expect(phoneForm).toBeVisible();
  const herNote = "书记：已与低层住户沟通，同意加装";
  await phoneForm.getByTestId("field-notes").fill(herNote);

  // …meanwhile the task force changes the elevator company and the notes on the building page.
  await taskforce.goto(`/buildings/${building.id}`);
  await taskforce.getByTestId("edit-building").click();
  const deskForm = taskforce.getByTestId("edit-building-form");
  await deskForm.getByTestId("field-elevatorCompany").fill("甲电梯工程公司");
  const theirNote = "专班：电梯公司已更换";
  await deskForm.getByTestId("field-notes").fill(theirNote);
  await taskforce.getByTestId("edit-submit").click();
  await expect(deskForm).toBeHidden();
  await expect(taskforce.getByTestId("building-facts")).toContainText("甲电梯工程公司");

  // The secretary saves from her stale page: refused, and told what changed.
  await secretary.getByTestId("edit-submit").tap();
  const notice = secretary.getByTestId("conflict-notice");
  await expect(notice).toBeVisible();
  await expect(notice.getByTestId("conflict-change-elevatorCompany")).toContainText("甲电梯工程公司");
  await expect(notice.getByTestId("conflict-change-notes")).toContainText(theirNote);
  await expect(notice.getByTestId("conflict-yours-notes")).toContainText(herNote);
  expect(await secretary.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(390);

  // She redoes it on the current version: her notes stay, the other change is taken over, and it saves.
  await notice.getByTestId("conflict-rebase").tap();
  await expect(notice).toBeHidden();
  await expect(phoneForm.getByTestId("field-elevatorCompany")).toHaveValue("甲电梯工程公司");
  await expect(phoneForm.getByTestId("field-notes")).toHaveValue(herNote);
  await secretary.getByTestId("edit-submit").tap();
  await expect(phoneForm).toBeHidden();

  const after = await buildingById(secretary.request, building.id);
  expect(after.version).toBe(before.version + 2);
  expect(after.elevatorCompany).toBe("甲电梯工程公司");
  expect(after.notes).toBe(herNote);

  // The history shows both edits, by both people.
  await taskforce.goto(`/buildings/${building.id}`);
  const history = taskforce.getByTestId("building-history");
  await expect(history).toContainText("甲电梯工程公司");
  await expect(history).toContainText(theirNote);
  await expect(history).toContainText(herNote);
  await expect(history).toContainText("定威居民区书记");
  await expect(history).toContainText("专班管理员");

  await desk.close();
  await phone.close();
});
