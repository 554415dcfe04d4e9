// The Excel ledger round trip in the browser. The task force exports the town's ledger from the
// dashboard, sets a 签约日期 in it, imports it through the import page, sees exactly that change in the
// preview, commits it, and sees the year's signed count move by one. Also: unreadable and oversized files,
// and a commit refused because the building changed after the preview. The areas are 淞三 and 淞二, which no
// other spec changes.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { areaNamed, buildingIn, login, numberIn, patchBuilding } from "../support/app";

const HEADERS = [
  "编号",
  "居民区",
  "小区",
  "地址",
  "层数",
  "户数",
  "签约日期",
  "开工日期",
  "完工日期",
  "受阻类别",
  "备注",
];

/** Clicks a download link and returns the saved file's path. */
async function download(page: Page, testId: string, to: string): Promise<string> {
  const pending = page.waitForEvent("download");
  await page.getByTestId(testId).click();
  const file = await pending;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  await file.saveAs(to);
  return to;
}

async function readLedger(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("台账");
  if (!sheet) throw new Error("no sheet 台账");
  const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ""));
  return { workbook, sheet, column: (header: string) => headers.indexOf(header), headers };
}

/** The sheet row of the building with this 编号. */
function rowOf(sheet: ExcelJS.Worksheet, idColumn: number, id: number): ExcelJS.Row {
  for (let index = 2; index <= sheet.rowCount; index++) {
    const row = sheet.getRow(index);
    if (Number(row.getCell(idColumn).value) === id) return row;
  }
  throw new Error(`building ${id} is not in the ledger`);
}

test("the task force exports the ledger, sets a signing date in Excel, imports it and the 2022 count moves", async ({
  page,
}, testInfo) => {
  await login(page, "admin");
  await page.goto("/?year=2022");
  await expect(page.getByTestId("dashboard")).toHaveAttribute("data-year", "2022");
  const before = await numberIn(page.getByTestId("stage-actual-signed"));

  const file = await download(page, "ledger-export", testInfo.outputPath("town.xlsx"));
  expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
  const { workbook, sheet, column, headers } = await readLedger(file);
  for (const header of HEADERS) expect(headers).toContain(header);
  expect(workbook.worksheets.length).toBeGreaterThan(1);

  const area = await areaNamed(page.request, "淞三");
  const building = await buildingIn(page.request, area.id, "planned");
  const row = rowOf(sheet, column("编号"), building.id);
  expect(row.getCell(column("地址")).value).toBe(building.address);
  expect(row.getCell(column("签约日期")).value ?? "").toBe("");
  row.getCell(column("签约日期")).value = "2022-03-15";
  const edited = testInfo.outputPath("town-edited.xlsx");
  await workbook.xlsx.writeFile(edited);

  await page.goto("/import");
  await page.locator("input[type=file]").setInputFiles(edited);
  const preview = page.getByTestId("import-preview");
  await expect(preview).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-count-update")).toContainText(/^修改\s*1$/);
  await expect(page.getByTestId("import-count-create")).toContainText(/^新增\s*0$/);
  await expect(page.getByTestId("import-count-error")).toContainText(/行\s*0$/);
  await expect(page.getByTestId("import-has-errors")).toHaveCount(0);
  const rows = page.getByTestId("import-rows").locator("tbody tr.ant-table-row");
  await expect(rows).toHaveCount(1);
  const change = page.getByTestId(`import-change-${row.number}-signedOn`);
  await expect(change).toContainText("签约日期");
  await expect(change).toContainText("2022-03-15");
  await expect(rows.first()).toContainText(building.address);

  // The unchanged rows of the whole town are read a page of 50 at a time from the server.
  await page.getByTestId("import-filter").getByText(/^未变/).click();
  await expect(rows).toHaveCount(50);
  const firstOfPageOne = await rows.first().getAttribute("data-testid");
  await page.getByTestId("import-rows").locator(".ant-pagination-item-2").click();
  await expect(rows.first()).not.toHaveAttribute("data-testid", firstOfPageOne ?? "");
  await expect(rows).toHaveCount(50);
  await page
    .getByTestId("import-filter")
    .getByText(/^有改动/)
    .click();
  await expect(rows).toHaveCount(1);

  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-result")).toContainText("修改 1 栋");

  await page.goto("/?year=2022");
  await expect(page.getByTestId("stage-actual-signed")).toHaveText(new RegExp(`${before + 1}`));
  expect(await numberIn(page.getByTestId("stage-actual-signed"))).toBe(before + 1);
});

