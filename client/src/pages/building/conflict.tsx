// Optimistic concurrency in the UI. An edit starts from a "base" version of the building; if the building
// changes meanwhile (a live update, or the server's 409 stale_version with the current record), the user
// sees what changed — the other person's values next to their own — and can redo their change on the
// current version: their input is kept, and fields they did not touch take the other person's values
// (the rules are in merge.ts).

import type { Building } from "@jiati/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/http";
import { invalidateFor } from "../../api/invalidation";
import { keys } from "../../api/keys";
import { areasQuery } from "../../api/structure";
import type { BuildingDetail } from "../../api/types";
import { fieldLabel, valueText } from "../../components/fieldValues";
import { useFormat } from "../../i18n/format";
import { type ConflictChange, describeConflict, type PendingValues } from "./merge";

export function useEditBase(latest: Building) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState<Building | null>(null);
  const start = useCallback(() => setBase(latest), [latest]);
  const stop = useCallback(() => setBase(null), []);
  const rebase = useCallback(() => setBase(latest), [latest]);

  /** On 409 stale_version: put the server's current record in the cache, and refresh what it changed. */
  const absorbConflict = useCallback(
    (error: unknown): boolean => {
      if (!isApiError(error, 409) || error.code !== "stale_version" || !error.current) return false;
      const current = error.current as Building;
      queryClient.setQueryData(keys.buildings.detail(current.id), (old: BuildingDetail | undefined) =>
        old ? { ...old, building: current } : old,
      );
      void invalidateFor(queryClient, { kind: "building", id: current.id });
      return true;
    },
    [queryClient],
  );

  const stale = base !== null && base.version !== latest.version;
  return { base, start, stop, rebase, stale, absorbConflict };
}

/** A field's value in words, as the notice shows it (area ids by name). */
function useValueText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const areas = useQuery(areasQuery()).data;
  const areaName = (id: number) => areas?.find((area) => area.id === id)?.name;
  return (field: string, value: unknown) => valueText(t, fmt, field, value, areaName);
}

interface NoticeProps {
  base: Building;
  latest: Building;
  onRebase: () => void;
  /** The user's pending values (the fields they are changing), shown next to the other person's. */
  mine?: PendingValues;
}

export function ConflictNotice({ base, latest, onRebase, mine = {} }: NoticeProps) {
  const { t } = useTranslation();
  const text = useValueText();
  const { changes, onlyMine } = describeConflict(base, latest, mine);
  return (
    <Alert
      type="warning"
      showIcon
      className="conflict-notice"
      data-testid="conflict-notice"
      title={t("conflict.title", { from: base.version, to: latest.version })}
      description={
        <div>
          {changes.length ? <ChangeList changes={changes} mine={mine} /> : <p>{t("conflict.noVisibleChange")}</p>}
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

/** The other person's changes, each with the user's own value beside it when they change it too. */
function ChangeList({ changes, mine }: { changes: ConflictChange[]; mine: PendingValues }) {
  const { t } = useTranslation();
  const text = useValueText();
  return (
    <ul className="change-list" data-testid="conflict-changes">
      {changes.map((change) => (
        <li key={change.field} data-testid={`conflict-change-${change.field}`}>
          <strong>{fieldLabel(t, change.field)}</strong>
          <div>
            {t("conflict.theirs")}
            {text(change.field, change.from)} → <mark>{text(change.field, change.to)}</mark>
          </div>
          {change.yours && (
            <div className="conflict-yours" data-testid={`conflict-yours-${change.field}`}>
              {t("conflict.yours")}
              {text(change.field, mine[change.field as keyof Building])}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
