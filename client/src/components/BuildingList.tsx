// The building list with its filters (stage, address search, stalled, blocked and its category), paged
// on the server. Filters live in the URL, so the dashboard's numbers link straight to the list behind them.
// A table on desktop, cards on a phone.

import { SearchOutlined } from "@ant-design/icons";
import { BLOCKER_CATEGORIES, BUILDING_STAGES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { Card, Checkbox, Empty, Grid, Input, Pagination, Select, Space, Spin, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { type BuildingListParams, buildingListQuery } from "../api/buildings";
import type { BuildingListItem } from "../api/types";
import { useFormat } from "../i18n/format";
import { ErrorResult } from "./ErrorResult";
import { StageTag } from "./StageTag";

const PAGE_SIZE = 20;
const SORTS = ["address", "updated", "signedOn", "startedOn", "completedOn"] as const;

interface Props {
  /** Fixed scope (an area page); otherwise the URL's areaId/zoneId apply. */
  areaId?: number;
  /** Hide the area column (all rows are one area's). */
  hideArea?: boolean;
  /** Controls placed before the filters (e.g. zone and area choosers). */
  leading?: React.ReactNode;
  /** Controls placed after the filters (e.g. "add building"). */
  extra?: React.ReactNode;
}

function useListParams(fixedAreaId?: number) {
  const [params, setParams] = useSearchParams();
  const number = (key: string) => {
    const value = Number(params.get(key));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  const category = params.get("category") ?? undefined;
  const state = {
    areaId: fixedAreaId ?? number("areaId"),
    zoneId: fixedAreaId ? undefined : number("zoneId"),
    stage: params.get("stage") ?? undefined,
    q: params.get("q") ?? undefined,
    stalled: params.get("stalled") === "true",
    blocked: params.get("blocked") === "true" || Boolean(category),
    category: category && (BLOCKER_CATEGORIES as readonly string[]).includes(category) ? category : undefined,
    sort: params.get("sort") ?? "address",
    page: number("page") ?? 1,
  };
  const update = (patch: Record<string, string | number | boolean | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === "" || value === false) next.delete(key);
          else next.set(key, String(value));
        }
        if (!("page" in patch)) next.delete("page");
        return next;
      },
      { replace: true },
    );
  return { state, update };
}

