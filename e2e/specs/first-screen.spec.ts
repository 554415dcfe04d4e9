// The first screen answers "are we on track, who is behind, and why" without scrolling, for every role at
// desktop and phone size: the three stages against target, then the behind list (the town and zone views) or
// the area's own progress and rank (a secretary's home). Each first screen is attached to the test report.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { login } from "../support/app";

/** True when the element's top edge and first line lie inside the viewport as first shown (no scrolling). */
async function inFirstViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.y >= 0 && box.y + Math.min(box.height, 48) <= viewport.height;
}

interface FirstScreen {
  user: string;
  /** What this role must see without scrolling, beside the three stages. */
  answer: string;
}

const ROLES: FirstScreen[] = [
  { user: "admin", answer: "behind-list" },
  { user: "leader", answer: "behind-list" },
  { user: "leader1", answer: "behind-list" },
  { user: "sj-pingtang", answer: "area-progress" },
];

const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

for (const role of ROLES) {
  for (const size of SIZES) {
    test(`${role.user} on ${size.name}: the stages and who is behind are on the first screen`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await login(page, role.user);
      await page.waitForLoadState("networkidle");
      const answer = page.getByTestId(role.answer);
      await expect(answer).toBeVisible();
      await expect(page.locator(".ant-spin-spinning, [data-testid=page-spinner]")).toHaveCount(0);
      await page.evaluate(() => window.scrollTo(0, 0));

      await testInfo.attach(`${role.user}-${size.name}.png`, {
        body: await page.screenshot(),
        contentType: "image/png",
      });
      expect(await inFirstViewport(page, answer), `${role.answer} within the first ${size.height} px`).toBe(true);
      if (role.answer === "behind-list") {
        // The first line of the list — the one furthest behind — is readable without scrolling, with its gap.
        const first = answer.locator("li").first();
        expect(await inFirstViewport(page, first), "the first behind line is within the first viewport").toBe(true);
        await expect(first.locator("[data-testid^=behind-shortfall-]")).toHaveText(/\d/);
        for (const stage of ["signed", "started", "completed"]) {
          expect(await inFirstViewport(page, page.getByTestId(`stage-actual-${stage}`)), stage).toBe(true);
        }
      } else {
        await expect(page.getByTestId("area-rank")).toHaveText(/\d/);
        for (const stage of ["signed", "started", "completed"]) {
          expect(await inFirstViewport(page, page.getByTestId(`area-progress-${stage}`)), stage).toBe(true);
        }
      }
      // Nothing on the first screen needs a sideways scroll.
      const overflow = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
}
