import type { AuditRow } from "@jiati/shared";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { makeFormat } from "../i18n/format";
import { zh } from "../i18n/zh";
import { describeAudit, entityText, type Names } from "./auditText";

const i18n = i18next.createInstance();
beforeAll(() =>
  i18n.init({
    resources: { zh: { translation: zh } },
    lng: "zh",
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  }),
);

const names: Names = { area: (id) => (id === 3 ? "平塘" : undefined), zone: (id) => (id === 1 ? "一片" : undefined) };
const fmt = makeFormat("zh");

function buildRow(overrides: Partial<AuditRow>): AuditRow {
  return {
    id: 1,
    at: "2022-06-01T02:00:00.000Z",
    userId: 1,
    username: "admin",
    displayName: "专班",
    action: "building.update",
    entity: "building",
    entityId: "167",
    entityLabel: null,
    areaId: 3,
    before: null,
    after: null,
    reason: "",
    requestId: null,
    ...overrides,
  };
}

const what = (row: AuditRow) => describeAudit(row, i18n.t, fmt, names).what;

describe("the change log in words", () => {
  it("tells an import by its file and counts, with no raw keys", () => {
    const row = buildRow({
      action: "building.import",
      entity: "import",
      entityId: "abc",
      after: { fileName: "平塘台账.xlsx", created: 3, updated: 2, createdIds: [1, 2, 3], updatedIds: [4, 5] },
    });
    expect(what(row)).toBe("导入台账「平塘台账.xlsx」：新建 3 栋，修改 2 栋");
    expect(entityText(i18n.t, names, row)).toBe("台账导入");
  });

  it("says an import that only changed buildings without a count of nothing", () => {
    const row = buildRow({
      action: "building.import",
      entity: "import",
      after: { fileName: "a.xlsx", created: 0, updated: 4 },
    });
    expect(what(row)).toBe("导入台账「a.xlsx」：修改 4 栋");
  });

  it("names a building by its address, and by its number only when it has none", () => {
    expect(entityText(i18n.t, names, buildRow({ entityLabel: "天山西路 799弄 12号" }))).toBe("天山西路 799弄 12号");
    expect(entityText(i18n.t, names, buildRow({}))).toBe("楼栋（编号 167）");
  });

  it("lists a new account's fields by their names and values", () => {
    const row = buildRow({
      action: "user.create",
      entity: "user",
      after: {
        id: 9,
        username: "li",
        displayName: "李书记",
        role: "secretary",
        areaId: 3,
        zoneId: null,
        disabled: false,
      },
    });
    expect(what(row)).toBe("新增：用户名：li；姓名：李书记；角色：居民区书记；居民区：平塘；停用：否");
  });

  it("names a target letter by its area and year, and stall thresholds in days", () => {
    expect(entityText(i18n.t, names, buildRow({ entity: "letter", entityId: "2022-3" }))).toBe(
      "平塘 · 2022年目标任务书",
    );
    const settings = buildRow({
      action: "settings.update",
      entity: "settings",
      entityId: "stallThresholds",
      before: { signedDays: 90, startedDays: 180 },
      after: { signedDays: 60, startedDays: 180 },
    });
    expect(what(settings)).toBe("修改了 签约后未开工超过：90 天 → 60 天");
    expect(entityText(i18n.t, names, settings)).toBe("停滞判定");
  });

  it("shows a building changed by an import with its fields", () => {
    const row = buildRow({ action: "building.import.update", before: { floors: 6 }, after: { floors: 7 } });
    expect(what(row)).toBe("由台账导入修改：层数：6 → 7");
  });

  it("tells a year-end review's rule, hand changes, titles and reopening in words", () => {
    const rule = { stages: ["signed", "completed"], excellentCount: 2, excellentMinPercent: null };
    const update = buildRow({
      action: "review.update",
      entity: "review",
      entityId: "2025",
      areaId: null,
      after: { rule, overrides: [{ areaId: 3, award: "advanced", note: "专班评议增补" }] },
    });
    expect(entityText(i18n.t, names, update)).toBe("2025年度总结");
    expect(what(update)).toBe(
      "评选规则：签约、完工目标均完成的居民区评为先进居民区；其中完工完成率最高的 2 个（与第 2 名并列的同计）评为优秀居民区。 手动调整 1 处：平塘 → 先进（专班评议增补）",
    );
    const confirm = buildRow({
      action: "review.confirm",
      entity: "review",
      entityId: "2025",
      after: { rule, overrides: 1, excellent: ["刘一", "刘四"], advanced: [] },
    });
    expect(what(confirm)).toBe("优秀：刘一、刘四；先进：（无）");
    const reopen = buildRow({
      action: "review.reopen",
      entity: "review",
      entityId: "2025",
      before: { confirmedAt: "2026-01-05T02:00:00.000Z", confirmedBy: "专班", excellent: ["刘一"], advanced: ["平塘"] },
      reason: "目标调整",
    });
    expect(what(reopen)).toContain("由 专班 确认；优秀：刘一；先进：平塘");
  });

  it("tells a briefing's changes by its scope and week", () => {
    const base = { entity: "briefing", entityId: "7", areaId: null };
    const created = buildRow({
      ...base,
      action: "briefing.create",
      after: { scope: "新泾镇", week: "2022-W48", asOf: "2022-11-29" },
    });
    expect(entityText(i18n.t, names, created)).toBe("新泾镇 · 2022年第48周 简报");
    expect(what(created)).toBe(`生成简报，数据截至 ${fmt.date("2022-11-29")}`);
    const edited = buildRow({
      ...base,
      action: "briefing.edit",
      before: { scope: "东片区", week: "2022-W48", nextSteps: "" },
      after: { scope: "东片区", week: "2022-W48", nextSteps: "约谈低层住户" },
    });
    expect(entityText(i18n.t, names, edited)).toBe("东片区 · 2022年第48周 简报");
    expect(what(edited)).toBe("下一步工作：约谈低层住户");
    const issued = buildRow({
      ...base,
      action: "briefing.issue",
      after: { scope: "新泾镇", week: "2022-W48", issueNo: 3 },
    });
    expect(what(issued)).toBe("印发为第3期");
    const regenerated = buildRow({
      ...base,
      action: "briefing.regenerate",
      before: { asOf: "2022-11-28" },
      after: { scope: "新泾镇", week: "2022-W48", asOf: "2022-11-29" },
    });
    expect(what(regenerated)).toBe(`重新生成简报，数据截至 ${fmt.date("2022-11-28")} → ${fmt.date("2022-11-29")}`);
  });

  it("names the report's next steps by year and zone, with what was written", () => {
    const row = buildRow({
      action: "report.update",
      entity: "report",
      entityId: "2026-1",
      areaId: null,
      before: { nextSteps: "" },
      after: { nextSteps: "加快审批" },
    });
    expect(entityText(i18n.t, names, row)).toBe("2026年汇报页 · 一片");
    expect(entityText(i18n.t, names, { ...row, entityId: "2026" })).toBe("2026年汇报页");
    expect(what(row)).toContain("下一步工作");
    expect(what(row)).toContain("加快审批");
  });
});
