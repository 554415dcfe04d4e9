// Drill-down keeping the year, a zone leader's landing page, the one-page printed report, and a
// stage recorded in one browser context appearing on another context's open dashboard within 2 seconds.
import { expect, test } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { api, areaNamed, buildingIn, login, numberIn } from "../support/app";

async function dashboardReady(page: import("@playwright/test").Page, year: number) {
  await expect(page.locator(`[data-testid=dashboard][data-year="${year}"][aria-busy="false"]`)).toBeVisible();
}

test("drills down from the town to a zone, an area and a building, keeping the year", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/?year=2022");
  await dashboardReady(page, 2022);
  // The stalled counts name the thresholds they were counted with (the task force's settings, 90 and 180 days).
  await expect(page.getByTestId("stalled-signed")).toContainText("签约超过 90 天未开工");
  await expect(page.getByTestId("stalled-started")).toContainText("开工超过 180 天未完工");
  const zones = await api<{ id: number; name: string }[]>(page.request, "/api/zones");
  const zone = zones[1];
  await page.getByTestId(`zone-link-${zone.id}`).first().click();
  await expect(page).toHaveURL(new RegExp(`/zones/${zone.id}\\?.*year=2022`));
  await dashboardReady(page, 2022);
  await expect(page.getByTestId("dashboard-title")).toContainText(zone.name);

  const areas = await api<{ id: number; name: string; zoneId: number }[]>(page.request, `/api/areas?zoneId=${zone.id}`);
  await page.getByTestId(`area-link-${areas[0].id}`).first().click();
  await expect(page).toHaveURL(new RegExp(`/areas/${areas[0].id}\\?.*year=2022`));
  await expect(page.getByTestId("area-title")).toContainText(areas[0].name);

  const firstBuilding = page.locator("[data-testid^=building-link-]").first();
  await firstBuilding.click();
  await expect(page).toHaveURL(/\/buildings\/\d+\?.*year=2022/);
  await expect(page.getByTestId("building-page")).toBeVisible();
});

test("a leader bound to a zone lands on that zone", async ({ page }) => {
  await login(page, "leader1");
  const zones = await api<{ id: number; name: string }[]>(page.request, "/api/zones");
  const first = zones.find((zone) => zone.name === "第一片区");
  await expect(page).toHaveURL(new RegExp(`/zones/${first?.id}`));
  await expect(page.getByTestId("dashboard-title")).toContainText("第一片区");
});

test("the report prints on exactly one A4 page with the year's numbers", async ({ page }) => {
  await login(page, "leader");
  await page.goto("/report?year=2022");
  await expect(page.getByTestId("report-page")).toBeVisible();
  await expect(page.getByTestId("report-target-signed")).toContainText("122");
  const numbers = {
    signed: await numberIn(page.getByTestId("report-actual-signed")),
    started: await numberIn(page.getByTestId("report-actual-started")),
    completed: await numberIn(page.getByTestId("report-actual-completed")),
  };
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  expect(document.numPages).toBe(1);
  const content = await (await document.getPage(1)).getTextContent();
  const text = content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
  expect(text).toContain("2022");
  expect(text).toContain("122");
  for (const value of Object.values(numbers)) expect(text).toContain(String(value));
  expect(text).toContain("平塘");
});

test("a stage recorded in one browser appears on another's open dashboard within 2 seconds", async ({ browser }) => {
  const viewer = await browser.newContext();
  const editor = await browser.newContext();
  const viewerPage = await viewer.newPage();
  const editorPage = await editor.newPage();
  await login(viewerPage, "leader");
  await login(editorPage, "admin");
  const year = Number(
    await viewerPage.evaluate(() =>
      new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()),
    ),
  );
  await viewerPage.goto(`/?year=${year}`);
  await dashboardReady(viewerPage, year);
  const before = await numberIn(viewerPage.getByTestId("stage-actual-signed"));

  const area = await areaNamed(editorPage.request, "林泉");
  const building = await buildingIn(editorPage.request, area.id, "planned");
  const today = await editorPage.evaluate(() =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()),
  );
  const response = await editorPage.request.post(`/api/buildings/${building.id}/stage`, {
    headers: { "X-Requested-With": "e2e", "If-Match": `"${building.version}"` },
    data: { stage: "signed", date: today },
  });
  expect(response.status()).toBe(200);
  const recordedAt = Date.now();
  await expect(viewerPage.getByTestId("stage-actual-signed")).toHaveText(new RegExp(`\\b${before + 1}\\b`), {
    timeout: 2_000,
  });
  expect(Date.now() - recordedAt).toBeLessThan(2_000);
  await viewer.close();
  await editor.close();
});

test("the dashboard is readable on a phone: no horizontal scrolling, stage cards visible", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await login(page, "leader");
  await page.goto("/?year=2022");
  await dashboardReady(page, 2022);
  await expect(page.getByTestId("stage-card-completed")).toBeVisible();
  const overflow = await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
