// The one-page A4 report (汇报页) for leadership: the year's numbers, the burn-up charts, the zones and
// areas compared, and the time the data was read. Laid out in millimetres so that printing to PDF gives
// exactly one page for a town of ~35 areas.

import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import type { AreaSummaryRow, RecordedStage, Summary, SummaryRow } from "@jiati/shared";
import { BLOCKER_CATEGORIES, BUILDING_STAGES, RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { Button, Space } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { summaryQuery } from "../../api/summary";
import { AsOfPicker } from "../../components/AsOfPicker";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { YearSelect } from "../../components/YearSelect";
import { useFormat } from "../../i18n/format";
import { asOfSuffix, isFinal, useAsOf } from "../../lib/useAsOf";
import { useYear, yearQuery } from "../../lib/useYear";

const BurnUpChart = lazy(() => import("../dashboard/BurnUpChart").then((module) => ({ default: module.BurnUpChart })));

export function ReportPage() {
  const { t } = useTranslation();
  const [year, setYear] = useYear();
  const [params] = useSearchParams();
  const zoneId = Number(params.get("zoneId")) || null;
  const asOf = useAsOf(year);
  const summary = useQuery(summaryQuery(year, zoneId, asOf.query));

  if (summary.isPending) return <PageSpinner />;
  if (summary.isError) return <ErrorResult error={summary.error} onRetry={() => summary.refetch()} />;

  return (
    <div className="report-page">
      <div className="print-toolbar no-print">
        <Link to={`${zoneId ? `/zones/${zoneId}` : "/"}${yearQuery(year)}${asOfSuffix(asOf)}`}>
          <Button icon={<ArrowLeftOutlined />}>{t("report.back")}</Button>
        </Link>
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          <AsOfPicker asOf={asOf} />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-report">
            {t("report.print")}
          </Button>
        </Space>
      </div>
      <div className={summary.isPlaceholderData ? "is-loading" : ""} aria-busy={summary.isPlaceholderData}>
        <ReportSheet summary={summary.data} />
      </div>
    </div>
  );
}

function ReportSheet({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const final = isFinal(summary);
  const scope = summary.scope.zoneName ?? t("dashboard.town");

  return (
    <article className="report-sheet" data-testid="report-page">
      <header className="report-header">
        <h1 data-testid="report-title">{t("report.title", { scope, year: summary.year })}</h1>
        <span data-testid="report-as-of">
          {summary.asOf
            ? t("dashboard.asOfDay", { date: summary.asOf })
            : t("dashboard.asOf", { time: fmt.dateTime(summary.generatedAt) })}
        </span>
      </header>

      <section className="report-stages">
        {RECORDED_STAGES.map((stage) => (
          <ReportStage key={stage} stage={stage} summary={summary} final={final} />
        ))}
      </section>

      <section className="report-charts">
        {RECORDED_STAGES.map((stage) => (
          <figure key={stage}>
            <figcaption>{t("chart.title", { stage: t(`stage.${stage}`) })}</figcaption>
            <Suspense fallback={<div style={{ height: 145 }} />}>
              <BurnUpChart stage={stage} summary={summary} height={145} compact />
            </Suspense>
          </figure>
        ))}
      </section>

      <ReportFacts summary={summary} final={final} />
      <ReportRankings summary={summary} />
      <footer className="report-footer">{t("report.footer")}</footer>
    </article>
  );
}

/** One line each: the funnel, what is new (during the year), stalled and blocked, an allocation warning. */
function ReportFacts({ summary, final }: { summary: Summary; final: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const unbalanced = RECORDED_STAGES.some((stage) => !summary.allocation[stage].balanced);
  const byStage = (counts: Record<RecordedStage, number>) =>
    RECORDED_STAGES.map((stage) => `${t(`stage.${stage}`)} ${fmt.int(counts[stage])}`).join(" · ");
  return (
    <section className="report-facts">
      <span>
        <b>{t("funnel.title")}</b>{" "}
        {BUILDING_STAGES.map((stage) => `${t(`stageNow.${stage}`)} ${fmt.int(summary.funnel[stage])}`).join(" · ")}
      </span>
      {!final && (
        <span>
          <b>{t("recent.week")}</b> {byStage(summary.recent.week)}
          {"　"}
          <b>{t("recent.month")}</b> {byStage(summary.recent.month)}
        </span>
      )}
      <span>
        <b>{t("report.stalled")}</b>{" "}
        {t("report.stalledLine", { signed: summary.stalled.signed, started: summary.stalled.started })}
        {"　"}
        <b>{t("report.blocked")}</b>{" "}
        {BLOCKER_CATEGORIES.map(
          (category) => `${t(`blocker.${category}`)} ${fmt.int(summary.blocked[category] ?? 0)}`,
        ).join(" · ")}
      </span>
      {unbalanced && <span className="text-behind">{t("allocation.banner")}</span>}
    </section>
  );
}

/** The zones (for the town), then the areas by rank in two columns. */
function ReportRankings({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const areas = [...(summary.areas ?? [])].sort((a, b) => a.rank - b.rank);
  const half = Math.ceil(areas.length / 2);
  return (
    <>
      {!summary.scope.zoneId && (
        <section>
          <h2>{t("ranking.zonesTitle")}</h2>
          <ReportTable
            rows={[...summary.zones].sort((a, b) => a.rank - b.rank)}
            nameTitle={t("ranking.zone")}
            testId="report-zones"
          />
        </section>
      )}
      <section>
        <h2>{t("ranking.areasTitle")}</h2>
        {summary.areasOmitted ? (
          <p>{t("ranking.areasOmitted")}</p>
        ) : (
          <div className="report-area-columns">
            <ReportTable rows={areas.slice(0, half)} nameTitle={t("ranking.area")} testId="report-areas-1" />
            <ReportTable rows={areas.slice(half)} nameTitle={t("ranking.area")} testId="report-areas-2" />
          </div>
        )}
      </section>
    </>
  );
}

function ReportStage({ stage, summary, final }: { stage: RecordedStage; summary: Summary; final: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = summary.stages[stage];
  const tone = s.onTrack == null ? "" : s.onTrack ? "text-ok" : "text-behind";
  return (
    <div className="report-stage" data-testid={`report-stage-${stage}`}>
      <div className="report-stage-name">{t(`stage.${stage}`)}</div>
      <div className="report-stage-numbers">
        <span className={`report-actual ${tone}`} data-testid={`report-actual-${stage}`}>
          {fmt.int(s.actual)}
        </span>
        <span> / </span>
        <span data-testid={`report-target-${stage}`}>{fmt.int(s.target)}</span>
        <span className={`report-percent ${tone}`}>{fmt.percent(s.percent)}</span>
      </div>
      <div className="report-stage-facts">
        {final ? (
          <span>
            {t("dashboard.diffToTarget")} {fmt.signed(s.gap)}
          </span>
        ) : (
          <>
            <span>
              {t("dashboard.expected")} {fmt.int(s.expected)} · {t("dashboard.gap")}{" "}
              <b className={tone}>{fmt.signed(s.gap)}</b>
            </span>
            <span>
              {t("report.forecast", {
                pace: fmt.int(s.forecastPace),
                pipeline: s.forecastPipeline == null ? "—" : fmt.int(s.forecastPipeline),
              })}
            </span>
            {s.target != null && s.actual >= s.target ? (
              <span>{t("forecast.alreadyMet")}</span>
            ) : (
              s.neededPerMonth != null && (
                <span>
                  {t("forecast.neededPerMonth")} {t("forecast.perMonth", { value: fmt.int(s.neededPerMonth) })}
                </span>
              )
            )}
          </>
        )}
      </div>
    </div>
  );
}

type ReportRow = (SummaryRow | AreaSummaryRow) & { areaCount?: number };

function ReportTable({ rows, nameTitle, testId }: { rows: ReportRow[]; nameTitle: string; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <table className="report-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t("ranking.rank")}</th>
          <th className="left">{nameTitle}</th>
          {RECORDED_STAGES.map((stage) => (
            <th key={stage}>{t(`stage.${stage}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.behind ? "report-row-behind" : ""}>
            <td>{row.rank}</td>
            <td className="left">{row.name}</td>
            {RECORDED_STAGES.map((stage) => {
              const s = row.stages[stage];
              const tone = s.onTrack == null ? "" : s.onTrack ? "" : "text-behind";
              return (
                <td key={stage}>
                  {fmt.int(s.actual)}/{fmt.int(s.target)} <span className={tone}>{fmt.percent(s.percent)}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
