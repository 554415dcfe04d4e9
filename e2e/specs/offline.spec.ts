// A secretary in a stairwell with no signal (docs/ARCHITECTURE.md § Offline). On a phone she opens 我的楼栋
// once online; offline she records a start on one building and a blocker note on another — both are queued
// and listed — and reloads: the page still opens (from the service worker) with both still waiting; logging out
// now would ask first. Meanwhile
// the task force edits the first building. Back online, the note arrives; the start meets the newer version
// and is shown in the conflict view; she redoes it on the current version, it arrives, and nothing is lost.
// The area is 华松, which no other spec changes. The second test loses the answers of a queued note and of a start
// sent online: the outbox sends each again with its Idempotency-Key, and the server answers without a second write.
import type { BlockerThread, BuildingDetail } from "@jiati/shared";
import { expect, type Page, type PlaywrightWorkerArgs, test } from "@playwright/test";
import {
  api,
  areaNamed,
  buildingById,
  buildingIn,
  login,
  patchBuilding,
  shanghaiToday,
  taskforceApi,
} from "../support/app";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, serviceWorkers: "allow" });

/** Waits until the service worker controls the page and keeps the reads 我的楼栋 made. */
async function waitForOfflineReady(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await page.waitForFunction(
    async () => {
      const kept = await (await caches.open("jiati-data")).keys();
      const paths = kept.map((request) => new URL(request.url).pathname + new URL(request.url).search);
      return (
        paths.some((path) => path === "/api/session") &&
        paths.some((path) => /^\/api\/areas\/\d+$/.test(path)) &&
        paths.some((path) => path.startsWith("/api/buildings?areaId="))
      );
    },
    undefined,
    { timeout: 30_000, polling: 250 },
  );
}

/**
 * The task force, elsewhere, through the API, picks two buildings of 华松 — one signed (to start), one planned and
 * blocked with `blockerNote` (to write a note on) — and the secretary opens 我的楼栋 on her phone until the service
 * worker keeps its reads.
 */
async function huasongReady(
  page: Page,
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
  blockerNote: string,
) {
  const taskforce = await taskforceApi(playwright, baseURL);
  const area = await areaNamed(taskforce, "华松");
  const toStart = await buildingIn(taskforce, area.id, "signed");
  const toNote = await buildingIn(taskforce, area.id, "planned");
  await patchBuilding(taskforce, toNote.id, { blocker: { category: "pipelines", note: blockerNote } });

  await login(page, "sj-huasong");
  await expect(page).toHaveURL(/\/mine$/);
  await expect(page.getByTestId(`mine-card-${toStart.id}`)).toBeVisible();
  await expect(page.getByTestId(`mine-card-${toNote.id}`)).toBeVisible();
  await waitForOfflineReady(page);
  return { taskforce, toStart, toNote, today: await shanghaiToday(page) };
}

