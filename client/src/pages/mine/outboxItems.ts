// How a queued change (client/src/offline/outbox.ts) reads to the secretary — "记录开工 2022-05-10", "进展：…" —
// and which of the building's fields it changes, for the conflict view's "yours" beside "theirs".

import { type Building, STAGE_DATE_FIELD } from "@jiati/shared";
import type { BlockerCategory } from "@jiati/shared/vocabulary";
import type { TFunction } from "i18next";
import { fieldLabel } from "../../components/fieldValues";
import type { QueuedWrite } from "../../offline/outbox";
import type { PendingValues } from "../building/merge";

interface StageBody {
  stage: keyof typeof STAGE_DATE_FIELD;
  date: string | null;
}

interface BlockerBody {
  category: BlockerCategory;
  note?: string;
  ownerId?: number | null;
  dueOn?: string | null;
}

type PatchBody = Partial<Record<keyof Building, unknown>> & { blocker?: BlockerBody | null; reason?: string };

/** The change in a few words. */
export function describeItem(t: TFunction, item: QueuedWrite): string {
  if (item.kind === "stage") {
    const { stage, date } = item.body as StageBody;
    return date === null
      ? t("offline.item.stageCleared", { stage: t(`stageDate.${stage}`) })
      : t("offline.item.stage", { stage: t(`stage.${stage}`), date });
  }
  if (item.kind === "note") return t("offline.item.note", { text: (item.body as { text: string }).text });
  const body = item.body as PatchBody;
  if (body.blocker === null) return t("offline.item.blockerCleared");
  if (body.blocker) return t("offline.item.blocker", { category: t(`blocker.${body.blocker.category}`) });
  if (body.withdrawn !== undefined) return t(body.withdrawn ? "offline.item.withdrawn" : "offline.item.restored");
  const fields = Object.keys(body).filter((field) => field !== "reason");
  return t("offline.item.edit", {
    fields: fields.map((field) => fieldLabel(t, field)).join(t("conflict.separator")),
  });
}

/** The building's fields as the change would leave them: "yours" in the conflict view. */
export function pendingValuesOf(item: QueuedWrite): PendingValues {
  if (item.kind === "note") return {};
  if (item.kind === "stage") {
    const { stage, date } = item.body as StageBody;
    return { [STAGE_DATE_FIELD[stage]]: date };
  }
  const { blocker, reason: _reason, ...fields } = item.body as PatchBody;
  if (blocker === undefined) return fields;
  if (blocker === null)
    return { ...fields, blockerCategory: null, blockerNote: "", blockerOwnerId: null, blockerDueOn: null };
  return {
    ...fields,
    blockerCategory: blocker.category,
    blockerNote: blocker.note ?? "",
    ...(blocker.ownerId !== undefined ? { blockerOwnerId: blocker.ownerId } : {}),
    ...(blocker.dueOn !== undefined ? { blockerDueOn: blocker.dueOn } : {}),
  };
}
