// The weekly 简报 (docs/DOMAIN.md § Weekly briefing): the task force generates this week's town briefing, writes
// its 下一步工作, issues it (after which editing is no longer offered), downloads it as .docx and prints it on A4;
// a zone leader sees their own zone's briefing only.

import fs from "node:fs";
import type { Briefing, BriefingList, Summary } from "@jiati/shared";
import { expect, type Page, test } from "@playwright/test";
import JSZip from "jszip";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { api, login, logout } from "../support/app";

const NEXT_STEPS = ["一、约谈剑河路低层住户，争取本月签约。", "二、督办管线迁移，协调燃气公司排期。"];

/**
 * Glyphs the CJK font shares between forms, which pdf.js reads back as a radical or a variant that NFKC does not
 * fold (its Kangxi radicals, such as ⼯ for 工, NFKC folds itself).
 */
const SHARED_GLYPHS: Record<string, string> = { "⺠": "民", "⻓": "长", 戶: "户" };
/** Text as compared: the PDF's compatibility forms folded, spaces and line breaks removed. */
const plain = (text: string) =>
  text
    .normalize("NFKC")
    .replace(/[⺠⻓戶]/g, (char) => SHARED_GLYPHS[char] ?? char)
    .replace(/\s+/g, "");

async function pdfText(page: Page): Promise<{ pages: number; text: string }> {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  let text = "";
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  return { pages: document.numPages, text: plain(text) };
}

let townBriefingId = 0;

test("the task force generates this week's town briefing, edits 下一步工作, issues it, downloads and prints it", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await login(page, "admin");
  await page.getByTestId("nav-briefings").click();
  await expect(page).toHaveURL(/\/briefings$/);
  await page.getByTestId("briefing-generate").click();
  await expect(page).toHaveURL(/\/briefings\/\d+$/);
  townBriefingId = Number(/\/briefings\/(\d+)$/.exec(page.url())?.[1]);
  const draft = await api<Briefing>(page.request, `/api/briefings/${townBriefingId}`);
  expect(draft).toMatchObject({ zoneId: null, status: "draft" });

  // The headline states the summary's figures of the same day.
  const summary = await api<Summary>(page.request, `/api/summary?year=${draft.year}&asOf=${draft.asOf}`);
  expect(draft.content.stages.signed.actual).toBe(summary.stages.signed.actual);
  await expect(page.getByTestId("briefing-headline")).toHaveText(draft.content.headline);
  expect(draft.content.headline).toContain(`今年已签约${summary.stages.signed.actual}台`);
  await expect(page.getByTestId("briefing-unit")).toHaveText("新泾镇加梯专班");
  await expect(page.getByTestId("briefing-issue")).toHaveText("（草稿）");

  // 下一步工作, saved at its version; still there after a reload.
  await page.getByTestId("briefing-next-steps-input").fill(NEXT_STEPS.join("\n"));
  await page.getByTestId("briefing-next-steps-save").click();
  await expect(page.getByTestId("briefing-next-steps-save")).toBeDisabled();
  await page.reload();
  await expect(page.getByTestId("briefing-next-steps-input")).toHaveValue(NEXT_STEPS.join("\n"));

  // Issued: numbered, frozen — no editor, no regenerate, no issue.
  await page.getByTestId("briefing-issue-button").click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "印发" }).click();
  await expect(page.getByTestId("briefing-page")).toHaveAttribute("data-status", "issued");
  await expect(page.getByTestId("briefing-issue")).toHaveText(/^第\d+期$/);
  await expect(page.getByTestId("briefing-notice")).toContainText("已于");
  await expect(page.getByTestId("briefing-next-steps-input")).toHaveCount(0);
  await expect(page.getByTestId("briefing-regenerate")).toHaveCount(0);
  await expect(page.getByTestId("briefing-issue-button")).toHaveCount(0);
  await expect(page.getByTestId("briefing-next-steps")).toContainText(NEXT_STEPS[1] as string);
  const issued = await api<Briefing>(page.request, `/api/briefings/${townBriefingId}`);
  expect(issued.status).toBe("issued");
  expect(issued.content).toEqual(draft.content);

  // The .docx: a real Word document with the same headline and next steps, named in Chinese.
  const pending = page.waitForEvent("download");
  await page.getByTestId("briefing-download").click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe(`新泾镇加装电梯工作简报第${issued.issueNo}期-${issued.week}.docx`);
  const saved = testInfo.outputPath("briefing.docx");
  await download.saveAs(saved);
  const zip = await JSZip.loadAsync(fs.readFileSync(saved));
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  const docText = xml.replace(/<[^>]+>/g, "");
  expect(docText).toContain(issued.content.headline);
  for (const line of NEXT_STEPS) expect(docText).toContain(line);
  expect(docText).toContain("新泾镇加梯专班");

  // Printed on A4: the issuing unit and the headline, none of the app around it.
  const printed = await pdfText(page);
  expect(printed.text).toContain("新泾镇加梯专班");
  expect(printed.text).toContain(plain(issued.content.headline));
  for (const line of NEXT_STEPS) expect(printed.text).toContain(plain(line));
  expect(printed.text).not.toContain("下载Word");
  expect(printed.text).not.toContain("简报列表");

  // The list shows it issued, newest week first.
  await page.getByRole("link", { name: "简报列表" }).click();
  await expect(page.getByTestId(`briefing-link-${townBriefingId}`)).toBeVisible();
  await expect(page.getByTestId("briefings-table")).toContainText("已印发");
});

