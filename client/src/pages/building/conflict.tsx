// Optimistic concurrency in the UI. An edit starts from a "base" version of the building; if the building
// changes meanwhile (a live update, or the server's 409 stale_version with the current record), the user
// sees what changed — the other person's values next to their own — and can redo their change on the
// current version: their input is kept, and fields they did not touch take the other person's values.

import type { Building } from "@jiati/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/http";
import { keys } from "../../api/keys";
import { areasQuery } from "../../api/structure";
import type { BuildingDetail } from "../../api/types";
import { changedFields, fieldLabel, valueText } from "../../components/fieldValues";
import { useFormat } from "../../i18n/format";

export function useEditBase(latest: Building) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState<Building | null>(null);
  const start = useCallback(() => setBase(latest), [latest]);
  const stop = useCallback(() => setBase(null), []);
  const rebase = useCallback(() => setBase(latest), [latest]);

  /** On 409 stale_version: put the server's current record in the cache, and refresh the history and lists. */
  const absorbConflict = useCallback(
    (error: unknown): boolean => {
      if (!isApiError(error, 409) || error.code !== "stale_version" || !error.current) return false;
      const current = error.current as Building;
      queryClient.setQueryData(keys.buildings.detail(current.id), (old: BuildingDetail | undefined) =>
        old ? { ...old, building: current } : old,
      );
      void queryClient.invalidateQueries({ queryKey: keys.buildings.detail(current.id) });
      void queryClient.invalidateQueries({ queryKey: keys.buildings.lists });
      return true;
    },
    [queryClient],
  );

  const stale = base !== null && base.version !== latest.version;
  return { base, start, stop, rebase, stale, absorbConflict };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

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
    if (same(values[field], base[key])) merged[field] = latest[key];
  }
  return merged;
}

interface NoticeProps {
  base: Building;
  latest: Building;
  onRebase: () => void;
  /** The user's pending values (the fields they are changing), shown next to the other person's. */
  mine?: Partial<Record<keyof Building, unknown>>;
}

export function ConflictNotice({ base, latest, onRebase, mine = {} }: NoticeProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const areas = useQuery(areasQuery()).data;
  const areaName = (id: number) => areas?.find((area) => area.id === id)?.name;
  const changes = changedFields(base, latest);
  const text = (field: string, value: unknown) => valueText(t, fmt, field, value, areaName);
  const minePending = (Object.keys(mine) as (keyof Building)[]).filter((field) => !same(mine[field], base[field]));
  const theirFields = new Set(changes.map((change) => change.field as string));
  const onlyMine = minePending.filter((field) => !theirFields.has(field));
  return (
    <Alert
      type="warning"
      showIcon
      className="conflict-notice"
      data-testid="conflict-notice"
      title={t("conflict.title", { from: base.version, to: latest.version })}
      description={
        <div>
          {changes.length ? (
            <ul className="change-list" data-testid="conflict-changes">
              {changes.map((change) => {
                const yours = minePending.includes(change.field as keyof Building);
                return (
                  <li key={change.field} data-testid={`conflict-change-${change.field}`}>
                    <strong>{fieldLabel(t, change.field)}</strong>
                    <div>
                      {t("conflict.theirs")}
                      {text(change.field, change.from)} → <mark>{text(change.field, change.to)}</mark>
                    </div>
                    {yours && (
                      <div className="conflict-yours" data-testid={`conflict-yours-${change.field}`}>
                        {t("conflict.yours")}
                        {text(change.field, mine[change.field as keyof Building])}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>{t("conflict.noVisibleChange")}</p>
          )}
          {onlyMine.length > 0 && (
            <p className="muted" data-testid="conflict-mine">
              {t("conflict.yoursOnly", {
                changes: onlyMine
                  .map((field) => `${fieldLabel(t, field)} ${text(field, mine[field])}`)
                  .join(t("conflict.separator")),
              })}
            </p>
          )}
          <p className="muted">{t("conflict.hint")}</p>
        </div>
      }
      action={
        <Button type="primary" onClick={onRebase} data-testid="conflict-rebase" className="conflict-rebase">
          {t("conflict.rebase")}
        </Button>
      }
    />
  );
}
