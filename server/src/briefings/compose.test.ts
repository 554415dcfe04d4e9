// The briefing's text from fixed figures (docs/DOMAIN.md § Weekly briefing): the summaries are composed by
// shared's composeSummary from monthly counts and targets, so each sentence is checked against figures the
// dashboard would show for the same data.

import {
  type AreaTroubles,
  type BlockerCategory,
  composeSummary,
  DEFAULT_ORGANIZATION,
  type MonthlyCount,
  type RecordedStage,
  type Summary,
  type TargetValue,
} from "@jiati/shared";
import { describe, expect, it } from "vitest";
import { type BriefingInput, composeBriefing } from "./compose";

const D = "2022-11-29";
const WEEK_AGO = "2022-11-22";
const ZONES = [
  { id: 1, name: "第一片区" },
  { id: 2, name: "第二片区" },
];

interface AreaFacts {
  id: number;
  name: string;
  zoneId: number;
  actual: Record<RecordedStage, number>;
  target?: number;
  stalled?: number;
  blocked?: number;
}

/** The three areas of the town: 137 signed, 120 started, 98 completed, 50 each of target. */
const AREAS: AreaFacts[] = [
  {
    id: 11,
    name: "平塘",
    zoneId: 1,
    actual: { signed: 40, started: 46, completed: 30 },
    target: 50,
    stalled: 1,
    blocked: 3,
  },
  { id: 12, name: "刘一", zoneId: 1, actual: { signed: 50, started: 40, completed: 38 }, target: 50 },
  {
    id: 21,
    name: "新泾",
    zoneId: 2,
    actual: { signed: 47, started: 34, completed: 30 },
    target: 50,
    stalled: 2,
    blocked: 1,
  },
];

/** A summary of 2022 on `today`, composed as the server composes it. */
function summaryOf(
  today: string,
  areas: AreaFacts[],
  options: { townTarget?: number | null; zoneId?: number | null; extra?: Partial<Summary> } = {},
): Summary {
  const zoneId = options.zoneId ?? null;
  const inScope = zoneId == null ? areas : areas.filter((area) => area.zoneId === zoneId);
  const monthly: MonthlyCount[] = inScope.flatMap((area) =>
    (["signed", "started", "completed"] as const).map((stage) => ({
      areaId: area.id,
      stage,
      month: 3,
      count: area.actual[stage],
    })),
  );
  const targets: TargetValue[] = [];
  for (const stage of ["signed", "started", "completed"] as const) {
    if (options.townTarget != null) targets.push({ stage, areaId: null, zoneId: null, value: options.townTarget });
    for (const area of areas) {
      if (area.target != null) targets.push({ stage, areaId: area.id, zoneId: null, value: area.target });
    }
  }
  const troubles: AreaTroubles[] = inScope.map((area) => ({
    areaId: area.id,
    stalled: area.stalled ?? 0,
    blocked: area.blocked ?? 0,
  }));
  return {
    ...composeSummary({
      year: 2022,
      today,
      asOf: today,
      generatedAt: `${today}T12:00:00.000Z`,
      zones: ZONES,
      areas: inScope.map(({ id, name, zoneId }) => ({ id, name, zoneId })),
      scopeZoneId: zoneId,
      monthly,
      targets,
      waiting: [],
      medians: { signedToStarted: null, startedToCompleted: null },
      funnel: { planned: 0, signed: 0, started: 0, completed: 0 },
      stalled: { signed: 1, started: 2, signedDays: 90, startedDays: 180 },
      blocked: { low_floor_opposition: 2, funding: 1, pipelines: 1 },
      recent: {
        week: { signed: 0, started: 0, completed: 0 },
        month: { signed: 0, started: 0, completed: 0 },
        weekFrom: today,
        monthFrom: today,
        through: today,
      },
      troubles,
    }),
    ...options.extra,
  };
}

/** A week before: 新泾 had 4 signings, 2 starts and 1 completion fewer. */
function lastWeekAreas(areas: AreaFacts[]): AreaFacts[] {
  return areas.map((area) =>
    area.id === 21
      ? {
          ...area,
          actual: {
            signed: area.actual.signed - 4,
            started: area.actual.started - 2,
            completed: area.actual.completed - 1,
          },
        }
      : area,
  );
}

const BLOCKERS: BriefingInput["blockers"] = [
  { areaId: 11, zoneId: 1, category: "low_floor_opposition", count: 2 },
  { areaId: 11, zoneId: 1, category: "funding", count: 1 },
  { areaId: 21, zoneId: 2, category: "pipelines", count: 1 },
];
const STATUSES: BriefingInput["statuses"] = [
  { areaId: 11, zoneId: 1, text: "三幢楼低层居民仍有顾虑，本周再次协调", date: "2022-11-25", author: "张书记" },
  { areaId: 12, zoneId: 1, text: "已完成签约。", date: "2022-11-20", author: "李书记" },
];
const LONGEST: BriefingInput["longestBlocked"] = [
  {
    buildingId: 7,
    address: "天山西路 799弄 12号",
    areaName: "平塘",
    category: "low_floor_opposition" as BlockerCategory,
    blockedSince: "2022-05-03",
  },
];

