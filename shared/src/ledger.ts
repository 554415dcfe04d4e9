// The Excel ledger (台账): its columns, and the shapes of the export query, the import preview and the commit.
// The server writes and reads the ledger with these; the client's import page shows the preview with them.

import { z } from "zod";
import { FIELD_LABELS } from "./labels";
import { idSchema, yearSchema } from "./schemas";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The name of the ledger's sheet. On import the sheet is found by its headers, whatever it is called. */
export const LEDGER_SHEET = "台账";
/** A hidden sheet of an exported ledger: when it was exported, so an import can tell rows changed since. */
export const EXPORT_INFO_SHEET = "导出信息";
/** Uploads above this size are refused with 413. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Data rows above this are refused: split the file. */
export const IMPORT_MAX_ROWS = 20_000;

/** The building fields an import can set — every ledger column but 编号 and 版本. */
export const LEDGER_FIELDS = [
  "areaId",
  "estate",
  "address",
  "floors",
  "households",
  "elderlyHouseholds",
  "elevatorCompany",
  "consentRate",
  "costWan",
  "subsidyWan",
  "signedOn",
  "startedOn",
  "completedOn",
  "blockerCategory",
  "blockerNote",
  "withdrawn",
  "notes",
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];
export type LedgerKey = "id" | LedgerField | "version";

/** The ledger's columns in order: 编号, then the fields, then 版本. */
export const LEDGER_COLUMNS: readonly { key: LedgerKey; header: string }[] = [
  { key: "id", header: "编号" },
  ...LEDGER_FIELDS.map((key) => ({ key, header: FIELD_LABELS[key] ?? key })),
  { key: "version", header: "版本" },
];

export const LEDGER_HEADER: Record<LedgerKey, string> = Object.fromEntries(
  LEDGER_COLUMNS.map((column) => [column.key, column.header]),
) as Record<LedgerKey, string>;

/**
 * Columns an import cannot do without; any other column may be absent (its field is then left unchanged).
 * Without 编号 every row is a new building (an address already registered is an error naming its 编号).
 */
export const REQUIRED_LEDGER_KEYS: readonly LedgerKey[] = ["areaId", "address"];

/**
 * The names offices give each ledger column, its own header first (docs/LEDGER.md). Headers are compared
 * with spaces, punctuation and full-width forms folded away, so "总造价（万元）" and "总造价(万元)" are one.
 * 序号 (a running number) is deliberately no name of 编号.
 */
export const LEDGER_HEADER_NAMES: Record<LedgerKey, readonly string[]> = {
  id: ["编号", "楼栋编号", "系统编号"],
  areaId: ["居民区", "居委", "居委会", "居民区名称", "所属居民区", "居委名称"],
  estate: ["小区", "小区名称", "小区名", "所属小区"],
  address: ["地址", "门牌", "门牌号", "楼号", "门牌地址", "楼栋地址", "详细地址", "楼栋"],
  floors: ["层数", "楼层", "楼层数", "总层数"],
  households: ["户数", "总户数", "住户数"],
  elderlyHouseholds: ["60岁以上老人户数", "老人户数", "60岁以上户数", "老年人户数"],
  elevatorCompany: ["电梯公司", "电梯企业", "电梯厂家", "加梯企业"],
  consentRate: ["同意率", "征询同意率", "同意比例"],
  costWan: ["总造价(万元)", "总造价", "造价", "造价(万元)", "总投资(万元)"],
  subsidyWan: ["补贴(万元)", "补贴", "补贴金额", "补贴金额(万元)", "政府补贴(万元)"],
  signedOn: ["签约日期", "签约时间"],
  startedOn: ["开工日期", "开工时间"],
  completedOn: ["完工日期", "完工时间", "竣工日期", "竣工时间"],
  blockerCategory: ["受阻类别", "受阻原因类别"],
  blockerNote: ["受阻说明", "受阻原因", "受阻情况"],
  withdrawn: ["撤销", "是否撤销"],
  notes: ["备注"],
  version: ["版本"],
};

/**
 * Read-only columns the export adds after 版本, for reading (docs/DOMAIN.md § Blocker supervision): days blocked
 * and the blocker's last progress note. Not in LEDGER_COLUMNS, the import/export contract: an import ignores them.
 */
export const LEDGER_READ_ONLY_HEADERS = { blockedDays: "受阻天数", lastBlockerNote: "最新进展" } as const;

/** Columns offices keep that the ledger has no use for, ignored without a question. */
export const IGNORED_LEDGER_HEADERS: readonly string[] = [
  "序号",
  "序",
  "No",
  "联系人",
  "联系电话",
  "电话",
  ...Object.values(LEDGER_READ_ONLY_HEADERS),
];

/** Text of the 撤销 column. */
export const WITHDRAWN_TEXT = { yes: "是", no: "否" } as const;

/**
 * GET /api/export/buildings.xlsx — the town, one zone or one area; the summary sheet is for `year` (default:
 * this year) and of the same scope.
 */
