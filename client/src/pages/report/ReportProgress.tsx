// 一、总体进展: each stage against its target and the even pace (behind or on track said in words), the burn-up
// charts on screen — on paper a table of the same months, which needs no colour — and the funnel and what is new.

import type { RecordedStage, Summary } from "@jiati/shared";
import { BUILDING_STAGES, RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { isFinal } from "../../lib/useAsOf";
import { burnUpPoints } from "../dashboard/burnUp";
import { MARK, stageStanding, standingLabel } from "./marks";

const BurnUpChart = lazy(() => import("../dashboard/BurnUpChart").then((module) => ({ default: module.BurnUpChart })));

export function ReportProgress({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const final = isFinal(summary);
  return (
    <section className="report-section">
      <h2>{t("report.sections.progress")}</h2>
      <div className="report-stages">
        {RECORDED_STAGES.map((stage) => (
          <ReportStage key={stage} stage={stage} summary={summary} final={final} />
        ))}
      </div>
      <div className="report-charts screen-only">
        {RECORDED_STAGES.map((stage) => (
          <figure key={stage}>
            <figcaption>{t("chart.title", { stage: t(`stage.${stage}`) })}</figcaption>
            <Suspense fallback={<div style={{ height: 145 }} />}>
              <BurnUpChart stage={stage} summary={summary} height={145} compact />
            </Suspense>
          </figure>
        ))}
      </div>
      <MonthlyTable summary={summary} />
      <ReportFacts summary={summary} final={final} />
    </section>
  );
}

function ReportStage({ stage, summary, final }: { stage: RecordedStage; summary: Summary; final: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = summary.stages[stage];
  const standing = stageStanding(s);
  const tone = standing.kind === "noTarget" ? "" : standing.kind === "onTrack" ? "text-ok" : "text-behind";
  return (
    <div className="report-stage" data-testid={`report-stage-${stage}`}>
      <div className="report-stage-numbers">
        <span className="report-stage-name">{t(`stage.${stage}`)}</span>
        <span className={`report-actual ${tone}`} data-testid={`report-actual-${stage}`}>
          {fmt.int(s.actual)}
        </span>
        <span> / </span>
        <span data-testid={`report-target-${stage}`}>{fmt.int(s.target)}</span>
        <span className={`report-percent ${tone}`}>{fmt.percent(s.percent)}</span>
        <span className={`report-mark ${tone}`} data-testid={`report-mark-${stage}`}>
          {standingLabel(t, standing)}
        </span>
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

/**
 * The burn-up charts as a table, for paper: each stage's cumulative actual / even-pace plan (whole elevators, as
 * the cards count) at each month's end; a month's actual below its plan carries ▼ (not the month still running,
 * whose plan is its end's). Months not reached show the plan alone.
 */
function MonthlyTable({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const months = Array.from({ length: 12 }, (_, index) => index + 1);
  const runningMonth = isFinal(summary) ? 13 : Number(summary.today.slice(5, 7));
  const cell = (actual: number | null, plan: number | null, month: number) => {
    const below = month < runningMonth && actual != null && plan != null && actual < plan;
    const actualText = actual == null ? "" : `${below ? MARK.behind : ""}${fmt.int(actual)}`;
    return plan == null ? actualText : `${actualText}/${fmt.int(plan)}`;
  };
  return (
    <table className="report-table report-monthly print-only" data-testid="report-monthly">
      <caption>{t("report.monthly.title")}</caption>
      <thead>
        <tr>
          <th />
          {months.map((month) => (
            <th key={month}>{t("report.monthly.month", { month })}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {RECORDED_STAGES.map((stage) => (
          <tr key={stage}>
            <th className="left">{t(`stage.${stage}`)}</th>
            {burnUpPoints(summary, stage).map((point) => (
              <td key={point.month}>
                {cell(point.actual, point.plan == null ? null : Math.floor(point.plan), point.month)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One line each: the funnel, and what is new this week and month (during the year). */
function ReportFacts({ summary, final }: { summary: Summary; final: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const byStage = (counts: Record<RecordedStage, number>) =>
    RECORDED_STAGES.map((stage) => `${t(`stage.${stage}`)} ${fmt.int(counts[stage])}`).join(" · ");
  return (
    <div className="report-facts">
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
    </div>
  );
}