test("changes made offline are queued, survive a reload, and arrive in order — a conflict through the conflict view", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { taskforce, toStart, toNote, today } = await huasongReady(page, playwright, baseURL, "燃气管道需迁移");

  await context.setOffline(true);
  await expect(page.getByTestId("offline-notice")).toContainText("离线");
  await expect(page.getByTestId("offline-notice")).toContainText(/数据更新于 \d{2}:\d{2}/);

  // A start, offline: the sheet edits the version the list has, and the change is queued.
  await page.getByTestId(`mine-record-${toStart.id}`).tap();
  const form = page.getByTestId("record-stage-form");
  await expect(form.getByTestId("record-stage-stage")).toContainText("开工");
  await form.getByTestId("record-stage-submit").tap();
  await expect(form).toBeHidden();
  await expect(page.getByText("已保存在本机，联网后自动发送").first()).toBeVisible();

  // A progress note on the other building's blocker, offline.
  const note = `离线记录：已联系燃气公司 ${Date.now()}`;
  await page.getByTestId(`mine-note-button-${toNote.id}`).tap();
  const noteForm = page.getByTestId("blocker-note-form");
  await noteForm.getByTestId("blocker-note-text").fill(note);
  await noteForm.getByTestId("blocker-note-submit").tap();
  await expect(noteForm).toBeHidden();

  const outbox = page.getByTestId("outbox");
  await expect(outbox).toContainText("待发送 2 项");
  await expect(outbox.getByTestId(`outbox-item-${toStart.id}`)).toContainText(`记录开工 ${today}`);
  await expect(outbox.getByTestId(`outbox-item-${toNote.id}`)).toContainText(note);
  await expect(page.getByTestId("outbox-badge")).toContainText("待发送 2");
  await expect(page.getByTestId(`mine-pending-${toStart.id}`)).toBeVisible();

  // Reloaded with no network: the page opens from the service worker, the two changes still waiting.
  // Offline, the page's script and its reads come from the worker's caches one after another: on a busy
  // machine that took 10-12 s (the page then complete), hence the longer wait.
  await page.reload();
  await expect(page.getByTestId("mine-title")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("offline-notice")).toContainText(/离线 · 数据更新于 \d{2}:\d{2}/);
  await expect(outbox).toContainText("待发送 2 项");
  await expect(outbox.getByTestId(`outbox-item-${toStart.id}`)).toHaveAttribute("data-state", "waiting");
  await expect(outbox.getByTestId(`outbox-item-${toNote.id}`)).toHaveAttribute("data-state", "waiting");
  // Nothing has reached the server.
  expect((await buildingById(taskforce, toStart.id)).startedOn).toBeNull();

  // Logging out with changes waiting asks first; she stays, and so do they.
  await page.getByTestId("nav-toggle").tap();
  await page.getByTestId("logout-button").filter({ visible: true }).tap();
  const ask = page.getByRole("dialog").filter({ hasText: "还有 2 项修改待发送" });
  await expect(ask).toContainText("下次你在这里登录并联网后才会发送");
  await ask.getByRole("button", { name: /取\s*消/ }).tap();
  await expect(ask).toBeHidden();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/mine$/);
  await expect(outbox).toContainText("待发送 2 项");

  // Meanwhile the task force changes the first building.
  const floors = ((await buildingById(taskforce, toStart.id)).floors ?? 6) + 1;
  await patchBuilding(taskforce, toStart.id, { floors });

  // Back online: the note arrives; the start meets the newer version and waits in the conflict view.
  await context.setOffline(false);
  await expect(outbox.getByTestId(`outbox-item-${toNote.id}`)).toHaveCount(0, { timeout: 20_000 });
  const conflicted = outbox.getByTestId(`outbox-item-${toStart.id}`);
  await expect(conflicted).toHaveAttribute("data-state", "conflict");
  const notice = conflicted.getByTestId("conflict-notice");
  await expect(notice.getByTestId("conflict-change-floors")).toContainText(String(floors));
  await expect(outbox).toContainText("待发送 1 项");

  // Redone on the current version, it arrives.
  await notice.getByTestId("conflict-rebase").tap();
  await expect(outbox).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId("outbox-badge")).toHaveCount(0);
  await expect(page.getByTestId("offline-notice")).toHaveCount(0);
  await expect(page.getByTestId("mine-group-started").getByTestId(`mine-card-${toStart.id}`)).toBeVisible();

  // Both changes are stored, and the task force's too.
  const started = await buildingById(taskforce, toStart.id);
  expect(started.startedOn).toBe(today);
  expect(started.floors).toBe(floors);
  const thread = await api<BlockerThread>(taskforce, `/api/buildings/${toNote.id}/blocker/notes`);
  expect(thread.notes.filter((stored) => stored.text === note)).toHaveLength(1);
  await taskforce.dispose();
});