function townInput(overrides: Partial<BriefingInput> = {}, townTarget: number | null = 150): BriefingInput {
  return {
    organization: DEFAULT_ORGANIZATION,
    zone: null,
    asOf: D,
    now: summaryOf(D, AREAS, { townTarget }),
    lastWeek: summaryOf(WEEK_AGO, lastWeekAreas(AREAS), { townTarget }),
    blockers: BLOCKERS,
    statuses: STATUSES,
    longestBlocked: LONGEST,
    ...overrides,
  };
}

const section = (content: ReturnType<typeof composeBriefing>, key: string) =>
  content.sections.find((candidate) => candidate.key === key)?.paragraphs ?? [];

describe("the weekly briefing's text", () => {
  it("opens with the town's progress against the year's target and this week's change", () => {
    const content = composeBriefing(townInput());
    expect(content.headline).toBe(
      "截至11月29日，新泾镇今年已签约137台，完成年度目标的91.3%；开工120台，完成年度目标的80.0%；完工98台，完成年度目标的65.3%。本周新增签约4台、开工2台、完工1台。",
    );
    expect(content.scopeName).toBe("新泾镇");
    expect(content.issuingUnit).toBe("新泾镇加梯专班");
    expect(content.stages.signed).toMatchObject({ actual: 137, target: 150, lastWeek: 133, added: 4 });
    expect(content.lastWeekAsOf).toBe(WEEK_AGO);
  });

  it("uses the town's name from the settings", () => {
    const content = composeBriefing(
      townInput({ organization: { townName: "北新泾街道", issuingUnit: "北新泾街道加梯办" } }),
    );
    expect(content.headline).toMatch(/^截至11月29日，北新泾街道今年已签约137台/);
    expect(content.issuingUnit).toBe("北新泾街道加梯办");
  });

  it("compares each stage with the time schedule, in whole elevators", () => {
    // 29 November is day 333 of 365: 150 × 333/365 = 136.8, so 136 are due.
    expect(section(composeBriefing(townInput()), "progress")).toEqual([
      "签约：年度目标150台，今年已签约137台，按时间进度应完成136台，超前1台。",
      "开工：年度目标150台，今年已开工120台，按时间进度应完成136台，落后16台。",
      "完工：年度目标150台，今年已完工98台，按时间进度应完成136台，落后38台。",
      "注：应完成台数＝年度目标×今年已过天数占全年天数的比例，按整台计。",
    ]);
  });

  it("names the areas behind plan, worst first, with their shortfall, blockers, stalled buildings and latest status", () => {
    const content = composeBriefing(townInput());
    expect(content.sections.map((s) => s.title)).toEqual([
      "一、总体进度",
      "二、进度落后的居民区",
      "三、停滞和受阻楼栋",
    ]);
    // Due by now per area: ⌊50 × 333/365⌋ = 45.
    expect(section(content, "behind")).toEqual([
      "按时间进度，3个居民区落后，合计落后58台：",
      "1. 新泾（第二片区）：落后26台（开工11台、完工15台）；受阻1台（管线迁移1台），停滞2台；居民区尚未填写情况说明。",
      "2. 平塘（第一片区）：落后20台（签约5台、完工15台）；受阻3台（低层居民反对2台、资金1台），停滞1台；最新情况（11月25日，张书记）：三幢楼低层居民仍有顾虑，本周再次协调。",
      "3. 刘一（第一片区）：落后12台（开工5台、完工7台）；无受阻或停滞楼栋；最新情况（11月20日，李书记）：已完成签约。",
    ]);
    expect(content.behind.map((line) => [line.name, line.shortfall])).toEqual([
      ["新泾", 26],
      ["平塘", 20],
      ["刘一", 12],
    ]);
    expect(content.behind[1]?.blockers).toEqual([
      { category: "low_floor_opposition", count: 2 },
      { category: "funding", count: 1 },
    ]);
  });

  it("counts stalled and blocked buildings and names the longest blocked with address and days", () => {
    expect(section(composeBriefing(townInput()), "troubles")).toEqual([
      "停滞楼栋3台：签约超过90天未开工1台，开工超过180天未完工2台。",
      "受阻楼栋4台：低层居民反对2台、管线迁移1台、资金1台。",
      "受阻时间最长的1台：",
      "1. 天山西路 799弄 12号（平塘，低层居民反对），自2022年5月3日起受阻210天。",
    ]);
  });

  it("speaks of a zone by its name, with its own target and its areas only", () => {
    const zone = ZONES[0] as { id: number; name: string };
    const content = composeBriefing({
      ...townInput(),
      zone,
      now: summaryOf(D, AREAS, { townTarget: 150, zoneId: 1 }),
      lastWeek: summaryOf(WEEK_AGO, AREAS, { townTarget: 150, zoneId: 1 }),
      blockers: BLOCKERS.filter((row) => row.zoneId === 1),
      statuses: STATUSES,
    });
    // The zone's target is its areas' sum, 100 a stage: 90 signed is 90.0 %.
    expect(content.headline).toBe(
      "截至11月29日，第一片区今年已签约90台，完成年度目标的90.0%；开工86台，完成年度目标的86.0%；完工68台，完成年度目标的68.0%。本周没有新增签约、开工和完工。",
    );
    expect(content.zoneId).toBe(1);
    const behind = section(content, "behind");
    expect(behind[0]).toBe("按时间进度，2个居民区落后，合计落后32台：");
    // Within a zone, areas are named without it.
    expect(behind[1]).toMatch(/^1\. 平塘：落后20台/);
    expect(behind.join("")).not.toContain("新泾");
  });

  it("gives no percentages and makes no comparison without targets", () => {
    const areas = AREAS.map(({ target: _target, ...area }) => area);
    const content = composeBriefing(
      townInput(
        {
          now: summaryOf(D, areas, { townTarget: null }),
          lastWeek: summaryOf(WEEK_AGO, lastWeekAreas(areas), { townTarget: null }),
        },
        null,
      ),
    );
    expect(content.hasTargets).toBe(false);
    expect(content.headline).toBe(
      "截至11月29日，新泾镇今年已签约137台、开工120台、完工98台。本周新增签约4台、开工2台、完工1台。",
    );
    expect(content.headline).not.toContain("%");
    expect(section(content, "progress")[0]).toBe("今年未设定年度目标，不作时间进度比较。");
    expect(section(content, "progress")[1]).toBe("签约：未设年度目标，今年已签约137台。");
    expect(section(content, "behind")).toEqual(["今年未设定年度目标，不作居民区进度比较。"]);
    expect(content.behind).toEqual([]);
  });

  it("says so when no area is behind, and when a target is already met", () => {
    const easy = AREAS.map((area) => ({ ...area, target: 30 }));
    const content = composeBriefing(
      townInput({
        now: summaryOf(D, easy, { townTarget: 90 }),
        lastWeek: summaryOf(WEEK_AGO, easy, { townTarget: 90 }),
      }),
    );
    expect(section(content, "behind")).toEqual(["各居民区均达到时间进度。"]);
    expect(section(content, "progress")[0]).toBe("签约：年度目标90台，今年已签约137台，已完成年度目标（152.2%）。");
  });

  it("says when the town's target is not allocated to the areas", () => {
    const unallocated = AREAS.map(({ target: _target, ...area }) => area);
    const content = composeBriefing(
      townInput({
        now: summaryOf(D, unallocated, { townTarget: 150 }),
        lastWeek: summaryOf(WEEK_AGO, unallocated, { townTarget: 150 }),
      }),
    );
    expect(section(content, "behind")).toEqual(["年度目标未分解到各居民区，不作居民区进度比较。"]);
  });

  it("reports a week's net decrease (a withdrawal or a correction) as such", () => {
    const fewer = AREAS.map((area) =>
      area.id === 11 ? { ...area, actual: { ...area.actual, signed: area.actual.signed + 2 } } : area,
    );
    const before = AREAS.map((area) =>
      area.id === 12 ? { ...area, actual: { ...area.actual, completed: area.actual.completed + 1 } } : area,
    );
    const content = composeBriefing(
      townInput({
        now: summaryOf(D, fewer, { townTarget: 150 }),
        lastWeek: summaryOf(WEEK_AGO, before, { townTarget: 150 }),
      }),
    );
    expect(content.headline).toMatch(/。本周新增签约2台；完工净减少1台。$/);
  });

  it("names ten areas behind at most and sums up the rest", () => {
    const many: AreaFacts[] = Array.from({ length: 12 }, (_, index) => ({
      id: 100 + index,
      name: `居民区${String(index + 1).padStart(2, "0")}`,
      zoneId: 1,
      actual: { signed: 40 - index, started: 45, completed: 45 },
      target: 50,
    }));
    const content = composeBriefing(
      townInput({
        now: summaryOf(D, many),
        lastWeek: summaryOf(WEEK_AGO, many),
        blockers: [],
        statuses: [],
        longestBlocked: [],
      }),
    );
    const behind = section(content, "behind");
    // Short by 5 … 16 signings: 126 in all; the two least behind (5 and 6) are summed.
    expect(behind[0]).toBe("按时间进度，12个居民区落后，合计落后126台：");
    expect(behind).toHaveLength(12);
    expect(behind[1]).toMatch(
      /^1\. 居民区12（第一片区）：落后16台（签约16台）；无受阻或停滞楼栋；居民区尚未填写情况说明。$/,
    );
    expect(behind[11]).toBe("另有2个居民区落后，合计11台。");
    expect(content.behind).toHaveLength(10);
    expect(content.behindUnnamed).toBe(2);
  });

  it("says when nothing is stalled or blocked", () => {
    const calm = summaryOf(D, AREAS, { townTarget: 150 });
    calm.stalled = { signed: 0, started: 0, signedDays: 90, startedDays: 180 };
    calm.blocked = { low_floor_opposition: 0, pipelines: 0, funding: 0, approval: 0, other: 0 };
    const content = composeBriefing(townInput({ now: calm, longestBlocked: [] }));
    expect(section(content, "troubles")).toEqual(["没有停滞楼栋。", "没有受阻楼栋。"]);
  });
});
