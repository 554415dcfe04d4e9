// An audit row in words: what was done, and to which values — used by a building's history and by the
// task force's change log. Field values read as the UI shows them (dates, categories, area names).

import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { areasQuery, zonesQuery } from "../api/structure";
import type { AuditRow } from "../api/types";
import { type Format, useFormat } from "../i18n/format";
import { fieldLabel, valueText } from "./fieldValues";

export type Tone = "blue" | "green" | "red" | "gray" | "orange";

type Values = Record<string, unknown>;
const asValues = (value: unknown): Values =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Values) : {};
// The owner shows by name (blockerOwner), not by id.
const IGNORED = new Set(["blockedSince", "blockerOwnerId", "version", "updatedAt", "createdAt", "id", "isDemo"]);

interface Names {
  area: (id: number) => string | undefined;
  zone: (id: number) => string | undefined;
}

function fieldChanges(t: TFunction, fmt: Format, names: Names, before: Values, after: Values): string {
  const text = (field: string, value: unknown) =>
    field === "zoneId" && typeof value === "number"
      ? (names.zone(value) ?? `#${value}`)
      : field === "role" && typeof value === "string"
        ? t(`role.${value}`, { defaultValue: value })
        : valueText(t, fmt, field, value, names.area);
  return Object.keys(after)
    .filter((field) => !IGNORED.has(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) =>
      t("history.fieldChange", {
        field: fieldLabel(t, field),
        from: text(field, before[field]),
        to: text(field, after[field]),
      }),
    )
    .join("；");
}

function describeAudit(row: AuditRow, t: TFunction, fmt: Format, names: Names): { what: string; tone: Tone } {
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
    case "user.password_reset":
    case "user.password_change":
      return { tone: "gray", what: actionLabel(t, row.action) };
    default: {
      const changes = fieldChanges(t, fmt, names, before, after);
      return { tone: "blue", what: changes ? `${t("history.updated")}${changes}` : t("history.noDetail") };
    }
  }
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

export function useAuditDescriber() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const areas = useQuery(areasQuery()).data;
  const zones = useQuery(zonesQuery).data;
  const names: Names = {
    area: (id) => areas?.find((area) => area.id === id)?.name,
    zone: (id) => zones?.find((zone) => zone.id === id)?.name,
  };
  return (row: AuditRow) => describeAudit(row, t, fmt, names);
}

/** An audit action's name in words ("building.stage" → 记录阶段); unknown actions show as they are. */
export function actionLabel(t: TFunction, action: string): string {
  return t(`audit.actions.${action.replaceAll(".", "_")}` as "audit.actions.building_create", { defaultValue: action });
}
