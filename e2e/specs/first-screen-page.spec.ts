// The dashboard's first screen comes with the page (docs/ARCHITECTURE.md § The first screen): the three stages and
// who is behind are in the HTML before any script runs, the app then takes over without the figures leaving the
// screen for a frame, moving, or being fetched again; on a phone the antd parts load when first wanted; the login
// page comes with its form and keeps what was typed before the app took over.
import type { Summary } from "@jiati/shared";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { api, DEMO_PASSWORD } from "../support/app";

const STAGES = ["signed", "started", "completed"] as const;

/** Logs in through the API, so the page itself is never the login page. */
async function logIn(context: BrowserContext, username: string) {
  const response = await context.request.post("/api/session", {
    data: { username, password: DEMO_PASSWORD },
    headers: { "X-Requested-With": "e2e" },
  });
  expect(response.status()).toBe(200);
}

const whole = (value: number) => new Intl.NumberFormat("zh-CN").format(value);

/** The figures the page shows are the summary's. */
async function expectFiguresOf(page: Page, summary: Summary) {
  for (const stage of STAGES) {
    await expect(page.getByTestId(`stage-actual-${stage}`)).toHaveText(whole(summary.stages[stage].actual));
    const target = summary.stages[stage].target;
    await expect(page.getByTestId(`stage-target-${stage}`)).toHaveText(target == null ? "—" : whole(target));
  }
}

test("the figures and who is behind are in the page before any script runs", async ({ page, context }) => {
  await logIn(context, "leader");
  const summary = await api<Summary>(page.request, "/api/summary");
  await page.route("**/*.js", (route) => route.abort());
  const response = await page.goto("/");
  expect(response?.headers()["cache-control"]).toBe("private, no-store");

  await expect(page.getByTestId("dashboard-title")).toContainText(`全镇 · ${summary.year}年进度`);
  await expectFiguresOf(page, summary);
  const behind = summary.zones.filter((zone) => zone.behind);
  if (behind.length) {
    await expect(page.getByTestId("behind-list").locator("li")).toHaveCount(Math.min(8, behind.length));
    for (const zone of behind.slice(0, 8))
      await expect(page.getByTestId(`behind-zone-${zone.id}`)).toContainText(zone.name);
  } else {
    await expect(page.getByTestId("behind-none")).toBeVisible();
  }
  // No script ran: no menu, and the figures' links lead to the buildings they count all the same.
  await expect(page.getByTestId("nav-menu")).toHaveCount(0);
  await expect(page.getByTestId("stage-actual-signed")).toHaveAttribute(
    "href",
    `/buildings?counted=signed&from=${summary.year}-01-01&to=${summary.year}-12-31`,
  );
});

