// An audit row in words: what was done, and to which values — used by a building's history and by the
// task force's change log. Field values read as the UI shows them (dates, categories, area names).

import type { AwardOverride, AwardRule } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { areasQuery, zonesQuery } from "../api/structure";
import type { AuditRow } from "../api/types";
import { type Format, useFormat } from "../i18n/format";
import { reviewRuleText } from "../lib/reviewRule";
import { fieldLabel, valueText } from "./fieldValues";

export type Tone = "blue" | "green" | "red" | "gray" | "orange";

type Values = Record<string, unknown>;
const asValues = (value: unknown): Values =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Values) : {};
// The owner shows by name (blockerOwner), not by id.
const IGNORED = new Set(["blockedSince", "blockerOwnerId", "version", "updatedAt", "createdAt", "id", "isDemo"]);

export interface Names {
  area: (id: number) => string | undefined;
  zone: (id: number) => string | undefined;
}

/** A field's name in words: the entity's own names first (an account's 姓名), else the building's. */
function entityFieldLabel(t: TFunction, entity: string, field: string): string {
  return t(`audit.fields.${entity}.${field}`, { defaultValue: fieldLabel(t, field) });
}

function fieldText(t: TFunction, fmt: Format, names: Names, entity: string, field: string, value: unknown): string {
  if (field === "zoneId" && typeof value === "number") return names.zone(value) ?? `#${value}`;
  if (field === "role" && typeof value === "string") return t(`role.${value}`, { defaultValue: value });
  if (entity === "settings" && typeof value === "number") return t("audit.days", { value });
  return valueText(t, fmt, field, value, names.area);
}

function fieldChanges(t: TFunction, fmt: Format, names: Names, entity: string, before: Values, after: Values) {
  const text = (field: string, value: unknown) => fieldText(t, fmt, names, entity, field, value);
  return Object.keys(after)
    .filter((field) => !IGNORED.has(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) =>
      t("history.fieldChange", {
        field: entityFieldLabel(t, entity, field),
        from: text(field, before[field]),
        to: text(field, after[field]),
      }),
    )
    .join("；");
}

/** A new record's filled fields ("用户名：li；角色：书记"), without the empty ones. */
function filledFields(t: TFunction, fmt: Format, names: Names, entity: string, after: Values) {
  return Object.entries(after)
    .filter(([field, value]) => !IGNORED.has(field) && value !== null && value !== undefined && value !== "")
    .map(([field, value]) =>
      t("audit.fieldValue", {
        field: entityFieldLabel(t, entity, field),
        value: fieldText(t, fmt, names, entity, field, value),
      }),
    )
    .join("；");
}

/** A ledger import in one line: 导入「台账.xlsx」：新建 3 栋，修改 2 栋. */
function importText(t: TFunction, after: Values): string {
  const file = typeof after.fileName === "string" && after.fileName ? after.fileName : t("audit.importFile");
  const created = Number(after.created ?? 0);
  const updated = Number(after.updated ?? 0);
  const counts = [
    created ? t("audit.importCreated", { count: created }) : null,
    updated ? t("audit.importUpdated", { count: updated }) : null,
  ].filter(Boolean);
  return t("audit.importOf", { file }) + (counts.length ? counts.join(t("audit.separator")) : t("audit.importNone"));
}

