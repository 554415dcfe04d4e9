// The rules of an edit that meets a newer version (conflict.tsx shows them): what the other person changed,
// which of those fields the user is changing too, and the three-way merge that redoes the user's change on
// the newer version.

import type { Building } from "@jiati/shared";
import { changedFields, type FieldChange } from "../../components/fieldValues";

/** The user's pending values, by building field. */
export type PendingValues = Partial<Record<keyof Building, unknown>>;

/** Equal as the API would store them: absent and null are the same. */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A three-way merge of form values onto a newer version: a field the user left as it was in `base` takes
 * the `latest` value; a field the user changed keeps the user's value.
 */
export function mergeOntoLatest<F extends string>(
  values: Partial<Record<F, unknown>>,
  base: Building,
  latest: Building,
  fields: readonly F[],
): Partial<Record<F, unknown>> {
  const merged: Partial<Record<F, unknown>> = { ...values };
  for (const field of fields) {
    const key = field as unknown as keyof Building;
    if (sameValue(values[field], base[key])) merged[field] = latest[key];
  }
  return merged;
}

export interface ConflictChange extends FieldChange {
  /** The user is changing this field too: their value is shown beside the other person's. */
  yours: boolean;
}

interface Conflict {
  /** The other person's changes, base → latest. */
  changes: ConflictChange[];
  /** Fields the user is changing that the other person did not touch. */
  onlyMine: (keyof Building)[];
}

/** What changed between `base` and `latest`, set against the user's pending values. */
export function describeConflict(base: Building, latest: Building, mine: PendingValues): Conflict {
  const pending = (Object.keys(mine) as (keyof Building)[]).filter((field) => !sameValue(mine[field], base[field]));
  const theirs = changedFields(base, latest);
  const theirFields = new Set<string>(theirs.map((change) => change.field));
  return {
    changes: theirs.map((change) => ({ ...change, yours: pending.includes(change.field as keyof Building) })),
    onlyMine: pending.filter((field) => !theirFields.has(field)),
  };
}
