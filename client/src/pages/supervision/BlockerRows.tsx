// The open blockers of the 督办 page: a table on a desktop, cards on a phone. Each shows the building (a link
// to its page, where its thread is), its area, the blocker's category, days blocked, owner, due date and the
// latest progress note.

import type { BlockerItem, BlockerList } from "@jiati/shared";
import { Empty, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DueTag } from "../../components/supervision/DueTag";
import { useFormat } from "../../i18n/format";

interface Props {
  list: BlockerList;
  overdueOnly: boolean;
}

function NoBlockers({ overdueOnly }: { overdueOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <Empty
      description={overdueOnly ? t("supervision.emptyOverdue") : t("supervision.empty")}
      data-testid="supervision-empty"
    />
  );
}

function LastNote({ item }: { item: BlockerItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!item.lastNote) return <span className="muted">{t("supervision.noNote")}</span>;
  return (
    <div className="supervision-note">
      <div>{item.lastNote.text}</div>
      <div className="muted">
        {t("supervision.lastNoteBy", { author: item.lastNote.author, time: fmt.dateTime(item.lastNote.at) })}
      </div>
    </div>
  );
}

const ownerName = (item: BlockerItem, none: string) => item.owner?.displayName ?? none;

export function BlockerTable({ list, overdueOnly, busy }: Props & { busy: boolean }) {
  const { t } = useTranslation();
  const columns: ColumnsType<BlockerItem> = [
    {
      key: "address",
      title: t("field.address"),
      render: (_, item) => (
        <Link to={`/buildings/${item.buildingId}`} data-testid={`supervision-link-${item.buildingId}`}>
          {item.address}
        </Link>
      ),
    },
    {
      key: "area",
      title: t("ranking.area"),
      render: (_, item) => t("common.nameWithDetail", { name: item.areaName, detail: item.zoneName }),
    },
    { key: "category", title: t("field.blockerCategory"), render: (_, item) => t(`blocker.${item.category}`) },
    {
      key: "days",
      title: t("supervision.blockedField"),
      align: "right",
      render: (_, item) => t("supervision.blockedDays", { days: item.blockedDays ?? 0 }),
    },
    {
      key: "owner",
      title: t("supervision.ownerField"),
      render: (_, item) => ownerName(item, t("supervision.noOwner")),
    },
    {
      key: "due",
      title: t("supervision.dueField"),
      render: (_, item) => (
        <DueTag dueOn={item.dueOn} today={list.today} testId={`supervision-due-${item.buildingId}`} />
      ),
    },
    { key: "note", title: t("supervision.thread"), render: (_, item) => <LastNote item={item} /> },
  ];
  return (
    <Table<BlockerItem>
      rowKey="buildingId"
      size="small"
      loading={busy}
      columns={columns}
      dataSource={list.items}
      pagination={false}
      locale={{ emptyText: <NoBlockers overdueOnly={overdueOnly} /> }}
      onRow={(item) => ({ "data-testid": `supervision-row-${item.buildingId}` }) as React.HTMLAttributes<HTMLElement>}
      data-testid="supervision-table"
    />
  );
}

export function BlockerCards({ list, overdueOnly }: Props) {
  const { t } = useTranslation();
  if (list.items.length === 0) return <NoBlockers overdueOnly={overdueOnly} />;
  return (
    <ol className="supervision-cards" data-testid="supervision-cards">
      {list.items.map((item) => (
        <li
          key={item.buildingId}
          className={`supervision-card${item.overdue ? " supervision-card-overdue" : ""}`}
          data-testid={`supervision-row-${item.buildingId}`}
        >
          <Link
            to={`/buildings/${item.buildingId}`}
            className="supervision-card-address"
            data-testid={`supervision-link-${item.buildingId}`}
          >
            {item.address}
          </Link>
          <div className="muted">
            {t("common.nameWithDetail", { name: item.areaName, detail: item.zoneName })}
            {item.estate ? ` · ${item.estate}` : ""}
          </div>
          <div className="supervision-card-facts">
            <Tag color="error">{t(`blocker.${item.category}`)}</Tag>
            <span>{t("supervision.blockedDays", { days: item.blockedDays ?? 0 })}</span>
            <DueTag dueOn={item.dueOn} today={list.today} testId={`supervision-due-${item.buildingId}`} />
          </div>
          <div>{t("supervision.owner", { name: ownerName(item, t("supervision.noOwner")) })}</div>
          <LastNote item={item} />
        </li>
      ))}
    </ol>
  );
}
