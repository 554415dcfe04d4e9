// The weekly briefing's text, composed purely from the figures as of its day (docs/DOMAIN.md § Weekly briefing):
// the summary as of D and as of D − 7 (SummaryService, so every number is the summary's own), the blockers per
// area, the areas' status lines and the longest-blocked buildings as of D. The sentences are Chinese, in the
// register of the town's newsletters, whatever the reader's language: the briefing is the office's document.

import {
  BLOCKER_LABELS,
  type BlockerCategory,
  type BriefingBehindLine,
  type BriefingContent,
  type BriefingSection,
  type BriefingStageFigure,
  blockedDays,
  chineseDate,
  chineseMonthDay,
  type Organization,
  RECORDED_STAGES,
  type RecordedStage,
  STAGE_LABELS,
  type Summary,
  type SummaryRow,
} from "@jiati/shared";

/** Behind areas named one by one; the rest are summed in one sentence. */
export const BEHIND_NAMED = 10;
/** Longest-blocked buildings named. */
export const LONGEST_BLOCKED = 5;

export interface BriefingInput {
  organization: Organization;
  /** The zone the briefing is of; null for the town. */
  zone: { id: number; name: string } | null;
  /** The day D the figures stand on. */
  asOf: string;
  /** The summary of D's year, as of D. */
  now: Summary;
  /** The summary of D's year, as of D − 7. */
  lastWeek: Summary;
  /** Blocked buildings as of D, per area and category. */
  blockers: readonly { areaId: number; zoneId: number; category: BlockerCategory; count: number }[];
  /** Each area's latest status line written by the end of D. */
  statuses: readonly { areaId: number; zoneId: number; text: string; date: string; author: string }[];
  /** The buildings blocked longest as of D, longest first. */
  longestBlocked: readonly {
    buildingId: number;
    address: string;
    areaName: string;
    category: BlockerCategory;
    blockedSince: string;
  }[];
}

const label = (stage: RecordedStage) => STAGE_LABELS[stage];
const percentText = (percent: number) => `${percent.toFixed(1)}%`;
/** A sentence's end: a full stop unless the text already ends one. */
const closed = (text: string) => (/[。！？!?.…]$/.test(text) ? text : `${text}。`);

export function composeBriefing(input: BriefingInput): BriefingContent {
  const { now, asOf } = input;
  const scopeName = input.zone?.name ?? input.organization.townName;
  const stages = stageFigures(now, input.lastWeek);
  const hasTargets = RECORDED_STAGES.some((stage) => stages[stage].target != null);
  const behind = behindLines(input);
  const named = behind.slice(0, BEHIND_NAMED);
  const blocked: Record<string, number> = { ...now.blocked };
  const longestBlocked = input.longestBlocked.slice(0, LONGEST_BLOCKED).map((building) => ({
    buildingId: building.buildingId,
    address: building.address,
    areaName: building.areaName,
    category: building.category,
    since: building.blockedSince,
    days: blockedDays({ blockerCategory: building.category, blockedSince: building.blockedSince }, asOf) ?? 0,
  }));
  const content: Omit<BriefingContent, "headline" | "sections"> = {
    townName: input.organization.townName,
    issuingUnit: input.organization.issuingUnit,
    scopeName,
    zoneId: input.zone?.id ?? null,
    year: now.year,
    asOf,
    lastWeekAsOf: input.lastWeek.today,
    stages,
    hasTargets,
    behind: named,
    behindUnnamed: behind.length - named.length,
    stalled: now.stalled,
    blocked,
    longestBlocked,
  };
  return {
    ...content,
    headline: headline(scopeName, asOf, stages),
    sections: [
      { key: "progress", title: "一、总体进度", paragraphs: progressParagraphs(stages, hasTargets) },
      behindSection(now, behind),
      { key: "troubles", title: "三、停滞和受阻楼栋", paragraphs: troubleParagraphs(content) },
    ],
  };
}

/** Each stage's progress on D (the summary's `progress`), and its change since D − 7. */
function stageFigures(now: Summary, lastWeek: Summary): BriefingContent["stages"] {
  const figure = (stage: RecordedStage): BriefingStageFigure => {
    const { actual, target, percent, expected, gap } = now.stages[stage];
    const before = lastWeek.stages[stage].actual;
    return { actual, target, percent, expected, gap, lastWeek: before, added: actual - before };
  };
  return { signed: figure("signed"), started: figure("started"), completed: figure("completed") };
}

/**
 * 截至11月29日，新泾镇今年已签约137台，完成年度目标的91.3%；开工…台…；完工…台…。本周新增签约4台、开工2台、完工1台。
 */
