// How a building's field values read in words — shared by the history and the "changed meanwhile" notice.

import type { Building } from "@jiati/shared";
import type { TFunction } from "i18next";
import type { Format } from "../i18n/format";

const DATE_FIELDS = new Set(["signedOn", "startedOn", "completedOn", "blockedSince", "blockerDueOn"]);

/** Fields a person would recognise as the building's content (not bookkeeping like version). */
const COMPARED_FIELDS = [
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
  "notes",
  "signedOn",
  "startedOn",
  "completedOn",
  "blockerCategory",
  "blockerNote",
  "blockerDueOn",
  "withdrawn",
] as const satisfies readonly (keyof Building)[];

export function fieldLabel(t: TFunction, field: string): string {
  return t(`field.${field}`, { defaultValue: field });
}

export function valueText(
  t: TFunction,
  fmt: Format,
  field: string,
  value: unknown,
  areaName?: (id: number) => string | undefined,
): string {
  if (value === null || value === undefined || value === "") return t("history.empty");
  if (typeof value === "string") return stringText(t, fmt, field, value);
  if (typeof value === "number") return numberText(fmt, field, value, areaName);
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function stringText(t: TFunction, fmt: Format, field: string, value: string): string {
  if (DATE_FIELDS.has(field)) return fmt.date(value);
  if (field === "blockerCategory") return t(`blocker.${value}`, { defaultValue: value });
  return value;
}

function numberText(fmt: Format, field: string, value: number, areaName?: (id: number) => string | undefined): string {
  if (field === "areaId") return areaName?.(value) ?? `#${value}`;
  if (field === "consentRate") return fmt.percent(value);
  return fmt.num(value);
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The compared fields whose values differ between two versions of a building. */
export function changedFields(before: Building, after: Building): FieldChange[] {
  return COMPARED_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map(
    (field) => ({ field, from: before[field], to: after[field] }),
  );
}
