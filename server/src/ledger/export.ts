// The Excel ledger out: GET /api/export/buildings.xlsx streams the town's (or one area's) buildings, one row
// per building, read area by area in keyset pages, so a city-sized ledger never sits in memory; then a
// summary sheet with the year's targets and actuals. GET /api/import/template.xlsx is the empty ledger.

import { once } from "node:events";
import {
  BLOCKER_CATEGORIES,
  BLOCKER_LABELS,
  blockedDays,
  EXPORT_INFO_SHEET,
  LEDGER_COLUMNS,
  LEDGER_HEADER,
  LEDGER_READ_ONLY_HEADERS,
  LEDGER_SHEET,
  type LedgerKey,
  msg,
  RECORDED_STAGES,
  REQUIRED_LEDGER_KEYS,
  STAGE_LABELS,
  type Summary,
  shanghaiMinute,
  WITHDRAWN_TEXT,
  XLSX_MIME,
} from "@jiati/shared";
import ExcelJS from "exceljs";
import type { Response } from "express";
import type { RequestContext } from "../core/context";
import type { Deps } from "../core/deps";
import { NotFound } from "../core/errors";
import type { SummaryService } from "../summary/service";
import {
  areaBuildingsPage,
  type BuildingRow,
  buildingCountsByArea,
  buildingsOfAreas,
  lastBlockerNotes,
  loadAreas,
} from "./repo";

const PAGE_SIZE = 1_000;
/**
 * Above this many rows the ledger is written without cell styles (bold header, text-formatted date columns):
 * exceljs's style bookkeeping triples the time per row, and a city-sized export would hold the event loop.
 */
const STYLED_ROWS_MAX = 20_000;
export const SUMMARY_SHEET = "汇总";
export const INSTRUCTIONS_SHEET = "填写说明";

const WIDTHS: Record<LedgerKey, number> = {
  id: 8,
  areaId: 12,
  estate: 16,
  address: 30,
  floors: 6,
  households: 6,
  elderlyHouseholds: 10,
  elevatorCompany: 18,
  consentRate: 8,
  costWan: 12,
  subsidyWan: 12,
  signedOn: 12,
  startedOn: 12,
  completedOn: 12,
  blockerCategory: 14,
  blockerNote: 24,
  withdrawn: 6,
  notes: 30,
  version: 6,
};
/**
 * Columns formatted as text (@) in Excel: a date typed there stays YYYY-MM-DD and round-trips exactly, and a
 * note or address that looks like a formula (=1+1, +86…, @SUM) stays text even when a user edits the cell —
 * in a General cell, Excel and WPS turn it into a formula on Enter (docs/LEDGER.md § Formula-looking text).
 */
const TEXT_COLUMNS = new Set<LedgerKey>([
  "estate",
  "address",
  "elevatorCompany",
  "signedOn",
  "startedOn",
  "completedOn",
  "blockerNote",
  "notes",
]);

function ledgerColumns(): Partial<ExcelJS.Column>[] {
  return LEDGER_COLUMNS.map((column) => ({
    key: column.key,
    width: WIDTHS[column.key],
    ...(TEXT_COLUMNS.has(column.key) ? { style: { numFmt: "@" } } : {}),
  }));
}

/** The export's read-only columns after 版本 (days blocked, last progress note), which an import ignores. */
const READ_ONLY_COLUMNS: Partial<ExcelJS.Column>[] = [
  { key: "blockedDays", width: 8 },
  { key: "lastBlockerNote", width: 36, style: { numFmt: "@" } },
];
const READ_ONLY_HEADERS = [LEDGER_READ_ONLY_HEADERS.blockedDays, LEDGER_READ_ONLY_HEADERS.lastBlockerNote];

/** A building's read-only cells: days blocked as of `today` and its blocker's last note, empty when not blocked. */
function readOnlyCells(building: BuildingRow, lastNote: string | undefined, today: string): (string | number | null)[] {
  return [blockedDays(building, today), lastNote ?? null];
}

