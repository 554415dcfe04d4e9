// The building list with its filters (stage, address search, stalled, blocked and its category, and the
// counted stage and range a figure links with), paged on the server. Filters live in the URL, so the
// dashboard's numbers link straight to the list behind them, and show as chips. A table on desktop, cards
// on a phone.

import { useQuery } from "@tanstack/react-query";
import { Grid, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { buildingListQuery } from "../api/buildings";
import { useYearSuffix } from "../lib/useYear";
import { BuildingCards } from "./buildingList/BuildingCards";
import { BuildingTable } from "./buildingList/BuildingTable";
import { FilterChips } from "./buildingList/FilterChips";
import { ListFilters } from "./buildingList/ListFilters";
import { activeFilters, type ListPaging, listRequest, PAGE_SIZE, useListParams } from "./buildingList/listParams";
import { ErrorResult } from "./ErrorResult";

interface Props {
  /** Fixed scope (an area page); otherwise the URL's areaId/zoneId apply. */
  areaId?: number;
  /** Hide the area column (all rows are one area's). */
  hideArea?: boolean;
  /** Controls placed before the filters (e.g. zone and area choosers). */
  leading?: ReactNode;
  /** Controls placed after the filters (e.g. "add building"). */
  extra?: ReactNode;
}

export function BuildingList({ areaId, hideArea, leading, extra }: Props) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const { state, update } = useListParams(areaId);
  const list = useQuery(buildingListQuery(listRequest(state)));
  // Keep the year while drilling down to a building and back.
  const linkSuffix = useYearSuffix();

  if (list.isError) return <ErrorResult error={list.error} onRetry={() => list.refetch()} />;
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const paging: ListPaging = { current: state.page, pageSize: PAGE_SIZE, total, onChange: (page) => update({ page }) };

  return (
    <div data-testid="building-list">
      <ListFilters state={state} update={update} phone={phone} leading={leading} extra={extra} />
      <FilterChips chips={activeFilters(state, areaId)} update={update} />
      <Typography.Text type="secondary" className="list-total" data-testid="building-total" aria-live="polite">
        {list.data && (
          <>
            {t("buildings.totalBefore")}
            <strong data-testid="buildings-total">{total}</strong>
            {t("buildings.totalAfter")}
          </>
        )}
      </Typography.Text>
      {phone ? (
        <BuildingCards
          items={items}
          pending={list.isPending}
          fetching={list.isFetching}
          paging={paging}
          hideArea={hideArea}
          linkSuffix={linkSuffix}
        />
      ) : (
        <BuildingTable
          items={items}
          loading={list.isFetching}
          paging={paging}
          hideArea={hideArea}
          linkSuffix={linkSuffix}
        />
      )}
    </div>
  );
}
