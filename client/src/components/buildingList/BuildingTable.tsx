// The building list on a desktop: a table, one building a row, paged by the server.

import { Empty, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { BuildingListItem } from "../../api/types";
import { useFormat } from "../../i18n/format";
import { StageTag } from "../StageTag";
import { Flags } from "./Flags";
import type { ListPaging } from "./listParams";

interface Props {
  items: BuildingListItem[];
  loading: boolean;
  paging: ListPaging;
  hideArea?: boolean;
  /** Appended to each building's link (the year on screen). */
  linkSuffix: string;
}

export function BuildingTable({ items, loading, paging, hideArea, linkSuffix }: Props) {
  const { t } = useTranslation();
  const columns = useColumns(hideArea, linkSuffix);
  return (
    <Table<BuildingListItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 900 }}
      locale={{ emptyText: <Empty description={t("buildings.empty")} /> }}
      onRow={(row) => ({ "data-testid": `building-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
      pagination={{ ...paging, showSizeChanger: false }}
    />
  );
}

function useColumns(hideArea: boolean | undefined, linkSuffix: string): ColumnsType<BuildingListItem> {
  const { t } = useTranslation();
  const fmt = useFormat();
  return [
    {
      key: "address",
      title: t("field.address"),
      render: (_, row) => (
        <Link to={`/buildings/${row.id}${linkSuffix}`} data-testid={`building-link-${row.id}`}>
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
    { key: "flags", title: t("buildings.flags"), render: (_, row) => <Flags row={row} /> },
  ];
}
