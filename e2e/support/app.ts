// Helpers shared by the specs: logging in through the UI, and the demo accounts.
import type { Page } from "@playwright/test";

export const DEMO_PASSWORD = "xinjing-demo";

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}
