// The stage form's values as a request: the update they make, checked before sending with the same rules
// the server applies (the shared schema and applyStageUpdate), each broken rule put on the field it concerns.

import {
  applyStageUpdate,
  type Building,
  type RecordedStage,
  STAGE_DATE_FIELD,
  type StageUpdate,
  stageChangeNeedsReason,
  stageUpdateSchema,
} from "@jiati/shared";
import type { Dayjs } from "dayjs";

export interface StageFormValues {
  stage: RecordedStage;
  date: Dayjs | null;
  clear: boolean;
  reason: string;
}

type StageFormField = "stage" | "date" | "reason";

type StageCheck = { ok: true; update: StageUpdate } | { ok: false; field: StageFormField; message: string };

/** The form field that shows an error about `field`: the reason and the stage their own, anything else the date. */
export function formFieldOf(field: unknown): StageFormField {
  return field === "reason" || field === "stage" ? field : "date";
}

function toStageUpdate(values: StageFormValues): StageUpdate {
  return {
    stage: values.stage,
    date: values.clear ? null : (values.date?.format("YYYY-MM-DD") ?? null),
    reason: values.reason?.trim() || undefined,
  };
}

/** Does the change ask for a reason: clearing a recorded date, or moving it earlier? */
export function needsReason(previous: string | null, values: Pick<StageFormValues, "date" | "clear">): boolean {
  if (values.clear) return previous !== null;
  const date = values.date?.format("YYYY-MM-DD") ?? null;
  return date !== null && stageChangeNeedsReason(previous, date);
}

/**
 * The update the values make to `base`, or the first broken rule. `dateRequired` is the message for a date
 * left empty without "clear" ticked.
 */
export function checkStageForm(
  values: StageFormValues,
  base: Building,
  today: string,
  dateRequired: string,
): StageCheck {
  const update = toStageUpdate(values);
  if (!values.clear && !update.date) return { ok: false, field: "date", message: dateRequired };
  const parsed = stageUpdateSchema.safeParse(update);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: formFieldOf(issue?.path[0]), message: issue?.message ?? "" };
  }
  const checked = applyStageUpdate(base, parsed.data, today);
  if (!checked.ok) return { ok: false, field: formFieldOf(checked.error.field), message: checked.error.message };
  return { ok: true, update: parsed.data };
}

/** The date recorded now for the stage chosen. */
export function recordedDate(base: Building, stage: RecordedStage): string | null {
  return base[STAGE_DATE_FIELD[stage]];
}
