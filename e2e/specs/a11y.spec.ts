// Accessibility: axe-core (WCAG 2.1 A and AA rules, contrast included) over every page each role reaches, at
// desktop and phone size. No serious or critical violation may remain; each failure names the rule, the page
// and the first offending elements.
import { createRequire } from "node:module";
import { expect, type Page, test } from "@playwright/test";
import { api, areaNamed, buildingIn, login } from "../support/app";

const require = createRequire(import.meta.url);
const AXE_SOURCE = require("node:fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") as string;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** The serious and critical violations on the page as it is now, described for a failure message. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the devtools protocol: the app's Content-Security-Policy forbids inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}, ${violation.nodes.length} elements): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(" | ")}`,
    );
}

/**
 * Waits for the page's content (not a spinner) before axe looks at it — all of it: on a phone, what follows the
 * dashboard's first screen loads when scrolled near.
 */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".ant-spin-spinning, [data-testid=page-spinner]")).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId("below-first-screen")).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

interface RolePages {
  user: string;
  pages: (page: Page) => Promise<string[]>;
}

const ROLES: RolePages[] = [
  {
    user: "admin",
    pages: async (page) => {
      const area = await areaNamed(page.request, "平塘");
      const building = await buildingIn(page.request, area.id, "signed");
      // This week's town briefing: generated here, or the one another spec generated.
      const briefing = await page.request.post("/api/briefings", {
        data: { zoneId: null },
        headers: { "X-Requested-With": "e2e" },
      });
      const body = await briefing.json();
      const briefingId = briefing.status() === 201 ? body.id : body.error?.current?.id;
      return [
        "/",
        `/zones/${area.zoneId}`,
        `/areas/${area.id}`,
        "/buildings",
        `/buildings/${building.id}`,
        `/mine?areaId=${area.id}`,
        "/supervision",
        "/targets",
        "/targets/letters/print",
        "/report",
        "/review",
        "/briefings",
        `/briefings/${briefingId}`,
        "/import",
        "/users",
        "/audit",
        "/settings",
      ];
    },
  },
  {
    user: "leader",
    pages: async (page) => {
      const area = await areaNamed(page.request, "平塘");
      return ["/", `/zones/${area.zoneId}`, "/buildings", "/supervision", "/report", "/review", "/briefings"];
    },
  },
  {
    user: "leader1",
    pages: async (page) => {
      const zones = await api<{ id: number }[]>(page.request, "/api/zones");
      const area = await areaNamed(page.request, "平塘");
      return ["/", `/zones/${zones[0]?.id}`, `/areas/${area.id}`, "/buildings", "/supervision", "/report"];
    },
  },
  {
    user: "sj-pingtang",
    pages: async (page) => {
      const area = await areaNamed(page.request, "平塘");
      const building = await buildingIn(page.request, area.id, "any");
      return ["/mine", "/", `/areas/${area.id}`, `/buildings/${building.id}`];
    },
  },
];

for (const role of ROLES) {
  for (const size of [
    { name: "desktop", width: 1440, height: 900 },
    { name: "phone", width: 390, height: 844 },
  ]) {
    test(`${role.user} on ${size.name}: no serious or critical axe violations on any page`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await login(page, role.user);
      const found: string[] = [];
      for (const path of await role.pages(page)) {
        await page.goto(path);
        await settle(page);
        for (const violation of await seriousViolations(page)) found.push(`${path}: ${violation}`);
        // Screen-reader users jump to the page's title: every page has exactly one <h1>.
        const titles = await page.locator("h1").count();
        if (titles !== 1) found.push(`${path}: ${titles} <h1> elements, not 1`);
      }
      expect(found, found.join("\n")).toEqual([]);
    });
  }
}

test("each target field is announced by whose target it is and the stage, not by an id", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/targets");
  await settle(page);
  await expect(page.getByRole("spinbutton", { name: "平塘 签约", exact: true })).toBeVisible();
  await expect(page.getByRole("spinbutton", { name: "全镇 完工", exact: true })).toBeVisible();
});
