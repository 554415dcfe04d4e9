// The change log (task force): every change, newest first, filtered by area, user, action and date
// range, fifty at a time ("load more" continues below the last row). A table on desktop, cards on a phone.

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Button, DatePicker, Grid, Select, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type AuditFilters, auditQuery } from "../../api/audit";
import { areasQuery } from "../../api/structure";
import type { AuditRow } from "../../api/types";
import { usersQuery } from "../../api/users";
import { actionLabel, useAuditDescriber } from "../../components/auditText";
import { ErrorResult } from "../../components/ErrorResult";
import { useFormat } from "../../i18n/format";
import { AuditCards } from "./AuditCards";

const ACTIONS = [
  "building.create",
  "building.update",
  "building.stage",
  "building.stage.clear",
  "building.block",
  "building.unblock",
  "building.withdraw",
  "building.restore",
  "building.import",
  "building.import.create",
  "building.import.update",
  "targets.update",
  "letter.update",
  "zone.create",
  "zone.update",
  "area.create",
  "area.update",
  "user.create",
  "user.update",
  "user.password_reset",
  "user.password_change",
  "settings.update",
  "briefing.create",
  "briefing.regenerate",
  "briefing.edit",
  "briefing.issue",
  "report.update",
] as const;

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({});
  const log = useInfiniteQuery(auditQuery(filters));
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = useAuditColumns();
  const phone = Grid.useBreakpoint().md === false;

  return (
    <div className="page" data-testid="audit-page">
      <div className="page-head">
        <Typography.Title level={1} className="page-title">
          {t("audit.title")}
        </Typography.Title>
      </div>
      <AuditFilterBar filters={filters} onChange={(patch) => setFilters((prev) => ({ ...prev, ...patch }))} />
      {log.isError ? (
        <ErrorResult error={log.error} onRetry={() => log.refetch()} />
      ) : (
        <>
          {phone ? (
            <AuditCards rows={rows} pending={log.isPending} />
          ) : (
            // Scrolls sideways in a region the keyboard can reach (focusable, named), not inside the table.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard (WCAG 2.1.1)
            <section className="table-scroll" tabIndex={0} aria-label={t("audit.title")}>
              <Table<AuditRow>
                rowKey="id"
                size="small"
                loading={log.isPending}
                columns={columns}
                dataSource={rows}
                pagination={false}
                className="audit-table"
                data-testid="audit-table"
              />
            </section>
          )}
          <div className="load-more">
            {log.hasNextPage ? (
              <Button onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage} data-testid="audit-more">
                {t("audit.loadMore")}
              </Button>
            ) : (
              rows.length > 0 && (
                <Typography.Text type="secondary">{t("audit.end", { count: rows.length })}</Typography.Text>
              )
            )}
          </div>
        </>
      )}
    </div>
  );
}

function useAuditColumns(): ColumnsType<AuditRow> {
  const { t } = useTranslation();
  const fmt = useFormat();
  const audit = useAuditDescriber();
  const areas = useQuery(areasQuery()).data ?? [];
  return [
    { key: "at", title: t("audit.at"), width: 170, render: (_, row) => fmt.dateTime(row.at) },
    { key: "who", title: t("audit.who"), width: 150, render: (_, row) => row.displayName ?? row.username },
    { key: "action", title: t("audit.action"), width: 120, render: (_, row) => actionLabel(t, row.action) },
    {
      key: "entity",
      title: t("audit.entity"),
      width: 150,
      render: (_, row) =>
        row.entity === "building" ? (
          <Link to={`/buildings/${row.entityId}`}>{audit.entity(row)}</Link>
        ) : (
          audit.entity(row)
        ),
    },
    {
      key: "area",
      title: t("field.areaId"),
      width: 100,
      render: (_, row) => (row.areaId ? (areas.find((area) => area.id === row.areaId)?.name ?? row.areaId) : "—"),
    },
    { key: "what", title: t("audit.what"), render: (_, row) => audit.describe(row).what },
    { key: "reason", title: t("field.reason"), width: 180, render: (_, row) => row.reason || "—" },
  ];
}

/** Area, user, action and date range; each choice narrows the log at once. */
function AuditFilterBar({ filters, onChange }: { filters: AuditFilters; onChange: (patch: AuditFilters) => void }) {
  const { t } = useTranslation();
  const areas = useQuery(areasQuery()).data ?? [];
  const users = useQuery(usersQuery).data ?? [];
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  return (
    <search className="list-filters" aria-label={t("audit.filters")}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("buildings.allAreas")}
        style={{ minWidth: 150 }}
        value={filters.areaId}
        onChange={(areaId) => onChange({ areaId })}
        options={areas.map((area) => ({ value: area.id, label: area.name }))}
        aria-label={t("audit.area")}
        data-testid="audit-area"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("audit.allUsers")}
        style={{ minWidth: 180 }}
        value={filters.userId}
        onChange={(userId) => onChange({ userId })}
        options={users.map((user) => ({
          value: user.id,
          label: t("common.nameWithDetail", { name: user.displayName, detail: user.username }),
        }))}
        aria-label={t("audit.user")}
        data-testid="audit-user"
      />
      <Select
        allowClear
        placeholder={t("audit.allActions")}
        aria-label={t("audit.action")}
        style={{ minWidth: 160 }}
        value={filters.action}
        onChange={(action) => onChange({ action })}
        options={ACTIONS.map((action) => ({ value: action, label: actionLabel(t, action) }))}
        data-testid="audit-action"
      />
      <DatePicker.RangePicker
        value={range}
        onChange={(value) => {
          setRange(value);
          onChange({ from: value?.[0]?.format("YYYY-MM-DD"), to: value?.[1]?.format("YYYY-MM-DD") });
        }}
        aria-label={t("audit.range")}
        data-testid="audit-range"
      />
    </search>
  );
}
