// 简报: the weekly briefings the user may read, newest week first, with their status; the task force generates
// this week's for the town or a zone here (a second one of the same week opens the one there is). A table on a
// desktop, a card a briefing on a phone.

import { FileAddOutlined } from "@ant-design/icons";
import type { BriefingListItem } from "@jiati/shared";
import { isoWeekDays } from "@jiati/shared/briefing-head";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Empty, Grid, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { briefingsQuery, useCreateBriefing } from "../../api/briefings";
import { isApiError } from "../../api/http";
import { sessionQuery } from "../../api/session";
import { zonesQuery } from "../../api/structure";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";
import "./briefing.css";

/** 2022年第48周 (11月28日–12月4日). */
function useWeekText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (week: string) => {
    const { monday, sunday } = isoWeekDays(week);
    return {
      name: t("briefings.weekOf", { year: week.slice(0, 4), week: Number(week.slice(6)) }),
      days: t("briefings.weekDays", { from: fmt.date(monday), to: fmt.date(sunday) }),
    };
  };
}

export function BriefingsPage() {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  const [params, setParams] = useSearchParams();
  const scope = params.get("scope") ?? undefined;
  const page = Number(params.get("page")) || 1;
  const list = useQuery(briefingsQuery({ scope, page }));
  const zones = useQuery(zonesQuery).data ?? [];
  const phone = Grid.useBreakpoint().md === false;
  const ownZone = user?.role === "leader" ? (user.zoneId ?? null) : null;
  const set = (next: { scope?: string; page?: number }) =>
    setParams(
      (prev) => {
        const copy = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(next)) {
          if (value && value !== 1) copy.set(key, String(value));
          else copy.delete(key);
        }
        return copy;
      },
      { replace: true },
    );

  return (
    <div className="page briefings-page" data-testid="briefings-page">
      <div className="page-head">
        <div>
          <Typography.Title level={1} className="page-title">
            {t("briefings.title")}
          </Typography.Title>
          <div className="muted">{t("briefings.intro")}</div>
        </div>
        {list.data?.canCreate && <GenerateBriefing zones={zones} />}
      </div>
      {ownZone == null && (
        <div className="briefings-filters">
          <Select
            value={scope ?? "all"}
            onChange={(value: string) => set({ scope: value === "all" ? undefined : value, page: 1 })}
            aria-label={t("briefings.show")}
            prefix={`${t("briefings.show")}：`}
            data-testid="briefings-scope-filter"
            style={{ minWidth: 160 }}
            options={[
              { value: "all", label: t("briefings.allScopes") },
              { value: "town", label: t("briefings.town") },
              ...zones.map((zone) => ({ value: String(zone.id), label: zone.name })),
            ]}
          />
        </div>
      )}
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data ? (
        <PageSpinner />
      ) : phone ? (
        <BriefingCards items={list.data.items} />
      ) : (
        <BriefingTable
          items={list.data.items}
          total={list.data.total}
          page={page}
          pageSize={list.data.pageSize}
          busy={list.isFetching}
          onPage={(next) => set({ scope, page: next })}
        />
      )}
    </div>
  );
}

/** The task force's "生成本周简报": the town's, or a zone's. */
function GenerateBriefing({ zones }: { zones: { id: number; name: string }[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const create = useCreateBriefing();
  const [zoneId, setZoneId] = useState(0);
  const generate = () =>
    create.mutate(
      { zoneId: zoneId || null },
      {
        onSuccess: (briefing) => {
          message.success(t("briefings.created"));
          navigate(`/briefings/${briefing.id}`);
        },
        onError: (error) => {
          const current = isApiError(error, 409) ? (error.current as { id?: number } | undefined) : undefined;
          if (current?.id) {
            message.info(t("briefings.exists"));
            navigate(`/briefings/${current.id}`);
            return;
          }
          message.error(errorMessage(error));
        },
      },
    );
  return (
    <Space.Compact className="briefings-generate">
      <Select
        value={zoneId}
        onChange={setZoneId}
        aria-label={t("briefings.scope")}
        data-testid="briefing-generate-scope"
        style={{ minWidth: 140 }}
        options={[
          { value: 0, label: t("briefings.town") },
          ...zones.map((zone) => ({ value: zone.id, label: zone.name })),
        ]}
      />
      <Button
        type="primary"
        icon={<FileAddOutlined />}
        loading={create.isPending}
        onClick={generate}
        data-testid="briefing-generate"
      >
        {t("briefings.generate")}
      </Button>
    </Space.Compact>
  );
}

function StatusTag({ item }: { item: BriefingListItem }) {
  const { t } = useTranslation();
  return item.status === "issued" ? (
    <Tag color="green">{t("briefings.issued")}</Tag>
  ) : (
    <Tag color="orange">{t("briefings.draft")}</Tag>
  );
}

interface TableProps {
  items: BriefingListItem[];
  total: number;
  page: number;
  pageSize: number;
  busy: boolean;
  onPage: (page: number) => void;
}

function BriefingTable({ items, total, page, pageSize, busy, onPage }: TableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const weekText = useWeekText();
  const navigate = useNavigate();
  const columns: ColumnsType<BriefingListItem> = [
    {
      key: "week",
      title: t("briefings.week"),
      render: (_, item) => {
        const week = weekText(item.week);
        return (
          <Link to={`/briefings/${item.id}`} data-testid={`briefing-link-${item.id}`}>
            {week.name} <span className="muted">{week.days}</span>
          </Link>
        );
      },
    },
    { key: "scope", title: t("briefings.scope"), dataIndex: "scopeName" },
    { key: "asOf", title: t("briefings.asOf"), render: (_, item) => fmt.date(item.asOf) },
    { key: "status", title: t("briefings.status"), render: (_, item) => <StatusTag item={item} /> },
    {
      key: "issueNo",
      title: t("briefings.issueNo"),
      render: (_, item) => (item.issueNo == null ? "—" : t("briefings.issueNoValue", { no: item.issueNo })),
    },
    { key: "issuedAt", title: t("briefings.issuedAt"), render: (_, item) => fmt.dateTime(item.issuedAt) },
  ];
  return (
    <Table
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={busy}
      locale={{ emptyText: <Empty description={t("briefings.empty")} data-testid="briefings-empty" /> }}
      data-testid="briefings-table"
      onRow={(item) => ({ onClick: () => navigate(`/briefings/${item.id}`), style: { cursor: "pointer" } })}
      pagination={
        total > pageSize ? { current: page, pageSize, total, onChange: onPage, showSizeChanger: false } : false
      }
    />
  );
}

function BriefingCards({ items }: { items: BriefingListItem[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const weekText = useWeekText();
  if (!items.length) return <Empty description={t("briefings.empty")} data-testid="briefings-empty" />;
  return (
    <div className="briefing-cards" data-testid="briefings-cards">
      {items.map((item) => {
        const week = weekText(item.week);
        return (
          <Link
            key={item.id}
            to={`/briefings/${item.id}`}
            className="briefing-card"
            data-testid={`briefing-link-${item.id}`}
          >
            <div className="briefing-card-head">
              <span>
                {item.scopeName} · {week.name}
              </span>
              <StatusTag item={item} />
            </div>
            <div className="muted">
              {week.days} · {t("briefings.asOf")} {fmt.date(item.asOf)}
              {item.issueNo != null && ` · ${t("briefings.issueNoValue", { no: item.issueNo })}`}
            </div>
          </Link>
        );
      })}
    </div>
  );
}