export function describeAudit(row: AuditRow, t: TFunction, fmt: Format, names: Names): { what: string; tone: Tone } {
  const before = asValues(row.before);
  const after = asValues(row.after);
  const text = (field: string, value: unknown) => valueText(t, fmt, field, value, names.area);
  switch (row.action) {
    case "building.create":
      return { what: t("history.created"), tone: "blue" };
    case "building.stage": {
      const [field = "date"] = Object.keys(after);
      const from = before[field];
      return {
        tone: "green",
        what:
          from == null
            ? t("history.stageRecorded", { field: fieldLabel(t, field), date: text(field, after[field]) })
            : t("history.stageChanged", {
                field: fieldLabel(t, field),
                from: text(field, from),
                to: text(field, after[field]),
              }),
      };
    }
    case "building.stage.clear": {
      const [field = "date"] = Object.keys(before);
      return {
        tone: "orange",
        what: t("history.stageCleared", { field: fieldLabel(t, field), from: text(field, before[field]) }),
      };
    }
    case "building.block": {
      const category = text("blockerCategory", after.blockerCategory ?? before.blockerCategory);
      return {
        tone: "red",
        what: after.blockerNote
          ? t("history.blockedWithNote", { category, note: String(after.blockerNote) })
          : t("history.blocked", { category }),
      };
    }
    case "building.unblock":
      return {
        tone: "gray",
        what: t("history.unblocked", { category: text("blockerCategory", before.blockerCategory) }),
      };
    case "building.blocker.assign":
    case "blocker.note":
    case "blocker.photo":
    case "area.status":
      return describeSupervision(row.action, before, after, t, text);
    case "building.withdraw":
      return { tone: "red", what: t("history.withdrawn") };
    case "building.restore":
      return { tone: "blue", what: t("history.restored") };
    case "targets.update": {
      const changes = Array.isArray(row.after)
        ? (row.after as { stage: string; areaId: number | null; to: number | null }[])
        : [];
      const list = changes
        .slice(0, 6)
        .map((change) =>
          t("audit.targetChange", {
            scope: change.areaId ? (names.area(change.areaId) ?? `#${change.areaId}`) : t("dashboard.town"),
            stage: t(`stage.${change.stage}`, { defaultValue: change.stage }),
            value: change.to == null ? t("history.empty") : fmt.int(change.to),
          }),
        )
        .join("；");
      return {
        tone: "blue",
        what: changes.length > 6 ? `${list}${t("audit.andMore", { count: changes.length - 6 })}` : list,
      };
    }
    case "review.update":
    case "review.confirm":
    case "review.reopen":
      return describeReview(row.action, before, after, t, fmt, names);
    case "user.password_reset":
    case "user.password_change":
      return { tone: "gray", what: actionLabel(t, row.action) };
    case "building.import":
      return { tone: "blue", what: importText(t, after) };
    case "briefing.create":
    case "briefing.regenerate":
    case "briefing.edit":
    case "briefing.issue":
      return describeBriefing(row.action, before, after, t, fmt);
    case "building.import.create":
      return { tone: "blue", what: t("audit.importedCreate") };
    case "building.import.update":
      return {
        tone: "blue",
        what: `${t("audit.importedUpdate")}${fieldChanges(t, fmt, names, row.entity, before, after)}`,
      };
    default:
      return { tone: "blue", what: otherChange(t, fmt, names, row, before, after) };
  }
}

/** A create lists what was filled in; an update what changed. */
function otherChange(t: TFunction, fmt: Format, names: Names, row: AuditRow, before: Values, after: Values) {
  if (row.before == null && row.action.endsWith(".create")) {
    const filled = filledFields(t, fmt, names, row.entity, after);
    return filled ? `${t("audit.createdWith")}${filled}` : t("history.noDetail");
  }
  const changes = fieldChanges(t, fmt, names, row.entity, before, after);
  return changes ? `${t("history.updated")}${changes}` : t("history.noDetail");
}

/**
 * What a row changed, by the name people know it by: a building's address (its number when it has none),
 * an area's, zone's or account's name, "2022年目标", "平塘 · 2022年目标任务书".
 */
export function entityText(t: TFunction, names: Names, row: AuditRow): string {
  if (row.entityLabel) return row.entityLabel;
  if (row.entity === "building") return t("audit.building", { id: row.entityId });
  if (row.entity === "targets") return t("audit.targetsOf", { year: row.entityId });
  if (row.entity === "letter") {
    const [year = "", areaId = ""] = row.entityId.split("-");
    return t("audit.letterOf", { year, area: names.area(Number(areaId)) ?? t("audit.entities.area") });
  }
  if (row.entity === "review") return t("audit.reviewOf", { year: row.entityId });
  if (row.entity === "briefing") return briefingText(t, asValues(row.after));
  if (row.entity === "settings")
    return t(`audit.settingsOf.${row.entityId}`, { defaultValue: t("audit.entities.settings") });
  if (row.entity === "report") {
    // `2026` (the town's report) or `2026-3` (zone 3's).
    const [year = "", zoneId] = row.entityId.split("-");
    return zoneId
      ? t("audit.reportOfZone", { year, zone: names.zone(Number(zoneId)) ?? `#${zoneId}` })
      : t("audit.reportOf", { year });
  }
  return t(`audit.entities.${row.entity}`, { defaultValue: row.entity });
}

/** 东片区 · 2022年第48周 简报: a briefing by its scope and week, as its audit rows record them. */
function briefingText(t: TFunction, after: Values): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(String(after.week ?? ""));
  const week = match ? t("briefings.weekOf", { year: match[1], week: Number(match[2]) }) : String(after.week ?? "");
  return t("audit.briefingOf", { scope: String(after.scope ?? ""), week });
}