test("the app takes over without the figures leaving the screen, moving, or being fetched again", async ({
  page,
  context,
}) => {
  await logIn(context, "admin");
  const summary = await api<Summary>(page.request, "/api/summary");
  const fetched: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path === "/api/summary" || path === "/api/session" || path === "/api/area-statuses") fetched.push(path);
  });
  // Every frame, from the page's first: where the signed figure is and what it says (null: not on screen).
  await page.addInitScript(() => {
    const frames: ([number, string] | null)[] = [];
    (window as unknown as { frames_: typeof frames }).frames_ = frames;
    const tick = () => {
      const figure = document.querySelector('[data-testid="stage-actual-signed"]');
      frames.push(figure ? [Math.round(figure.getBoundingClientRect().top), figure.textContent ?? ""] : null);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  await page.goto("/");
  // The app has taken over: the menu and the user's name are in the header, the charts below.
  await expect(page.getByTestId("nav-menu")).toBeVisible();
  await expect(page.getByTestId("current-user").filter({ visible: true })).toBeVisible();
  await expect(page.getByTestId("funnel")).toBeVisible();
  await expectFiguresOf(page, summary);

  const frames = await page.evaluate(() => (window as unknown as { frames_: ([number, string] | null)[] }).frames_);
  const first = frames.findIndex((frame) => frame !== null);
  expect(first, "the figure is on screen").toBeGreaterThanOrEqual(0);
  const shown = frames.slice(first);
  expect(
    shown.filter((frame) => frame === null),
    "frames without the figure after it first showed",
  ).toEqual([]);
  expect(new Set(shown.map((frame) => frame?.[0])), "where the figure stood, frame by frame").toEqual(
    new Set([shown[0]?.[0]]),
  );
  expect(new Set(shown.map((frame) => frame?.[1]))).toEqual(new Set([whole(summary.stages.signed.actual)]));
  // The page's data filled the cache: none of it was asked for again.
  expect(fetched).toEqual([]);
});

test("a zone leader's page comes with their zone's figures", async ({ page, context }) => {
  await logIn(context, "leader1");
  const zones = await api<{ id: number; name: string }[]>(page.request, "/api/zones");
  const zone = zones.find((candidate) => candidate.name === "第一片区");
  if (!zone) throw new Error("no 第一片区");
  const summary = await api<Summary>(page.request, `/api/summary?zoneId=${zone.id}`);
  await page.route("**/*.js", (route) => route.abort());
  await page.goto(`/zones/${zone.id}`);
  await expect(page.getByTestId("dashboard-title")).toContainText("第一片区");
  await expectFiguresOf(page, summary);
  for (const area of (summary.areas ?? []).filter((row) => row.behind).slice(0, 8)) {
    await expect(page.getByTestId(`behind-area-${area.id}`)).toContainText(area.name);
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the menu, the year and what follows the first screen load when first wanted", async ({ page, context }) => {
    await logIn(context, "admin");
    const summary = await api<Summary>(page.request, "/api/summary");
    const antd: string[] = [];
    page.on("request", (request) => {
      if (/\/assets\/(AntdScope|HeaderNav|DashboardControls|DashboardMore)-/.test(request.url()))
        antd.push(request.url());
    });
    await page.goto("/");
    await expect(page.getByTestId("nav-toggle")).toBeVisible();
    await expectFiguresOf(page, summary);
    await page.waitForLoadState("networkidle");
    expect(antd, "antd parts loaded before anything asked for them").toEqual([]);

    // The year placeholder, tapped, brings the year menu, open.
    await page.getByRole("button", { name: `${summary.year}年 · 年份` }).tap();
    await expect(page.getByTestId(`year-option-${summary.year}`)).toBeVisible();
    await page.keyboard.press("Escape");

    // The menu button brings the drawer with the menu.
    await page.getByTestId("nav-toggle").tap();
    await expect(page.getByTestId("nav-menu").filter({ visible: true })).toBeVisible();
    await page.keyboard.press("Escape");

    // Scrolled down, the rankings arrive.
    await page.getByTestId("below-first-screen").scrollIntoViewIfNeeded();
    await expect(page.getByTestId("zone-table")).toBeVisible();
  });
});

/** Holds back the app's scripts until the returned function is called: the page stays the server's until then. */
async function holdScripts(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const scriptsHeld = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/assets/*.js", async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  return release;
}

test("what is typed into the login form while the app takes over is kept, every key of it", async ({
  page,
  context,
}) => {
  // The takeover renders as a transition, yielding to the browser: on a slow phone the user types on meanwhile.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
  const release = await holdScripts(page);
  await page.goto("/login", { waitUntil: "commit" });
  await page.getByTestId("login-username").fill("ad");
  await page.getByTestId("login-password").focus();
  release();
  // Keys one after another from before the app's script runs until well after it has taken over.
  const typed = "a-password-typed-across-the-takeover";
  await page.keyboard.type(typed, { delay: 40 });
  await expect(page.getByTestId("login-submit")).toBeEnabled();
  await expect(page.getByTestId("login-username")).toHaveValue("ad");
  await expect(page.getByTestId("login-password")).toHaveValue(typed);
  await expect(page.getByTestId("login-password")).toBeFocused();
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
});

test("the login page comes with its form; what is typed before the app runs is kept", async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto("/login", { waitUntil: "commit" });
  const submit = page.getByTestId("login-submit");
  await expect(submit).toBeDisabled();
  await page.getByTestId("login-username").fill("admin");
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);

  release();
  await expect(submit).toBeEnabled();
  await expect(page.getByTestId("login-username")).toHaveValue("admin");
  await expect(page.getByTestId("login-password")).toHaveValue(DEMO_PASSWORD);
  await expect(page.getByTestId("login-password")).toBeFocused();
  await submit.click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(page.getByTestId("dashboard-title")).toBeVisible();
});
