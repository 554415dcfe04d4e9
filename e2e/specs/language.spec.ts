// With the UI switched to English, the server's messages come in English too (docs/ARCHITECTURE.md § Messages).
import { expect, test } from "@playwright/test";
import { login } from "../support/app";

const CJK = /[\u3400-\u9fff]/;

test("in English, a form shows the server's refusal in English", async ({ page }) => {
  await login(page, "admin");
  await page.getByTestId("language-switch").filter({ visible: true }).getByText("EN").click();
  await page.goto("/users");
  await expect(page.getByTestId("users-page")).toBeVisible();

  await page.getByTestId("user-add").click();
  const form = page.getByTestId("user-form");
  // A username that exists: only the server knows, and says so on the field.
  await form.getByTestId("user-username").fill("leader");
  await form.getByTestId("user-displayName").fill("Second leader");
  await form.getByTestId("user-role").click();
  await page.locator(".ant-select-item-option").filter({ hasText: "Task force" }).click();
  // The shared schema's own check, in the browser, speaks English too.
  await form.getByTestId("user-password").fill("short");
  await expect(form.locator(".ant-form-item-explain-error")).toHaveText("A password has at least 8 characters");
  await form.getByTestId("user-password").fill("long-enough-1");
  await page.getByRole("button", { name: "Save" }).click();

  const error = form.locator(".ant-form-item-explain-error");
  await expect(error).toHaveText("This username is taken");
  expect(await error.textContent()).not.toMatch(CJK);
});
