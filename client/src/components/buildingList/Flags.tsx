import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { BuildingListItem } from "../../api/types";

/** Why a building needs attention: stalled for how long, blocked by what. */
export function Flags({ row }: { row: BuildingListItem }) {
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