export function BuildingList({ areaId, hideArea, leading, extra }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const phone = Grid.useBreakpoint().md === false;
  const { state, update } = useListParams(areaId);
  // Keep the year while drilling down to a building and back.
  const [searchParams] = useSearchParams();
  const yearSuffix = searchParams.get("year") ? `?year=${searchParams.get("year")}` : "";
  const [search, setSearch] = useState(state.q ?? "");
  useEffect(() => setSearch(state.q ?? ""), [state.q]);

  // A blocker category is filtered here: the API filters "blocked" only, and blocked buildings are few.
  const byCategory = Boolean(state.category);
  const request: BuildingListParams = {
    areaId: state.areaId,
    zoneId: state.zoneId,
    stage: state.stage,
    q: state.q,
    stalled: state.stalled || undefined,
    blocked: state.blocked || undefined,
    sort: state.sort,
    page: byCategory ? 1 : state.page,
    pageSize: byCategory ? 500 : PAGE_SIZE,
  };
  const list = useQuery(buildingListQuery(request));
  let items = list.data?.items ?? [];
  let total = list.data?.total ?? 0;
  if (byCategory) {
    items = items.filter((item) => item.blockerCategory === state.category);
    total = items.length;
    items = items.slice((state.page - 1) * PAGE_SIZE, state.page * PAGE_SIZE);
  }

  const columns: ColumnsType<BuildingListItem> = [
    {
      key: "address",
      title: t("field.address"),
      render: (_, row) => (
        <Link to={`/buildings/${row.id}${yearSuffix}`} data-testid={`building-link-${row.id}`}>
          {row.address}
        </Link>
      ),
    },
    { key: "estate", title: t("field.estate"), dataIndex: "estate", responsive: ["lg"] },
    ...(hideArea ? [] : [{ key: "area", title: t("field.areaId"), dataIndex: "areaName" }]),
    {
      key: "stage",
      title: t("field.stage"),
      render: (_, row) => <StageTag stage={row.stage} withdrawn={row.withdrawn} />,
    },
    { key: "signedOn", title: t("stageDate.signed"), render: (_, row) => fmt.date(row.signedOn) },
    { key: "startedOn", title: t("stageDate.started"), render: (_, row) => fmt.date(row.startedOn) },
    { key: "completedOn", title: t("stageDate.completed"), render: (_, row) => fmt.date(row.completedOn) },
    {
      key: "flags",
      title: t("buildings.flags"),
      render: (_, row) => <Flags row={row} />,
    },
  ];

  const filters = (
    <div className="list-filters">
      {leading}
      <Select
        value={state.stage ?? ""}
        onChange={(stage) => update({ stage })}
        style={{ minWidth: 150 }}
        aria-label={t("field.stage")}
        data-testid="filter-stage"
        options={[
          { value: "", label: t("buildings.allStages") },
          ...BUILDING_STAGES.map((stage) => ({ value: stage, label: t(`stageNow.${stage}`) })),
          { value: "withdrawn", label: t("building.withdrawnTag") },
        ]}
      />
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t("buildings.searchPlaceholder")}
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          if (!event.target.value) update({ q: undefined });
        }}
        onPressEnter={() => update({ q: search.trim() })}
        onBlur={() => search.trim() !== (state.q ?? "") && update({ q: search.trim() })}
        style={{ maxWidth: phone ? undefined : 260 }}
        data-testid="filter-search"
        aria-label={t("buildings.searchPlaceholder")}
      />
      <Checkbox
        checked={state.stalled}
        onChange={(event) => update({ stalled: event.target.checked })}
        data-testid="filter-stalled"
      >
        {t("buildings.stalledOnly")}
      </Checkbox>
      <Checkbox
        checked={state.blocked}
        onChange={(event) => update({ blocked: event.target.checked, category: undefined })}
        data-testid="filter-blocked"
      >
        {t("buildings.blockedOnly")}
      </Checkbox>
      {state.blocked && (
        <Select
          value={state.category ?? ""}
          onChange={(category) => update({ category, blocked: true })}
          style={{ minWidth: 150 }}
          aria-label={t("field.blockerCategory")}
          options={[
            { value: "", label: t("buildings.allCategories") },
            ...BLOCKER_CATEGORIES.map((category) => ({ value: category, label: t(`blocker.${category}`) })),
          ]}
        />
      )}
      <Select
        value={state.sort}
        onChange={(sort) => update({ sort })}
        style={{ minWidth: 140 }}
        aria-label={t("buildings.sort")}
        options={SORTS.map((sort) => ({ value: sort, label: t(`buildings.sortBy.${sort}`) }))}
      />
      {extra}
    </div>
  );

  if (list.isError) return <ErrorResult error={list.error} onRetry={() => list.refetch()} />;

  return (
    <div data-testid="building-list">
      {filters}
      <Typography.Text type="secondary" className="list-total" data-testid="building-total">
        {t("buildings.total", { count: total })}
      </Typography.Text>
      {phone ? (
        <>
          <div className="building-cards" aria-busy={list.isFetching}>
            {list.isPending ? (
              <Spin />
            ) : items.length === 0 ? (
              <Empty description={t("buildings.empty")} />
            ) : (
              items.map((row) => (
                <Link
                  key={row.id}
                  to={`/buildings/${row.id}${yearSuffix}`}
                  className="building-card-link"
                  data-testid={`building-link-${row.id}`}
                >
                  <Card size="small" className="building-card">
                    <div className="building-card-head">
                      <strong>{row.address}</strong>
                      <StageTag stage={row.stage} withdrawn={row.withdrawn} />
                    </div>
                    <div className="muted">
                      {[hideArea ? null : row.areaName, row.estate].filter(Boolean).join(" · ")}
                    </div>
                    <div className="building-card-dates">
                      {row.signedOn && (
                        <span>
                          {t("stage.signed")} {fmt.date(row.signedOn)}
                        </span>
                      )}
                      {row.startedOn && (
                        <span>
                          {t("stage.started")} {fmt.date(row.startedOn)}
                        </span>
                      )}
                      {row.completedOn && (
                        <span>
                          {t("stage.completed")} {fmt.date(row.completedOn)}
                        </span>
                      )}
                    </div>
                    <Flags row={row} />
                  </Card>
                </Link>
              ))
            )}
          </div>
          {total > PAGE_SIZE && (
            <Pagination
              className="list-pagination"
              current={state.page}
              pageSize={PAGE_SIZE}
              total={total}
              showSizeChanger={false}
              onChange={(page) => update({ page })}
              simple
            />
          )}
        </>
      ) : (
        <Table<BuildingListItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t("buildings.empty")} /> }}
          onRow={(row) => ({ "data-testid": `building-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: state.page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            onChange: (page) => update({ page }),
          }}
        />
      )}
    </div>
  );
}

function Flags({ row }: { row: BuildingListItem }) {
  const { t } = useTranslation();
  if (row.stalledDays == null && !row.blockerCategory) return null;
  return (
    <Space size={4} wrap>
      {row.stalledDays != null && <Tag color="warning">{t("buildings.stalledDays", { days: row.stalledDays })}</Tag>}
      {row.blockerCategory && (
        <Tag color="error" title={row.blockerNote}>
          {t("buildings.blockedBy", { category: t(`blocker.${row.blockerCategory}`) })}
        </Tag>
      )}
    </Space>
  );
}
