// The building list on a phone: one card a building (address, stage, dates, flags), a simple pager below.

import { STAGE_DATE_FIELD } from "@jiati/shared/stages";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { Card, Empty, Pagination, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { BuildingListItem } from "../../api/types";
import { useFormat } from "../../i18n/format";
import { StageTag } from "../StageTag";
import { Flags } from "./Flags";
import type { ListPaging } from "./listParams";

interface Props {
  items: BuildingListItem[];
  pending: boolean;
  fetching: boolean;
  paging: ListPaging;
  hideArea?: boolean;
  linkSuffix: string;
}

export function BuildingCards({ items, pending, fetching, paging, hideArea, linkSuffix }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <div className="building-cards" aria-busy={fetching}>
        {pending ? (
          <Spin />
        ) : items.length === 0 ? (
          <Empty description={t("buildings.empty")} />
        ) : (
          items.map((row) => <BuildingListCard key={row.id} row={row} hideArea={hideArea} linkSuffix={linkSuffix} />)
        )}
      </div>
      {paging.total > paging.pageSize && (
        <Pagination className="list-pagination" {...paging} showSizeChanger={false} simple />
      )}
    </>
  );
}

function BuildingListCard({
  row,
  hideArea,
  linkSuffix,
}: {
  row: BuildingListItem;
  hideArea?: boolean;
  linkSuffix: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Link
      to={`/buildings/${row.id}${linkSuffix}`}
      className="building-card-link"
      data-testid={`building-link-${row.id}`}
    >
      <Card size="small" className="building-card">
        <div className="building-card-head">
          <strong>{row.address}</strong>
          <StageTag stage={row.stage} withdrawn={row.withdrawn} />
        </div>
        <div className="muted">{[hideArea ? null : row.areaName, row.estate].filter(Boolean).join(" · ")}</div>
        <div className="building-card-dates">
          {RECORDED_STAGES.map((stage) => {
            const date = row[STAGE_DATE_FIELD[stage]];
            return date ? (
              <span key={stage}>
                {t(`stage.${stage}`)} {fmt.date(date)}
              </span>
            ) : null;
          })}
        </div>
        <Flags row={row} />
      </Card>
    </Link>
  );
}