/** A building as a ledger row: dates as YYYY-MM-DD text, empty values as empty cells. */
export function ledgerRow(building: BuildingRow, areaName: string): (string | number | null)[] {
  const text = (value: string) => (value === "" ? null : value);
  const number = (value: number | string | null) => (value == null ? null : Number(value));
  const values: Record<LedgerKey, string | number | null> = {
    id: building.id,
    areaId: areaName,
    estate: text(building.estate),
    address: building.address,
    floors: building.floors,
    households: building.households,
    elderlyHouseholds: building.elderlyHouseholds,
    elevatorCompany: text(building.elevatorCompany),
    consentRate: number(building.consentRate),
    costWan: number(building.costWan),
    subsidyWan: number(building.subsidyWan),
    signedOn: building.signedOn,
    startedOn: building.startedOn,
    completedOn: building.completedOn,
    blockerCategory: building.blockerCategory
      ? (BLOCKER_LABELS[building.blockerCategory as keyof typeof BLOCKER_LABELS] ?? building.blockerCategory)
      : null,
    blockerNote: text(building.blockerNote),
    withdrawn: building.withdrawn ? WITHDRAWN_TEXT.yes : WITHDRAWN_TEXT.no,
    notes: text(building.notes),
    version: building.version,
  };
  return LEDGER_COLUMNS.map((column) => values[column.key]);
}

/** `attachment` with an ASCII fallback and the real (Chinese) name in RFC 5987 form. */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

function sendHeaders(res: Response, fileName: string, asciiFallback: string) {
  res.status(200);
  res.setHeader("Content-Type", XLSX_MIME);
  res.setHeader("Content-Disposition", contentDisposition(fileName, asciiFallback));
  res.setHeader("Cache-Control", "no-store");
}

const INSTRUCTIONS: [string, string][] = [
  ["编号", "系统中楼栋的编号。修改已有楼栋时保留；新建楼栋时留空。请勿改动。"],
  ["居民区", "必填，须与系统中的居民区名称一致。居民区书记只能导入本居民区的楼栋。"],
  [
    "地址",
    "必填，门牌幢地址（如「天山西路 799弄 12号」），全系统不能重复：空格、全角数字和「号/号楼/幢/栋」的写法不同视为同一地址。",
  ],
  ["层数 / 户数 / 60岁以上老人户数", "整数；层数 2–40，老人户数不多于户数。可留空。"],
  ["同意率", "百分数，0–100，可写 85、85% 或 0.85（不大于 1 的小数按比例读）。"],
  ["总造价(万元) / 补贴(万元)", "数字，最多两位小数。"],
  [
    "签约日期 / 开工日期 / 完工日期",
    "文本日期 YYYY-MM-DD（也可写 2022/3/1、2022年3月1日、20220301 或 Excel 日期），不能晚于今天、不能早于 2011-01-01；签约 ≤ 开工 ≤ 完工。",
  ],
  ["受阻类别", `${BLOCKER_CATEGORIES.map((c) => BLOCKER_LABELS[c]).join("、")} 之一，留空表示未受阻。`],
  ["受阻说明", "受阻的具体情况；填写时须同时填写受阻类别。"],
  ["撤销", `「${WITHDRAWN_TEXT.yes}」或「${WITHDRAWN_TEXT.no}」（空白即否）。撤销或恢复楼栋需要在提交时填写原因。`],
  ["版本", "导出时楼栋的版本。若导出后该楼栋被他人修改，导入时该行会报错，请重新导出。新建楼栋留空。"],
  ["公式", "不接受公式：含公式的单元格会报错，请「选择性粘贴 → 数值」。"],
  ["原因", "把阶段日期往前改、清除日期、撤销或恢复楼栋，提交导入时需填写原因。"],
];

/**
 * Reads the buildings of `scope`, area by area, handing them on a page at a time: small areas in batches of
 * about a page, an area larger than a page in keyset pages — so memory stays flat however large the town.
 * Stops when the client has gone.
 */
async function readBuildings(
  db: Deps["db"],
  scope: readonly { id: number }[],
  counts: Map<number, number>,
  res: Response,
  writePage: (page: BuildingRow[]) => Promise<void>,
): Promise<void> {
  let batch: number[] = [];
  let batchSize = 0;
  const flush = async () => {
    if (batch.length) await writePage(await buildingsOfAreas(db, batch));
    batch = [];
    batchSize = 0;
  };
  for (const area of scope) {
    if (res.destroyed) return;
    const count = counts.get(area.id) ?? 0;
    if (count === 0) continue;
    if (count > PAGE_SIZE) {
      await flush();
      await readAreaInPages(db, area.id, res, writePage);
      continue;
    }
    if (batchSize + count > PAGE_SIZE) await flush();
    batch.push(area.id);
    batchSize += count;
  }
  await flush();
}