function headline(scopeName: string, asOf: string, stages: BriefingContent["stages"]): string {
  const parts = RECORDED_STAGES.map((stage, index) => {
    const figure = stages[stage];
    const counted = `${index === 0 ? "已" : ""}${label(stage)}${figure.actual}台`;
    return figure.percent == null ? counted : `${counted}，完成年度目标的${percentText(figure.percent)}`;
  });
  const anyPercent = RECORDED_STAGES.some((stage) => stages[stage].percent != null);
  return `截至${chineseMonthDay(asOf)}，${scopeName}今年${parts.join(anyPercent ? "；" : "、")}。${weekSentence(stages)}`;
}

/** 本周新增签约4台、开工2台；完工净减少1台。 — the change since D − 7, stage by stage. */
function weekSentence(stages: BriefingContent["stages"]): string {
  const up = RECORDED_STAGES.filter((stage) => stages[stage].added > 0);
  const down = RECORDED_STAGES.filter((stage) => stages[stage].added < 0);
  if (!up.length && !down.length) return "本周没有新增签约、开工和完工。";
  const parts: string[] = [];
  if (up.length) parts.push(`新增${up.map((stage) => `${label(stage)}${stages[stage].added}台`).join("、")}`);
  if (down.length) parts.push(down.map((stage) => `${label(stage)}净减少${-stages[stage].added}台`).join("、"));
  return `本周${parts.join("；")}。`;
}

/** 一、总体进度: each stage against its target and the time schedule (docs/DOMAIN.md § Progress). */
function progressParagraphs(stages: BriefingContent["stages"], hasTargets: boolean): string[] {
  const lines = RECORDED_STAGES.map((stage) => {
    const figure = stages[stage];
    const name = label(stage);
    if (figure.target == null) return `${name}：未设年度目标，今年已${name}${figure.actual}台。`;
    const base = `${name}：年度目标${figure.target}台，今年已${name}${figure.actual}台`;
    if (figure.actual >= figure.target) {
      return figure.percent == null
        ? `${base}，已完成年度目标。`
        : `${base}，已完成年度目标（${percentText(figure.percent)}）。`;
    }
    const gap = figure.gap ?? 0;
    const against = gap > 0 ? `超前${gap}台` : gap === 0 ? "与时间进度持平" : `落后${-gap}台`;
    return `${base}，按时间进度应完成${figure.expected}台，${against}。`;
  });
  if (!hasTargets) return ["今年未设定年度目标，不作时间进度比较。", ...lines];
  return [...lines, "注：应完成台数＝年度目标×今年已过天数占全年天数的比例，按整台计。"];
}

/**
 * The areas behind plan, worst first — as the dashboard's 落后与原因 lists them — each with its blockers by
 * category, its stalled buildings and its latest status line; the zones instead when the town has too many
 * areas to list (the summary then omits them).
 */
function behindLines(input: BriefingInput): BriefingBehindLine[] {
  const { now } = input;
  const byZone = now.areas == null;
  const rows: (Omit<SummaryRow, "areaCount"> & { zoneName: string | null })[] = byZone
    ? now.zones.map((zone) => ({ ...zone, zoneName: null }))
    : (now.areas ?? []).map((area) => ({ ...area, zoneName: input.zone ? null : area.zoneName }));
  const keyOf = (row: { areaId: number; zoneId: number }) => (byZone ? row.zoneId : row.areaId);
  const lines = rows
    .filter((row) => row.behind)
    .map((row): BriefingBehindLine => {
      const counts = new Map<BlockerCategory, number>();
      for (const blocker of input.blockers) {
        if (keyOf(blocker) === row.id)
          counts.set(blocker.category, (counts.get(blocker.category) ?? 0) + blocker.count);
      }
      const status = input.statuses
        .filter((line) => keyOf(line) === row.id)
        .sort((a, b) => b.date.localeCompare(a.date))[0];
      return {
        kind: byZone ? "zone" : "area",
        id: row.id,
        name: row.name,
        zoneName: row.zoneName,
        shortfall: row.shortfall,
        stagesShort: RECORDED_STAGES.filter((stage) => (row.stages[stage].gap ?? 0) < 0).map((stage) => ({
          stage,
          count: -(row.stages[stage].gap ?? 0),
        })),
        stalled: row.stalled,
        blocked: row.blocked,
        blockers: [...counts]
          .map(([category, count]) => ({ category, count }))
          .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
        status: status ? { text: status.text, date: status.date, author: status.author } : null,
      };
    });
  return lines.sort((a, b) => b.shortfall - a.shortfall || a.name.localeCompare(b.name, "zh-CN"));
}

