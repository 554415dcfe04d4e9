// Text with <script> saved in a note shows as text in the UI and never runs.
import { expect, test } from "@playwright/test";
import { areaNamed, buildingIn, login } from "../support/app";

test("a note containing <script> and HTML shows as text", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  await login(page, "admin");
  const area = await areaNamed(page.request, "北虹");
  const building = await buildingIn(page.request, area.id, "any");
  const note = `<script>alert("x")</script><img src=x onerror="alert(1)"><b>粗体</b>`;
  const response = await page.request.patch(`/api/buildings/${building.id}`, {
    headers: { "X-Requested-With": "e2e", "If-Match": `"${building.version}"` },
    data: { notes: note },
  });
  expect(response.status()).toBe(200);
  await page.goto(`/buildings/${building.id}`);
  await expect(page.getByTestId("building-facts")).toContainText(note);
  await expect(page.getByTestId("building-history")).toContainText("<script>");
  expect(await page.locator("b", { hasText: "粗体" }).count()).toBe(0);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});
