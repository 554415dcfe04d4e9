// The sortable comparison of zones or areas: targets, actuals and percent per stage, and rank; rows
// behind plan stand out. Each name drills down (zone → its dashboard, area → its page), keeping the year.

import { ExclamationCircleFilled } from "@ant-design/icons";
import type { RecordedStage, SummaryRow } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Column, SortableTable } from "../../components/SortableTable";
import { useFormat } from "../../i18n/format";
import { buildingsLink, countedInYear } from "../../lib/buildingLinks";
import { yearQuery } from "../../lib/useYear";

type RankingRow = Omit<SummaryRow, "areaCount"> & { zoneName?: string; areaCount?: number };

interface Props {
  kind: "zone" | "area";
  rows: RankingRow[];
  year: number;
  /** Show the zone column (areas of the whole town). */
  showZone?: boolean;
  testId: string;
}

function StageCell({
  row,
  stage,
  kind,
  year,
}: {
  row: RankingRow;
  stage: RecordedStage;
  kind: Props["kind"];
  year: number;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = row.stages[stage];
  const tone = s.onTrack == null ? "" : s.onTrack ? "text-ok" : "text-behind";
  const scope = kind === "zone" ? { zoneId: row.id } : { areaId: row.id };
  return (
    <span className="stage-cell">
      <span>
        <Link
          to={buildingsLink({ ...scope, ...countedInYear(stage, year) })}
          data-testid={`${kind}-${stage}-${row.id}`}
        >
          <strong>{fmt.int(s.actual)}</strong>
        </Link>
        <span className="muted">/{fmt.int(s.target)}</span>
      </span>
      <span className={`stage-cell-percent ${tone}`}>
        {fmt.percent(s.percent)}
        {s.gap != null && s.gap < 0 && <span className="sr-only">{t("ranking.gapShort", { count: -s.gap })}</span>}
      </span>
    </span>
  );
}

const byPercent = (stage: RecordedStage) => (a: RankingRow, b: RankingRow) =>
  (a.stages[stage].percent ?? -1) - (b.stages[stage].percent ?? -1) || a.stages[stage].actual - b.stages[stage].actual;

export function RankingTable({ kind, rows, year, showZone, testId }: Props) {
  const { t } = useTranslation();
  const columns: Column<RankingRow>[] = [
    {
      key: "rank",
      title: t("ranking.rank"),
      align: "center",
      compare: (a, b) => a.rank - b.rank,
      render: (row) => row.rank,
    },
    {
      key: "name",
      title: kind === "zone" ? t("ranking.zone") : t("ranking.area"),
      className: "sticky-col",
      compare: (a, b) => a.name.localeCompare(b.name, "zh-CN"),
      render: (row) => (
        <span className="name-cell">
          <Link
            to={`/${kind === "zone" ? "zones" : "areas"}/${row.id}${yearQuery(year)}`}
            data-testid={`${kind}-link-${row.id}`}
          >
            {row.name}
          </Link>
          {row.behind && (
            <Tag color="error" variant="filled" className="behind-tag" icon={<ExclamationCircleFilled aria-hidden />}>
              {t("ranking.behindBy", { count: row.shortfall })}
            </Tag>
          )}
        </span>
      ),
    },
  ];
  if (showZone) {
    columns.push({
      key: "zone",
      title: t("ranking.zone"),
      compare: (a, b) => (a.zoneName ?? "").localeCompare(b.zoneName ?? "", "zh-CN"),
      render: (row) => row.zoneName,
    });
  }
  if (kind === "zone") {
    columns.push({ key: "areas", title: t("ranking.areaCount"), align: "right", render: (row) => row.areaCount });
  }
  for (const stage of RECORDED_STAGES) {
    columns.push({
      key: stage,
      title: t("ranking.stageColumn", { stage: t(`stage.${stage}`) }),
      label: t(`stage.${stage}`),
      align: "right",
      compare: byPercent(stage),
      render: (row) => <StageCell row={row} stage={stage} kind={kind} year={year} />,
    });
  }
  return (
    <SortableTable<RankingRow>
      testId={testId}
      rows={rows}
      columns={columns}
      rowKey={(row) => row.id}
      rowClassName={(row) => (row.behind ? "row-behind" : "")}
      rowTestId={(row) => `${kind}-row-${row.id}`}
      initialSort={{ key: "rank" }}
      stackOnPhone
    />
  );
}