async function readAreaInPages(
  db: Deps["db"],
  areaId: number,
  res: Response,
  writePage: (page: BuildingRow[]) => Promise<void>,
): Promise<void> {
  let after: { addressSort: string; id: number } | null = null;
  for (;;) {
    const page = await areaBuildingsPage(db, areaId, after, PAGE_SIZE);
    await writePage(page);
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE || res.destroyed) return;
    after = { addressSort: last.addressSort, id: last.id };
  }
}

export class LedgerExport {
  constructor(
    private readonly deps: Deps,
    private readonly summary: SummaryService,
  ) {}

  /** Streams the ledger of the town, of `zoneId` or of `areaId`, with the summary of `year` for the same scope. */
  async write(
    res: Response,
    ctx: RequestContext,
    options: { areaId?: number; zoneId?: number; year: number },
  ): Promise<void> {
    const db = this.deps.db;
    const allAreas = await loadAreas(db);
    const areaNames = new Map(allAreas.map((area) => [area.id, area.name]));
    const scope = allAreas.filter(
      (area) =>
        (options.areaId === undefined || area.id === options.areaId) &&
        (options.zoneId === undefined || area.zoneId === options.zoneId),
    );
    const [onlyArea] = scope;
    if (options.areaId && !onlyArea) throw new NotFound(msg("notFound.area"));
    // Computed before the first byte, so an error (an unknown zone: 404) can still be a proper error response.
    const summary = await this.summary.summary(options.year, options.zoneId ?? null, ctx.today);
    const scopeName = onlyArea && options.areaId ? onlyArea.name : (summary.scope.zoneName ?? "全部居民区");
    const fileScope = options.areaId ?? (options.zoneId ? `zone-${options.zoneId}` : "all");

    sendHeaders(res, `加梯台账-${scopeName}-${ctx.today}.xlsx`, `ledger-${fileScope}-${ctx.today}.xlsx`);
    const counts = await buildingCountsByArea(db);
    const total = scope.reduce((sum, area) => sum + (counts.get(area.id) ?? 0), 0);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: res,
      useStyles: total <= STYLED_ROWS_MAX,
      useSharedStrings: false,
    });
    workbook.creator = "加梯进度";
    const sheet = workbook.addWorksheet(LEDGER_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = [...ledgerColumns(), ...READ_ONLY_COLUMNS];
    const header = sheet.addRow([...LEDGER_COLUMNS.map((column) => column.header), ...READ_ONLY_HEADERS]);
    header.font = { bold: true };
    header.commit();

    let written = 0;
    await readBuildings(db, scope, counts, res, async (page) => {
      const notes = await lastBlockerNotes(
        db,
        page.filter((b) => b.blockerCategory).map((b) => b.id),
      );
      for (const building of page) {
        const row = ledgerRow(building, areaNames.get(building.areaId) ?? "");
        sheet.addRow([...row, ...readOnlyCells(building, notes.get(building.id), ctx.today)]).commit();
      }
      written += page.length;
      if (res.writableNeedDrain) await once(res, "drain");
    });
    sheet.commit();

    this.writeSummary(workbook.addWorksheet(SUMMARY_SHEET), summary, {
      scopeName,
      areaId: options.areaId,
      written,
      now: ctx.now,
    });
    // When it was exported: an import of this file without its 版本 column can still tell rows changed since.
    const info = workbook.addWorksheet(EXPORT_INFO_SHEET, { state: "veryHidden" });
    info.addRow(["导出时间", ctx.now.toISOString()]).commit();
    info.addRow(["说明", "本表由加梯进度导出时写入，请勿修改"]).commit();
    info.commit();
    await workbook.commit();
  }

  private writeSummary(
    sheet: ExcelJS.Worksheet,
    summary: Summary,
    info: { scopeName: string; areaId?: number; written: number; now: Date },
  ) {
    sheet.columns = [{ width: 18 }, ...RECORDED_STAGES.flatMap(() => [{ width: 10 }, { width: 10 }, { width: 10 }])];
    const title = sheet.addRow(["加梯台账 说明/汇总"]);
    title.font = { bold: true, size: 14 };
    sheet.addRow(["导出时间", `${shanghaiMinute(info.now)}（北京时间）`]);
    sheet.addRow(["台账范围", info.scopeName]);
    sheet.addRow(["楼栋数", info.written]);
    sheet.addRow(["汇总年度", summary.year]);
    sheet.addRow([]);
    sheet.addRow(["说明", `「${LEDGER_SHEET}」工作表每行一栋楼（一台电梯），日期为文本 YYYY-MM-DD。`]);
    sheet.addRow([
      "",
      "修改后可在系统「导入」页面上传：有编号的行按编号更新，编号留空的行新建楼栋；请勿修改编号和版本。",
    ]);
    sheet.addRow(["", "撤销的楼栋保留在台账中，但不计入各年度的签约、开工、完工数。"]);
    sheet.addRow([]);
    const head = sheet.addRow([
      "范围",
      ...RECORDED_STAGES.flatMap((stage) => [
        `${STAGE_LABELS[stage]}目标`,
        `${STAGE_LABELS[stage]}实际`,
        `${STAGE_LABELS[stage]}完成率(%)`,
      ]),
    ]);
    head.font = { bold: true };
    type Progress = { actual: number; target: number | null; percent: number | null };
    const line = (name: string, stages: Record<(typeof RECORDED_STAGES)[number], Progress>) => {
      sheet.addRow([
        name,
        ...RECORDED_STAGES.flatMap((stage) => [stages[stage].target, stages[stage].actual, stages[stage].percent]),
      ]);
    };
    line(summary.scope.zoneName ? `片区：${summary.scope.zoneName}` : "全镇", summary.stages);
    const areaRows = summary.areas?.filter((row) => info.areaId === undefined || row.id === info.areaId);
    if (areaRows) {
      for (const row of areaRows) line(row.name, row.stages);
    } else {
      if (!summary.scope.zoneName) for (const zone of summary.zones) line(`片区：${zone.name}`, zone.stages);
      sheet.addRow(["居民区过多，按片区汇总。"]);
    }
    if (!summary.areas && info.areaId !== undefined) sheet.addRow(["（所选居民区的汇总见系统汇总页）"]);
    sheet.commit();
  }

  /** The empty ledger, with the column formats, pick lists, and a sheet of instructions. */
  async template(res: Response, ctx: RequestContext): Promise<void> {
    const areas = await loadAreas(this.deps.db);
    const importable =
      ctx.user.role === "secretary"
        ? areas.filter((area) => area.id === ctx.user.areaId)
        : ctx.user.role === "leader"
          ? []
          : areas;
    const workbook = new ExcelJS.Workbook();
    workbook.creator = "加梯进度";
    const sheet = workbook.addWorksheet(LEDGER_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = ledgerColumns();
    const header = sheet.addRow(LEDGER_COLUMNS.map((column) => column.header));
    header.font = { bold: true };
    const colOf = (key: LedgerKey) => LEDGER_COLUMNS.findIndex((column) => column.key === key) + 1;
    const blockerList = `"${BLOCKER_CATEGORIES.map((c) => BLOCKER_LABELS[c]).join(",")}"`;
    for (let row = 2; row <= 1_001; row++) {
      sheet.getCell(row, colOf("blockerCategory")).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [blockerList],
      };
      sheet.getCell(row, colOf("withdrawn")).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [`"${WITHDRAWN_TEXT.yes},${WITHDRAWN_TEXT.no}"`],
      };
    }

    const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
    help.columns = [{ width: 30 }, { width: 90 }];
    help.addRow(["加梯台账 导入模板 填写说明"]).font = { bold: true, size: 14 };
    help.addRow([
      `在「${LEDGER_SHEET}」工作表第 2 行起每行填写一栋楼；表头不要改动。必填列：${REQUIRED_LEDGER_KEYS.map((key) => LEDGER_HEADER[key]).join("、")}（编号列保留但新建时留空）。`,
    ]);
    help.addRow(["上传后系统先给出预览（每行新建、修改或错误），确认无误再提交；提交时全部导入或全部不导入。"]);
    help.addRow([]);
    help.addRow(["列", "填写要求"]).font = { bold: true };
    for (const [column, rule] of INSTRUCTIONS) help.addRow([column, rule]);
    help.addRow([]);
    help.addRow(["可导入的居民区"]).font = { bold: true };
    for (const area of importable) help.addRow([area.name]);
    if (importable.length === 0) help.addRow(["（当前账号不能导入）"]);

    sendHeaders(res, `加梯台账-导入模板.xlsx`, "ledger-template.xlsx");
    res.end(Buffer.from(await workbook.xlsx.writeBuffer()));
  }
}