test("an unreadable file, an old .xls and a file over 5 MB are refused with a clear message; an .xlsx named .xls is read", async ({
  page,
}, testInfo) => {
  await login(page, "admin");
  await page.goto("/import");
  const junk = testInfo.outputPath("junk.xlsx");
  fs.writeFileSync(junk, "这不是一个 Excel 文件\n".repeat(100));
  await page.locator("input[type=file]").setInputFiles(junk);
  await expect(page.getByTestId("import-error")).toContainText("文件无法作为台账读取");
  await expect(page.getByTestId("import-preview")).toHaveCount(0);

  // An old binary .xls is explained by its content (and, below, a real .xlsx named .xls is read).
  const old = testInfo.outputPath("old.xls");
  fs.writeFileSync(
    old,
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
  );
  await page.locator("input[type=file]").setInputFiles(old);
  await expect(page.getByTestId("import-error")).toContainText("另存为 .xlsx");

  const big = testInfo.outputPath("big.xlsx");
  fs.writeFileSync(big, Buffer.alloc(6 * 1024 * 1024, 1));
  await page.locator("input[type=file]").setInputFiles(big);
  await expect(page.getByTestId("import-error")).toContainText("超过 5 MB");

  const misnamed = testInfo.outputPath("misnamed.xls");
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("台账").addRows([
    ["居民区", "地址"],
    ["淞四", "改名路 1号"],
  ]);
  await workbook.xlsx.writeFile(misnamed);
  await page.locator("input[type=file]").setInputFiles(misnamed);
  await expect(page.getByTestId("import-preview")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-count-create")).toContainText(/^新增\s*1$/);
});

test("a commit refused because the building changed after the preview offers to upload again", async ({
  page,
}, testInfo) => {
  await login(page, "admin");
  const area = await areaNamed(page.request, "淞二");
  await page.goto(`/areas/${area.id}`);
  const file = await download(page, "ledger-export", testInfo.outputPath("songer.xlsx"));
  const { workbook, sheet, column } = await readLedger(file);
  const building = await buildingIn(page.request, area.id, "planned");
  rowOf(sheet, column("编号"), building.id).getCell(column("备注")).value = "台账导入：待业主大会";
  const edited = testInfo.outputPath("songer-edited.xlsx");
  await workbook.xlsx.writeFile(edited);

  await page.goto("/import");
  await page.locator("input[type=file]").setInputFiles(edited);
  await expect(page.getByTestId("import-preview")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-count-update")).toContainText(/1$/);

  // Someone changes the building before the commit: nothing is imported, and the page offers a re-upload…
  await patchBuilding(page.request, building.id, { households: 21 });
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-commit-error")).toContainText("没有导入任何内容");
  await expect(page.getByTestId("import-commit")).toHaveCount(0);
  await page.getByTestId("import-reupload").click();
  // …whose preview points at the row: the file predates the change, so it must be exported again.
  await expect(page.getByTestId("import-has-errors")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-errors")).toContainText("请重新导出");
  await expect(page.getByTestId("import-commit")).toHaveCount(0);
});

test("an office's edited export: its totals row is skipped, a duplicate address and a row changed since are refused", async ({
  page,
}, testInfo) => {
  await login(page, "admin");
  const area = await areaNamed(page.request, "淞四");
  await page.goto(`/areas/${area.id}`);
  const file = await download(page, "ledger-export", testInfo.outputPath("songsi.xlsx"));
  const { workbook, sheet, column } = await readLedger(file);

  // After the export, someone else edits a building the office is also editing.
  const building = await buildingIn(page.request, area.id, "planned");
  await patchBuilding(page.request, building.id, { notes: "专班刚改的备注" });
  rowOf(sheet, column("编号"), building.id).getCell(column("备注")).value = "居委填写的备注";
  // The office deletes the 版本 column, adds two new buildings — the same door spelled two ways — and a
  // totals row under them.
  sheet.spliceColumns(column("版本"), 1);
  const next = sheet.rowCount + 1;
  const put = (row: number, values: Record<string, string | number>) => {
    for (const [header, value] of Object.entries(values)) sheet.getRow(row).getCell(column(header)).value = value;
  };
  put(next, { 居民区: "淞四", 地址: "淞四新村 1弄 8号" });
  put(next + 1, { 居民区: "淞四", 地址: "淞四新村1弄８号楼" });
  put(next + 2, { 地址: "合计", 户数: 2612 });
  const edited = testInfo.outputPath("songsi-edited.xlsx");
  await workbook.xlsx.writeFile(edited);

  await page.goto("/import");
  await page.locator("input[type=file]").setInputFiles(edited);
  await expect(page.getByTestId("import-has-errors")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-skipped")).toContainText(`${next + 2}`);
  await expect(page.getByTestId("import-skipped")).toContainText("合计行，不导入");
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText(`与第 ${next} 行的地址重复`);
  await expect(errors).toContainText(/导出（\d{4}-\d\d-\d\d \d\d:\d\d）后该楼栋已被修改/);
  await expect(page.getByTestId("import-count-create")).toContainText(/^新增\s*1$/);
  await expect(page.getByTestId("import-commit")).toHaveCount(0);
  // docs/LEDGER.md shows this preview: DOCS_SCREENSHOTS=1 refreshes the picture.
  if (process.env.DOCS_SCREENSHOTS) {
    const to = path.join(testInfo.config.rootDir, "..", "..", "docs", "screenshots", "import-preview.png");
    await page.screenshot({ path: to, fullPage: true });
  }
});
