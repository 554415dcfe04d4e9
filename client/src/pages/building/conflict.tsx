// Optimistic concurrency in the UI. An edit starts from a "base" version of the building; if the building
// changes meanwhile (a live update, or the server's 409 stale_version with the current record), the user
// sees what changed and can redo their change on the current version — their input is kept.

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

  /** On 409 stale_version: put the server's current record in the cache, and refresh the history. */
  const absorbConflict = useCallback(
    (error: unknown): boolean => {
      if (!isApiError(error, 409) || error.code !== "stale_version" || !error.current) return false;
      const current = error.current as Building;
      queryClient.setQueryData(keys.buildings.detail(current.id), (old: BuildingDetail | undefined) =>
        old ? { ...old, building: current } : old,
      );
      void queryClient.invalidateQueries({ queryKey: keys.buildings.detail(current.id) });
      return true;
    },
    [queryClient],
  );

  const stale = base !== null && base.version !== latest.version;
  return { base, start, stop, rebase, stale, absorbConflict };
}

export function ConflictNotice({ base, latest, onRebase }: { base: Building; latest: Building; onRebase: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const areas = useQuery(areasQuery()).data;
  const areaName = (id: number) => areas?.find((area) => area.id === id)?.name;
  const changes = changedFields(base, latest);
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
              {changes.map((change) => (
                <li key={change.field}>
                  <strong>{fieldLabel(t, change.field)}</strong>：
                  {valueText(t, fmt, change.field, change.from, areaName)}
                  {" → "}
                  {valueText(t, fmt, change.field, change.to, areaName)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("conflict.noVisibleChange")}</p>
          )}
          <p className="muted">{t("conflict.hint")}</p>
        </div>
      }
      action={
        <Button size="small" type="primary" onClick={onRebase} data-testid="conflict-rebase">
          {t("conflict.rebase")}
        </Button>
      }
    />
  );
}
