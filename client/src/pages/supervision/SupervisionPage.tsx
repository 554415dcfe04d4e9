// 督办 — the open blockers the task force and the leaders follow: overdue first, then by due date, then the
// longest blocked (the server's order, docs/DOMAIN.md § Blocker supervision). A zone leader sees their own
// zone; the others choose a zone or the whole town. "只看逾期" keeps the overdue ones. A table on a desktop,
// one card a blocker on a phone (no sideways scroll).

import { useQuery } from "@tanstack/react-query";
import { Checkbox, Grid, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { sessionQuery } from "../../api/session";
import { zonesQuery } from "../../api/structure";
import { blockersQuery } from "../../api/supervision";
import type { SessionUser } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { useFormat } from "../../i18n/format";
import { BlockerCards, BlockerTable } from "./BlockerRows";

/** The zone the page shows: a zone leader's own, else the one chosen (none: the whole town). */
function useScope(user: SessionUser | null | undefined) {
  const [params, setParams] = useSearchParams();
  const ownZone = user?.role === "leader" ? (user.zoneId ?? null) : null;
  const zoneId = ownZone ?? (Number(params.get("zoneId")) || undefined);
  const overdue = params.get("overdue") === "true";
  const set = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const copy = new URLSearchParams(prev);
        if (value) copy.set(key, value);
        else copy.delete(key);
        return copy;
      },
      { replace: true },
    );
  return {
    zoneId,
    fixedZone: ownZone != null,
    overdue,
    setZone: (id: number | undefined) => set("zoneId", id ? String(id) : undefined),
    setOverdue: (on: boolean) => set("overdue", on ? "true" : undefined),
  };
}

export function SupervisionPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data: user } = useQuery(sessionQuery);
  const scope = useScope(user);
  const zones = useQuery(zonesQuery).data ?? [];
  const list = useQuery(blockersQuery({ zoneId: scope.zoneId, overdue: scope.overdue || undefined }));
  const phone = Grid.useBreakpoint().md === false;
  const zoneName = zones.find((zone) => zone.id === scope.zoneId)?.name;

  return (
    <div className="page supervision-page" data-testid="supervision-page">
      <div className="page-head">
        <div>
          <Typography.Title level={1} className="page-title">
            {scope.fixedZone && zoneName ? `${t("supervision.title")} · ${zoneName}` : t("supervision.title")}
          </Typography.Title>
          <div className="muted">{t("supervision.intro")}</div>
        </div>
      </div>
      <div className="supervision-filters">
        {!scope.fixedZone && (
          <Select
            value={scope.zoneId ?? 0}
            onChange={(value: number) => scope.setZone(value || undefined)}
            className="supervision-zone"
            aria-label={t("supervision.zone")}
            data-testid="supervision-zone"
            options={[
              { value: 0, label: t("supervision.allZones") },
              ...zones.map((zone) => ({ value: zone.id, label: zone.name })),
            ]}
          />
        )}
        <Checkbox
          checked={scope.overdue}
          onChange={(event) => scope.setOverdue(event.target.checked)}
          className="supervision-overdue"
          data-testid="supervision-overdue-only"
        >
          {t("supervision.overdueOnly")}
        </Checkbox>
        {list.data && (
          <span className="muted" data-testid="supervision-counts">
            {t("supervision.counts", { total: list.data.total, overdue: list.data.overdueCount })} ·{" "}
            {t("supervision.asOf", { date: fmt.date(list.data.today) })}
          </span>
        )}
      </div>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data ? (
        <PageSpinner />
      ) : phone ? (
        <BlockerCards list={list.data} overdueOnly={scope.overdue} />
      ) : (
        <BlockerTable list={list.data} overdueOnly={scope.overdue} busy={list.isFetching} />
      )}
    </div>
  );
}