function behindSection(now: Summary, behind: BriefingBehindLine[]): BriefingSection {
  const unit = now.areas == null ? "片区" : "居民区";
  const rows = now.areas ?? now.zones;
  const title = `二、进度落后的${unit}`;
  const anyTarget = rows.some((row) => RECORDED_STAGES.some((stage) => row.stages[stage].target != null));
  const anyScopeTarget = RECORDED_STAGES.some((stage) => now.stages[stage].target != null);
  if (!anyTarget) {
    const why = anyScopeTarget ? `年度目标未分解到各${unit}` : "今年未设定年度目标";
    return { key: "behind", title, paragraphs: [`${why}，不作${unit}进度比较。`] };
  }
  if (!behind.length) return { key: "behind", title, paragraphs: [`各${unit}均达到时间进度。`] };
  const total = behind.reduce((sum, line) => sum + line.shortfall, 0);
  const named = behind.slice(0, BEHIND_NAMED);
  const rest = behind.slice(BEHIND_NAMED);
  const paragraphs = [
    `按时间进度，${behind.length}个${unit}落后，合计落后${total}台：`,
    ...named.map((line, index) => `${index + 1}. ${behindLineText(line, unit)}`),
  ];
  if (rest.length) {
    const restTotal = rest.reduce((sum, line) => sum + line.shortfall, 0);
    paragraphs.push(`另有${rest.length}个${unit}落后，合计${restTotal}台。`);
  }
  return { key: "behind", title, paragraphs };
}

/** 刘一（第一片区）：落后3台（签约2台、开工1台）；受阻2台（低层居民反对1台、资金1台），停滞1台；最新情况（11月25日，张书记）：……。 */
function behindLineText(line: BriefingBehindLine, unit: string): string {
  const name = line.zoneName ? `${line.name}（${line.zoneName}）` : line.name;
  const short = line.stagesShort.map(({ stage, count }) => `${label(stage)}${count}台`).join("、");
  const troubles: string[] = [];
  if (line.blocked > 0) {
    const categories = line.blockers.map(({ category, count }) => `${BLOCKER_LABELS[category]}${count}台`).join("、");
    troubles.push(categories ? `受阻${line.blocked}台（${categories}）` : `受阻${line.blocked}台`);
  }
  if (line.stalled > 0) troubles.push(`停滞${line.stalled}台`);
  const reasons = troubles.length ? troubles.join("，") : "无受阻或停滞楼栋";
  const status = line.status
    ? `最新情况（${chineseMonthDay(line.status.date)}${line.status.author ? `，${line.status.author}` : ""}）：${closed(line.status.text)}`
    : `${unit === "片区" ? "各居民区" : "居民区"}尚未填写情况说明。`;
  return `${name}：落后${line.shortfall}台（${short}）；${reasons}；${status}`;
}

/** 三、停滞和受阻楼栋: counts by kind and category, then the longest blocked by address. */
function troubleParagraphs(content: Omit<BriefingContent, "headline" | "sections">): string[] {
  const { stalled, blocked, longestBlocked } = content;
  const paragraphs: string[] = [];
  const stalledTotal = stalled.signed + stalled.started;
  paragraphs.push(
    stalledTotal === 0
      ? "没有停滞楼栋。"
      : `停滞楼栋${stalledTotal}台：签约超过${stalled.signedDays}天未开工${stalled.signed}台，开工超过${stalled.startedDays}天未完工${stalled.started}台。`,
  );
  const categories = (Object.keys(BLOCKER_LABELS) as BlockerCategory[]).filter(
    (category) => (blocked[category] ?? 0) > 0,
  );
  const blockedTotal = categories.reduce((sum, category) => sum + (blocked[category] ?? 0), 0);
  paragraphs.push(
    blockedTotal === 0
      ? "没有受阻楼栋。"
      : `受阻楼栋${blockedTotal}台：${categories.map((category) => `${BLOCKER_LABELS[category]}${blocked[category]}台`).join("、")}。`,
  );
  if (longestBlocked.length) {
    paragraphs.push(`受阻时间最长的${longestBlocked.length}台：`);
    longestBlocked.forEach((building, index) => {
      paragraphs.push(
        `${index + 1}. ${building.address}（${building.areaName}，${BLOCKER_LABELS[building.category]}），自${chineseDate(building.since)}起受阻${building.days}天。`,
      );
    });
  }
  return paragraphs;
}