/** A weekly briefing's changes (docs/DOMAIN.md § Weekly briefing) in words. */
function describeBriefing(action: string, before: Values, after: Values, t: TFunction, fmt: Format) {
  const date = (value: unknown) => fmt.date(typeof value === "string" ? value : null);
  if (action === "briefing.create")
    return { tone: "blue" as Tone, what: t("history.briefingCreated", { date: date(after.asOf) }) };
  if (action === "briefing.regenerate") {
    return {
      tone: "blue" as Tone,
      what: t("history.briefingRegenerated", { from: date(before.asOf), to: date(after.asOf) }),
    };
  }
  if (action === "briefing.edit") {
    const text = String(after.nextSteps ?? "");
    return { tone: "blue" as Tone, what: t("history.briefingEdited", { text: text || t("history.empty") }) };
  }
  return { tone: "green" as Tone, what: t("history.briefingIssued", { no: String(after.issueNo ?? "") }) };
}

/** Blocker supervision's changes (docs/DOMAIN.md § Blocker supervision) in words. */
function describeSupervision(
  action: string,
  before: Values,
  after: Values,
  t: TFunction,
  text: (field: string, value: unknown) => string,
): { what: string; tone: Tone } {
  if (action === "blocker.note")
    return { tone: "orange", what: t("history.blockerNote", { text: String(after.text) }) };
  if (action === "blocker.photo") return { tone: "orange", what: t("history.blockerPhoto") };
  if (action === "area.status") return { tone: "blue", what: t("history.areaStatus", { text: String(after.text) }) };
  const owner = "blockerOwner" in after ? after.blockerOwner : before.blockerOwner;
  const due = "blockerDueOn" in after ? after.blockerDueOn : undefined;
  return {
    tone: "orange",
    what: t("history.assigned", {
      owner: owner == null ? t("supervision.noOwner") : String(owner),
      due: due === undefined ? "—" : due == null ? t("supervision.noDue") : text("blockerDueOn", due),
    }),
  };
}

/** The year-end review's changes (docs/DOMAIN.md § Year-end review) in words: the rule and hand changes, the titles. */
function describeReview(
  action: string,
  before: Values,
  after: Values,
  t: TFunction,
  fmt: Format,
  names: Names,
): { what: string; tone: Tone } {
  const listOf = (value: unknown) =>
    Array.isArray(value) && value.length ? value.map(String).join(t("review.rule.stageJoin")) : t("review.noneAwarded");
  const awardText = (award: unknown) =>
    award === "excellent" || award === "advanced" ? t(`review.award.${award}`) : t("review.award.none");
  if (action === "review.confirm") {
    return {
      tone: "green",
      what: t("audit.reviewAwards", { excellent: listOf(after.excellent), advanced: listOf(after.advanced) }),
    };
  }
  if (action === "review.reopen") {
    return {
      tone: "orange",
      what: t("audit.reviewReopen", {
        at: typeof before.confirmedAt === "string" ? fmt.dateTime(before.confirmedAt) : "—",
        by: String(before.confirmedBy ?? "—"),
        excellent: listOf(before.excellent),
        advanced: listOf(before.advanced),
      }),
    };
  }
  const rule = after.rule as AwardRule | undefined;
  const overrides = Array.isArray(after.overrides) ? (after.overrides as AwardOverride[]) : [];
  const parts = rule ? [t("audit.reviewRule", { rule: reviewRuleText(t, rule) })] : [];
  if (overrides.length) {
    const list = overrides
      .map((override) =>
        t("audit.reviewOverride", {
          area: names.area(override.areaId) ?? `#${override.areaId}`,
          award: awardText(override.award),
          note: override.note,
        }),
      )
      .join(t("audit.separator"));
    parts.push(t("audit.reviewOverrides", { count: overrides.length, list }));
  }
  return { tone: "blue", what: parts.join(" ") };
}

export function useAuditDescriber() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const areas = useQuery(areasQuery()).data;
  const zones = useQuery(zonesQuery).data;
  const names: Names = {
    area: (id) => areas?.find((area) => area.id === id)?.name,
    zone: (id) => zones?.find((zone) => zone.id === id)?.name,
  };
  return {
    describe: (row: AuditRow) => describeAudit(row, t, fmt, names),
    entity: (row: AuditRow) => entityText(t, names, row),
  };
}

/** An audit action's name in words ("building.stage" → 记录阶段); unknown actions show as they are. */
export function actionLabel(t: TFunction, action: string): string {
  return t(`audit.actions.${action.replaceAll(".", "_")}` as "audit.actions.building_create", { defaultValue: action });
}
