// Helpers shared by the specs: logging in through the UI, the demo accounts, and API look-ups through
// the page's own session.
import type {
  AreaWithCounts,
  Building,
  BuildingDetail,
  BuildingListItem,
  BuildingStage,
  Page as ListPage,
} from "@jiati/shared";
import { type APIRequestContext, expect, type Locator, type Page, type PlaywrightWorkerArgs } from "@playwright/test";

export const DEMO_PASSWORD = "xinjing-demo";

/** The task force elsewhere: an API session of its own (admin), apart from the page's. */
export async function taskforceApi(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
): Promise<APIRequestContext> {
  const taskforce = await playwright.request.newContext({ baseURL });
  const loggedIn = await taskforce.post("/api/session", {
    data: { username: "admin", password: DEMO_PASSWORD },
    headers: { "X-Requested-With": "e2e" },
  });
  expect(loggedIn.ok()).toBeTruthy();
  return taskforce;
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function logout(page: Page) {
  const menu = page.getByTestId("user-menu");
  await expect(menu.or(page.getByTestId("nav-toggle"))).toBeVisible();
  await expect(async () => {
    if (!page.url().includes("/login")) {
      const logoutItem = page.getByTestId("logout-button").filter({ visible: true }).first();
      if (!(await logoutItem.isVisible())) {
        await ((await menu.isVisible()) ? menu : page.getByTestId("nav-toggle")).click();
      }
      await logoutItem.click({ timeout: 5_000 });
    }
    await expect(page).toHaveURL(/\/login/, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}

/** The number shown in an element (digits only, so "1,234 台" reads 1234). */
export async function numberIn(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? "";
  const match = /-?[\d,]+(\.\d+)?/.exec(text);
  if (!match) throw new Error(`no number in "${text}"`);
  return Number(match[0].replaceAll(",", ""));
}

export async function api<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.ok(), `${path} → ${response.status()}`).toBeTruthy();
  return (await response.json()) as T;
}

export async function areaNamed(request: APIRequestContext, name: string): Promise<AreaWithCounts> {
  const areas = await api<AreaWithCounts[]>(request, "/api/areas");
  const area = areas.find((candidate) => candidate.name === name);
  if (!area) throw new Error(`no area ${name}`);
  return area;
}

/** A building of the area in the given stage (not blocked), found through the API. */
export async function buildingIn(
  request: APIRequestContext,
  areaId: number,
  stage: BuildingStage | "any",
  skip = 0,
): Promise<BuildingListItem> {
  const list = await api<ListPage<BuildingListItem>>(
    request,
    `/api/buildings?areaId=${areaId}${stage === "any" ? "" : `&stage=${stage}`}&blocked=false&pageSize=50`,
  );
  const building = list.items[skip];
  if (!building) throw new Error(`no ${stage} building in area ${areaId}`);
  return building;
}

/** Types a date into an antd DatePicker and confirms it. */
export async function pickDate(field: Locator, date: string) {
  const input = (await field.evaluate((node) => node.tagName)) === "INPUT" ? field : field.locator("input").first();
  await input.click();
  await input.press("Control+a");
  await input.pressSequentially(date);
  // Tab commits the typed date without submitting the form (Enter would submit it).
  await input.press("Tab");
}

/** Today in Shanghai, YYYY-MM-DD — the date the app defaults a stage to. */
export async function shanghaiToday(page: Page): Promise<string> {
  return page.evaluate(() => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()));
}

/** One building as the API has it now. */
export async function buildingById(request: APIRequestContext, id: number): Promise<Building> {
  return (await api<BuildingDetail>(request, `/api/buildings/${id}`)).building;
}

/** Edits a building through the API at its current version (as someone else, elsewhere, would). */
export async function patchBuilding(request: APIRequestContext, id: number, patch: Record<string, unknown>) {
  const { version } = await buildingById(request, id);
  const response = await request.patch(`/api/buildings/${id}`, {
    data: patch,
    headers: { "X-Requested-With": "e2e", "If-Match": `"${version}"` },
  });
  expect(response.ok(), `PATCH /api/buildings/${id} → ${response.status()}`).toBeTruthy();
}