test("a zone leader sees their own zone's briefing only", async ({ page }) => {
  await login(page, "admin");
  const users = await api<{ username: string; zoneId: number | null }[]>(page.request, "/api/users");
  const zones = await api<{ id: number; name: string }[]>(page.request, "/api/zones");
  const leaderZone = zones.find((zone) => zone.id === users.find((user) => user.username === "leader1")?.zoneId);
  if (!leaderZone) throw new Error("leader1 leads no zone");
  const created = await page.request.post("/api/briefings", {
    data: { zoneId: leaderZone.id },
    headers: { "X-Requested-With": "e2e" },
  });
  expect([201, 409]).toContain(created.status());
  const list = await api<BriefingList>(page.request, "/api/briefings");
  const zoneBriefing = list.items.find((item) => item.zoneId === leaderZone.id) as Briefing;
  const townBriefing = list.items.find((item) => item.zoneId === null) as Briefing;
  expect(townBriefing).toBeTruthy();
  await logout(page);

  await login(page, "leader1");
  await page.getByTestId("nav-briefings").click();
  const rows = page.locator("[data-testid^=briefing-link-]");
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId(`briefing-link-${zoneBriefing.id}`)).toBeVisible();
  await expect(page.getByTestId("briefings-table")).toContainText(leaderZone.name);
  await expect(page.getByTestId("briefing-generate")).toHaveCount(0);
  await page.getByTestId(`briefing-link-${zoneBriefing.id}`).click();
  await expect(page.getByTestId("briefing-issue")).toContainText(leaderZone.name);
  await expect(page.getByTestId("briefing-headline")).toContainText(`${leaderZone.name}今年已签约`);
  await expect(page.getByTestId("briefing-next-steps-input")).toHaveCount(0);
  await expect(page.getByTestId("briefing-issue-button")).toHaveCount(0);

  // The town's briefing is not theirs.
  await page.goto(`/briefings/${townBriefing.id}`);
  await expect(page.getByText("只能查看本片区的简报")).toBeVisible();
  expect((await page.request.get(`/api/briefings/${townBriefing.id}.docx`)).status()).toBe(403);
});

test("a secretary has no 简报", async ({ page }) => {
  await login(page, "sj-pingtang");
  await expect(page.getByTestId("nav-mine").first()).toBeAttached();
  await expect(page.getByTestId("nav-briefings")).toHaveCount(0);
  expect((await page.request.get("/api/briefings")).status()).toBe(403);
});