/**
 * Lets the first write to `path` reach the server — which takes it — and then loses its answer, as when the
 * signal drops on the way back; later ones pass. Returns each attempt's Idempotency-Key and whether the server
 * said it answered from what it had stored.
 */
async function loseFirstAnswer(page: Page, path: string) {
  const attempts: { key: string | undefined; replayed: boolean }[] = [];
  await page.route(`**${path}`, async (route) => {
    if (route.request().method() === "GET") return route.fallback();
    const key = route.request().headers()["idempotency-key"];
    const response = await route.fetch();
    attempts.push({ key, replayed: response.headers()["idempotent-replayed"] === "true" });
    if (attempts.length === 1) return route.abort("internetdisconnected");
    return route.fulfill({ response });
  });
  return attempts;
}

test("a change whose answer was lost is sent again and counted once — a note queued offline, a start sent online", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { taskforce, toStart, toNote, today } = await huasongReady(page, playwright, baseURL, "电梯井位置有管线");

  // A note made offline waits in the outbox.
  await context.setOffline(true);
  const note = `管线单位已到现场 ${Date.now()}`;
  await page.getByTestId(`mine-note-button-${toNote.id}`).tap();
  const noteForm = page.getByTestId("blocker-note-form");
  await noteForm.getByTestId("blocker-note-text").fill(note);
  await noteForm.getByTestId("blocker-note-submit").tap();
  await expect(noteForm).toBeHidden();
  const outbox = page.getByTestId("outbox");
  await expect(outbox.getByTestId(`outbox-item-${toNote.id}`)).toContainText(note);

  // Back online, the outbox sends it; the server stores it, but its answer never arrives: the outbox sends it
  // again (after its back-off) and is answered from what the server stored.
  const noteAttempts = await loseFirstAnswer(page, `/api/buildings/${toNote.id}/blocker/notes`);
  await context.setOffline(false);
  await expect(outbox).toHaveCount(0, { timeout: 30_000 });
  expect(noteAttempts.map((attempt) => attempt.replayed)).toEqual([false, true]);
  expect(noteAttempts[0]?.key).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
  expect(noteAttempts[1]?.key).toBe(noteAttempts[0]?.key);

  // A start sent online whose answer is lost: queued with its key, resent, taken — not a conflict with itself.
  const stageAttempts = await loseFirstAnswer(page, `/api/buildings/${toStart.id}/stage`);
  await page.getByTestId(`mine-record-${toStart.id}`).tap();
  const form = page.getByTestId("record-stage-form");
  await expect(form.getByTestId("record-stage-stage")).toContainText("开工");
  await form.getByTestId("record-stage-submit").tap();
  await expect(form).toBeHidden();
  await expect(page.getByTestId("mine-group-started").getByTestId(`mine-card-${toStart.id}`)).toBeVisible({
    timeout: 30_000,
  });
  await expect(outbox).toHaveCount(0);
  expect(stageAttempts.map((attempt) => attempt.replayed)).toEqual([false, true]);
  expect(stageAttempts[1]?.key).toBe(stageAttempts[0]?.key);

  // The building's thread shows the note once.
  await page.getByTestId(`mine-link-${toNote.id}`).tap();
  const thread = page.getByTestId("blocker-supervision").getByTestId("blocker-thread");
  await expect(thread.locator("li.note-item").filter({ hasText: note })).toHaveCount(1);
  const stored = await api<BlockerThread>(taskforce, `/api/buildings/${toNote.id}/blocker/notes`);
  expect(stored.notes.filter((kept) => kept.text === note)).toHaveLength(1);
  // And the start is recorded once: one event, the building one version on.
  const started = await api<BuildingDetail>(taskforce, `/api/buildings/${toStart.id}`);
  expect(started.building.startedOn).toBe(today);
  expect(started.building.version).toBe(toStart.version + 1);
  expect(started.stageEvents.filter((event) => event.stage === "started")).toHaveLength(1);
  await taskforce.dispose();
});
