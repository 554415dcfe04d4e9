// 二、各片区、居民区进展: the zones (the town's report) and the areas by rank, each stage actual/target and percent
// (▼ before a percent behind plan) and the row's standing in words. Up to TWO_COLUMNS_MAX areas sit in two
// columns so a town fits one A4 page; more run as one table whose head repeats on every printed page.

import type { AreaSummaryRow, Summary, SummaryRow } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { behindSymbol, rowStanding, stageStanding, standingLabel } from "./marks";

/** Areas shown side by side in two tables; beyond, one table over as many pages as it takes. */
export const TWO_COLUMNS_MAX = 40;

export function ReportRankings({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const town = summary.scope.zoneId == null;
  const areas = [...(summary.areas ?? [])].sort((a, b) => a.rank - b.rank);
  const half = Math.ceil(areas.length / 2);
  return (
    <section className="report-section">
      <h2>
        {t(town ? "report.sections.rankingsTown" : "report.sections.rankingsZone")}
        <span className="report-legend" data-testid="report-legend">
          {t("report.legend")}
        </span>
      </h2>
      {town && (
        <RankingTable
          rows={[...summary.zones].sort((a, b) => a.rank - b.rank)}
          nameTitle={t("ranking.zone")}
          testId="report-zones"
        />
      )}
      {summary.areasOmitted ? (
        <p>{t("ranking.areasOmitted")}</p>
      ) : areas.length <= TWO_COLUMNS_MAX ? (
        <div className="report-area-columns">
          <RankingTable rows={areas.slice(0, half)} nameTitle={t("ranking.area")} testId="report-areas-1" />
          <RankingTable rows={areas.slice(half)} nameTitle={t("ranking.area")} testId="report-areas-2" />
        </div>
      ) : (
        <RankingTable rows={areas} nameTitle={t("ranking.area")} testId="report-areas-1" showZone={town} />
      )}
    </section>
  );
}

type RankingRow = SummaryRow | AreaSummaryRow;

interface TableProps {
  rows: RankingRow[];
  nameTitle: string;
  testId: string;
  /** The area's zone beside its name (one table of the town's areas). */
  showZone?: boolean;
}

function RankingTable({ rows, nameTitle, testId, showZone = false }: TableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <table className="report-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t("ranking.rank")}</th>
          <th className="left">{nameTitle}</th>
          {showZone && <th className="report-zone-cell">{t("ranking.zone")}</th>}
          {RECORDED_STAGES.map((stage) => (
            <th key={stage}>{t(`stage.${stage}`)}</th>
          ))}
          <th className="report-standing">{t("report.status")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const standing = rowStanding(row);
          return (
            <tr key={row.id} className={row.behind ? "report-row-behind" : ""}>
              <td>{row.rank}</td>
              <td className="left">{row.name}</td>
              {showZone && <td className="report-zone-cell">{"zoneName" in row ? row.zoneName : ""}</td>}
              {RECORDED_STAGES.map((stage) => {
                const s = row.stages[stage];
                const stageMark = behindSymbol(stageStanding(s));
                return (
                  <td key={stage}>
                    {fmt.int(s.actual)}/{fmt.int(s.target)}{" "}
                    <span className={stageMark ? "text-behind" : ""}>
                      {stageMark}
                      {fmt.percent(s.percent)}
                    </span>
                  </td>
                );
              })}
              <td className={`report-standing ${standing.kind === "behind" ? "text-behind" : ""}`}>
                {standingLabel(t, standing)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