export const ledgerExportQuerySchema = z
  .strictObject({
    areaId: idSchema.optional(),
    zoneId: idSchema.optional(),
    year: yearSchema.optional(),
  })
  .refine((query) => query.areaId === undefined || query.zoneId === undefined, {
    message: "居民区和片区只能选一个",
    path: ["zoneId"],
  });

/** POST /api/import/buildings — the .xlsx is the raw body; `name` is the file's name, for the record. */
export const importUploadQuerySchema = z.strictObject({
  name: z.string().trim().max(200).optional(),
});

export const IMPORT_ACTIONS = ["create", "update", "unchanged", "error"] as const;

export const importChangeSchema = z.object({
  field: z.enum(LEDGER_FIELDS),
  /** The column header, e.g. 开工日期. */
  column: z.string(),
  /** As the ledger shows it ("" when empty). */
  before: z.string(),
  after: z.string(),
  /** Moving a stage date earlier, clearing it, withdrawing or restoring: the commit needs a reason. */
  needsReason: z.boolean(),
});

export const importRowSchema = z.object({
  /** The row number in the sheet, as Excel shows it. */
  row: z.number().int(),
  /** create: no 编号; update: 编号 with changes; unchanged: 编号, nothing differs; error: see `errors`. */
  action: z.enum(IMPORT_ACTIONS),
  buildingId: z.number().int().nullable(),
  areaName: z.string(),
  address: z.string(),
  /** For an update: field by field, before → after. For a create: every non-empty field. */
  changes: z.array(importChangeSchema),
});

export const importErrorSchema = z.object({
  /** null for a problem of the whole sheet. */
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  /** The cell, e.g. "L5". */
  cell: z.string().nullable(),
  message: z.string(),
});

export const importPreviewSchema = z.object({
  /** Commit with this token (POST /api/import/buildings/commit) before `expiresAt`. */
  token: z.string(),
  expiresAt: z.string(),
  fileName: z.string(),
  sheetName: z.string(),
  headerRow: z.number().int(),
  /** Headers in the sheet that are not ledger columns: ignored. */
  ignoredColumns: z.array(z.string()),
  /** Rows read but left out, and why: totals rows, empty rows, another area's unchanged rows. */
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  /** What the uploader should know before committing: edits in hidden rows, buildings not in the file… */
  notices: z.array(z.string()),
  /** Optional ledger columns missing from the sheet: those fields are left as they are. */
  absentColumns: z.array(z.string()),
  counts: z.object({
    rows: z.number().int(),
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    error: z.number().int(),
    /** Every error found (the list below may be shortened). */
    errors: z.number().int(),
  }),
  /** The first IMPORT_PREVIEW_ROWS rows; all of them, by action, from GET /api/import/buildings/{token}/rows. */
  rows: z.array(importRowSchema),
  rowsTruncated: z.boolean(),
  /** The first IMPORT_PREVIEW_ROWS errors; all of them from GET /api/import/buildings/{token}/errors. */
  errors: z.array(importErrorSchema),
  errorsTruncated: z.boolean(),
  /** Some change needs a reason: send `reason` with the commit. */
  needsReason: z.boolean(),
  /** No errors and something to change. */
  canCommit: z.boolean(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export type ImportRow = z.infer<typeof importRowSchema>;
export type ImportChange = z.infer<typeof importChangeSchema>;
export type ImportError = z.infer<typeof importErrorSchema>;

/** Rows and errors in the preview's answer; the rest are read a page at a time. */
export const IMPORT_PREVIEW_ROWS = 100;

/** Which rows of a preview to list: what they do, or "changes" (creates and updates). */
export const IMPORT_ROW_FILTERS = ["changes", "create", "update", "unchanged", "error", "all"] as const;
export type ImportRowFilter = (typeof IMPORT_ROW_FILTERS)[number];

const pageQuery = {
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

/** GET /api/import/buildings/{token}/rows */
export const importRowsQuerySchema = z.strictObject({
  action: z.enum(IMPORT_ROW_FILTERS).default("all"),
  ...pageQuery,
});
export const importRowsPageSchema = z.object({
  /** Rows matching the filter, in the whole preview. */
  total: z.number().int(),
  rows: z.array(importRowSchema),
  /** The errors of these rows. */
  errors: z.array(importErrorSchema),
});
export type ImportRowsPage = z.infer<typeof importRowsPageSchema>;

/** GET /api/import/buildings/{token}/errors */
export const importErrorsQuerySchema = z.strictObject(pageQuery);
export const importErrorsPageSchema = z.object({ total: z.number().int(), errors: z.array(importErrorSchema) });
export type ImportErrorsPage = z.infer<typeof importErrorsPageSchema>;

/** POST /api/import/buildings/commit */
export const importCommitSchema = z.strictObject({
  token: z.string().trim().min(1).max(100),
  /** Required when the preview says `needsReason`; recorded on every audit row and stage event of the import. */
  reason: z.string().trim().max(500).optional(),
});
export type ImportCommit = z.infer<typeof importCommitSchema>;

export const importCommitResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  createdIds: z.array(z.number().int()),
  updatedIds: z.array(z.number().int()),
});
export type ImportCommitResult = z.infer<typeof importCommitResultSchema>;
