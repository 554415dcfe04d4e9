// Blocker supervision (督办) on a phone (390×844, touch), with the server's clock fixed (FAKE_TODAY): a
// secretary blocks a building with an owner and a due date, adds a progress note with a photo and the area's
// status line; after the due date (the same data, the server restarted a week and a half later) the zone
// leader of that zone finds it overdue on 督办, and the leader of another zone does not see it there.
// The area is 平塘, on a server of this spec's own.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { AreaStatus, BlockerThread } from "@jiati/shared";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { api, areaNamed, buildingIn, login } from "../support/app";
import { type SpecServer, startServer } from "../support/server";

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const SET_ON = "2025-06-10";
const DUE_ON = "2025-06-13";
const LATER = "2025-06-20";
/** The demo's zones in order: leaderN leads the Nth. */
const ZONES = ["第一片区", "第二片区", "第三片区", "第四片区", "第五片区", "第六片区"];

let dataDir: string;
let server: SpecServer | null = null;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "jiati-e2e-supervision-"));
});
test.afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A phone on the spec's server, its clock at noon of the server's today. */
async function phoneOn(browser: Browser, today: string): Promise<Page> {
  const context = await browser.newContext({
    ...PHONE,
    baseURL: server?.url,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${today}T12:00:00+08:00`));
  return page;
}

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(390);
}

/** A real PNG larger than the browser sends (2400×1800), drawn in the page. */
async function photoPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 2400;
    canvas.height = 1800;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no canvas");
    const gradient = context.createLinearGradient(0, 0, 2400, 1800);
    gradient.addColorStop(0, "#1677ff");
    gradient.addColorStop(1, "#faad14");
    context.fillStyle = gradient;
    context.fillRect(0, 0, 2400, 1800);
    return canvas.toDataURL("image/png");
  });
  return Buffer.from(dataUrl.split(",")[1] ?? "", "base64");
}

async function setBlocker(page: Page, ownerName: string) {
  await page.getByTestId("set-blocker").tap();
  const form = page.getByTestId("blocker-form");
  await expect(form).toBeVisible();
  await form.getByTestId("blocker-category").tap();
  await page.locator(".ant-select-item-option").filter({ hasText: "管线迁移" }).tap();
  await form.getByTestId("blocker-note").fill("燃气管需要迁移，等燃气公司排期");
  await form.getByTestId("blocker-owner-select").tap();
  await page.locator(".ant-select-item-option").filter({ hasText: ownerName }).tap();
  await form.getByTestId("blocker-due").tap();
  await page.locator(`td[title="${DUE_ON}"]`).tap();
  await page.getByTestId("blocker-submit").tap();
  await expect(form).toBeHidden();
}

test("a blocker with owner, due date, a note and a photo goes through on a phone and is overdue for its zone leader after its date", async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  server = await startServer({ dataDir, today: SET_ON });
  const secretary = await phoneOn(browser, SET_ON);
  await login(secretary, "sj-pingtang");
  const area = await areaNamed(secretary.request, "平塘");
  const building = await buildingIn(secretary.request, area.id, "signed");
  const ownerName = "平塘居民区书记（演示）";

  // From 我的楼栋 to the building's page, where the blocker is set with its owner and due date.
  await secretary.getByTestId("mine-search").fill(building.address);
  await secretary.getByTestId(`mine-link-${building.id}`).tap();
  await expect(secretary.getByTestId("building-title")).toHaveText(building.address);
  await setBlocker(secretary, ownerName);
  const panel = secretary.getByTestId("blocker-supervision");
  await expect(panel.getByTestId("blocker-owner")).toHaveText(ownerName);
  await expect(panel.getByTestId("blocker-due")).toContainText("3 天后到期");
  await expect(panel.getByTestId("blocker-days")).toContainText("受阻 0 天");

  // A file that is no picture is refused in words before anything is sent.
  await panel.getByTestId("blocker-photo-input").setInputFiles({
    name: "现场.png",
    mimeType: "image/png",
    buffer: Buffer.from("not a picture"),
  });
  await expect(panel.getByTestId("blocker-note-error")).toHaveText("无法读取这张照片，请换一张");

  // A note with a photo from the camera: scaled down in the browser, shown as a thumbnail under the note.
  await panel.getByTestId("blocker-note-text").fill("已约谈燃气公司，下周排期迁移");
  await panel
    .getByTestId("blocker-photo-input")
    .setInputFiles({ name: "现场.png", mimeType: "image/png", buffer: await photoPng(secretary) });
  await expect(panel.getByTestId("blocker-photo-preview")).toBeVisible();
  await panel.getByTestId("blocker-note-submit").tap();
  const thread = panel.getByTestId("blocker-thread");
  await expect(thread.locator("li.note-item").first()).toContainText("已约谈燃气公司，下周排期迁移");
  await expect(thread.locator("li.note-item").first()).toContainText(ownerName);
  await expect(thread.locator("li.note-item").first().locator("img")).toBeVisible();
  const stored = await api<BlockerThread>(secretary.request, `/api/buildings/${building.id}/blocker/notes`);
  expect(stored.photosLeft).toBe(5);
  const photo = stored.notes[0]?.photos[0];
  expect(photo).toMatchObject({ contentType: "image/jpeg" });
  expect(photo?.bytes ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(1024 * 1024);
  await expectNoSidewaysScroll(secretary);
  await panel.scrollIntoViewIfNeeded();
  await secretary.screenshot({ path: testInfo.outputPath("building-blocker-phone.png"), fullPage: true });

  // The area's status line, written on 我的楼栋 and read by the dashboard in its agreed shape.
  await secretary.goto("/mine");
  await secretary.getByTestId("area-status-input").fill("一幢楼燃气管线待迁移，本周再次协调");
  await secretary.getByTestId("area-status-submit").tap();
  await expect(secretary.getByTestId("area-status-latest")).toContainText("一幢楼燃气管线待迁移，本周再次协调");
  const statuses = await api<AreaStatus[]>(secretary.request, `/api/area-statuses?zoneId=${area.zoneId}`);
  expect(statuses.find((status) => status.areaId === area.id)).toMatchObject({
    areaId: area.id,
    text: "一幢楼燃气管线待迁移，本周再次协调",
    author: ownerName,
    date: SET_ON,
    at: expect.any(String),
  });
  await secretary.context().close();

  // Ten days on, past the due date: the same data, the server's clock moved.
  await server.stop();
  server = await startServer({ dataDir, today: LATER });
  const zoneIndex = ZONES.indexOf(area.zoneName);
  expect(zoneIndex).toBeGreaterThanOrEqual(0);

  const zoneLeader = await phoneOn(browser, LATER);
  await login(zoneLeader, `leader${zoneIndex + 1}`);
  await zoneLeader.getByTestId("nav-toggle").tap();
  await zoneLeader.getByTestId("nav-supervision").tap();
  await expect(zoneLeader).toHaveURL(/\/supervision$/);
  await zoneLeader.getByTestId("supervision-overdue-only").tap();
  const row = zoneLeader.getByTestId(`supervision-row-${building.id}`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId(`supervision-due-${building.id}`)).toHaveText("逾期 7 天");
  await expect(row).toContainText(ownerName);
  await expect(row).toContainText("已约谈燃气公司，下周排期迁移");
  await expect(row).toContainText("受阻 10 天");
  await expectNoSidewaysScroll(zoneLeader);
  const link = await row.getByTestId(`supervision-link-${building.id}`).boundingBox();
  expect(link?.height ?? 0).toBeGreaterThanOrEqual(44);
  await zoneLeader.screenshot({ path: testInfo.outputPath("supervision-phone.png") });
  // Leaders read only: the building's thread without the form to add to it.
  await row.getByTestId(`supervision-link-${building.id}`).tap();
  await expect(zoneLeader.getByTestId("blocker-supervision")).toContainText("已约谈燃气公司，下周排期迁移");
  await expect(zoneLeader.getByTestId("blocker-note-form")).toHaveCount(0);
  await zoneLeader.context().close();

  const otherLeader = await phoneOn(browser, LATER);
  await login(otherLeader, `leader${((zoneIndex + 1) % ZONES.length) + 1}`);
  await otherLeader.goto("/supervision");
  await expect(otherLeader.getByTestId("supervision-counts")).toBeVisible();
  await expect(otherLeader.getByTestId(`supervision-row-${building.id}`)).toHaveCount(0);
  await otherLeader.context().close();

  // The secretary's own overdue item is on top of 我的楼栋's due list.
  const secretaryLater = await phoneOn(browser, LATER);
  await login(secretaryLater, "sj-pingtang");
  const due = secretaryLater.getByTestId(`todo-blocker-${building.id}`);
  await expect(due).toContainText("逾期 7 天");
  await expect(due).toHaveAttribute("data-own", "true");
  await expect(secretaryLater.getByTestId("mine-todo").locator(".todo-row").first()).toHaveAttribute(
    "data-own",
    "true",
  );
  await secretaryLater.screenshot({ path: testInfo.outputPath("mine-todo-phone.png") });
  await secretaryLater.context().close();
});
