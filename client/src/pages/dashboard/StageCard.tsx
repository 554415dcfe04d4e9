// One stage's progress for the year, compact enough that the three stages and the behind list share the first
// screen: actual (a link to the buildings counted) against target, percent, the bar with the even-pace marker,
// and the whole elevators due by now and the gap — on track or behind said in words and an icon, not colour
// alone. The year-end forecasts are in ForecastPanel, below the fold.

import { CheckCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from "@ant-design/icons";
import type { RecordedStage, Summary } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Panel } from "../../components/Panel";
import { useFormat } from "../../i18n/format";
import { buildingsLink, countedInYear } from "../../lib/buildingLinks";
import { StageHead } from "./StageHead";

const NO_TARGET_COLOR = "#1677ff";

type StageSummary = Summary["stages"][RecordedStage];

interface Props {
  stage: RecordedStage;
  summary: Summary;
  /** The year is over: show the final result, no forecast. */
  final: boolean;
}

/** Good (on track, or met in a closed year), bad, or no target. */
function verdictOf(s: StageSummary, final: boolean): "good" | "bad" | null {
  if (s.onTrack == null) return null;
  const good = final ? s.actual >= (s.target ?? 0) : s.onTrack;
  return good ? "good" : "bad";
}

export function StageCard({ stage, summary, final }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = summary.stages[stage];
  const verdict = verdictOf(s, final);
  const tone = verdict === "good" ? "text-ok" : verdict === "bad" ? "text-behind" : "";
  const link = buildingsLink({ zoneId: summary.scope.zoneId, ...countedInYear(stage, summary.year) });
  return (
    <Panel
      className={`stage-card ${verdict === "good" ? "stage-card-ok" : verdict === "bad" ? "stage-card-behind" : ""}`}
      testId={`stage-card-${stage}`}
      title={t(`stage.${stage}`)}
      extra={<StageStatus stage={stage} verdict={verdict} final={final} />}
    >
      <div className="stage-numbers">
        <Link
          to={link}
          className={`stage-actual ${tone}`}
          data-testid={`stage-actual-${stage}`}
          aria-label={t("dashboard.actualLink", { stage: t(`stage.${stage}`), count: s.actual })}
        >
          {fmt.int(s.actual)}
        </Link>
        <span className="stage-slash">/</span>
        <span className="stage-target" data-testid={`stage-target-${stage}`}>
          {fmt.int(s.target)}
        </span>
        <span className="stage-unit">{t("common.unit")}</span>
        <span className="stage-percent" data-testid={`stage-percent-${stage}`}>
          {fmt.percent(s.percent)}
        </span>
      </div>
      <StageProgress s={s} final={final} verdict={verdict} />
      <p className="stage-line">
        <span>
          {final ? t("dashboard.target") : t("dashboard.expected")}{" "}
          <b data-testid={`stage-expected-${stage}`}>{fmt.int(final ? s.target : s.expected)}</b>
          {t("common.unit")}
        </span>
        <span className={tone}>
          {final ? t("dashboard.diffToTarget") : t("dashboard.gap")}{" "}
          {/* On 31 December the expected count is the target, so the gap is the difference to it. */}
          <b data-testid={`stage-gap-${stage}`}>{fmt.signed(s.gap)}</b>
          {s.gap != null && t("common.unit")}
        </span>
      </p>
    </Panel>
  );
}

/** On track / behind (met / missed for a closed year) in words with an icon; no target. */
function StageStatus({
  stage,
  verdict,
  final,
}: {
  stage: RecordedStage;
  verdict: "good" | "bad" | null;
  final: boolean;
}) {
  const { t } = useTranslation();
  if (verdict == null) {
    return (
      <span className="status-word muted">
        <MinusCircleOutlined aria-hidden /> {t("dashboard.noTarget")}
      </span>
    );
  }
  const good = verdict === "good";
  const words = final
    ? t(good ? "dashboard.met" : "dashboard.missed")
    : t(good ? "dashboard.onTrack" : "dashboard.behind");
  return (
    <span className={`status-word ${good ? "text-ok" : "text-behind"}`} data-testid={`stage-status-${stage}`}>
      {good ? <CheckCircleFilled aria-hidden /> : <ExclamationCircleFilled aria-hidden />} {words}
    </span>
  );
}

/** The bar of the percent reached, and (during the year) a marker where the even pace would be. */
function StageProgress({ s, final, verdict }: { s: StageSummary; final: boolean; verdict: "good" | "bad" | null }) {
  const { t } = useTranslation();
  const reached = Math.min(100, s.percent ?? 0);
  const expectedShare = s.target ? Math.min(100, ((s.expected ?? 0) / s.target) * 100) : null;
  const color = verdict === "good" ? "var(--ok)" : verdict === "bad" ? "var(--behind)" : NO_TARGET_COLOR;
  return (
    <div className="stage-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t("dashboard.percent")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(reached)}
      >
        <div className="progress-bar" style={{ width: `${reached}%`, background: color }} />
      </div>
      {expectedShare != null && !final && (
        <span className="expected-marker" style={{ left: `${expectedShare}%` }} title={t("dashboard.expectedMarker")} />
      )}
    </div>
  );
}

/** The year-end forecasts per stage, the monthly rate still needed, and how each forecast was made. */
export function ForecastPanel({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Panel className="section" title={t("forecast.title")} testId="forecasts">
      <table className="mini-table forecast-table">
        <StageHead />
        <tbody>
          <tr>
            <th>{t("forecast.byPace")}</th>
            {RECORDED_STAGES.map((stage) => (
              <td key={stage} data-testid={`stage-forecast-pace-${stage}`}>
                {fmt.int(summary.stages[stage].forecastPace)}
              </td>
            ))}
          </tr>
          <tr>
            <th>{t("forecast.byPipeline")}</th>
            {RECORDED_STAGES.map((stage) => {
              const value = summary.stages[stage].forecastPipeline;
              return (
                <td key={stage} data-testid={`stage-forecast-pipeline-${stage}`}>
                  {value == null ? t("forecast.notAvailable") : fmt.int(value)}
                </td>
              );
            })}
          </tr>
          <tr>
            <th>{t("forecast.neededPerMonth")}</th>
            {RECORDED_STAGES.map((stage) => (
              <td key={stage} data-testid={`stage-needed-${stage}`}>
                <Needed s={summary.stages[stage]} />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <ForecastMethods summary={summary} />
    </Panel>
  );
}

/** Whole elevators a month still needed; "target met" once it is, never "0 a month". */
function Needed({ s }: { s: StageSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (s.target != null && s.actual >= s.target) return <>{t("forecast.alreadyMet")}</>;
  if (s.neededPerMonth == null) return <>—</>;
  return <>{t("forecast.perMonth", { value: fmt.int(s.neededPerMonth) })}</>;
}

/** How the pipeline forecast was made: signings by pace; starts and completions from the median durations. */
function ForecastMethods({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const days = {
    signedToStarted: fmt.int(summary.medianDays.signedToStarted),
    startedToCompleted: fmt.int(summary.medianDays.startedToCompleted),
  };
  return (
    <ul className="stage-method muted">
      <li>{t("forecast.methodSigned")}</li>
      <li>{t("forecast.methodStarted", days)}</li>
      <li>{t("forecast.methodCompleted", days)}</li>
    </ul>
  );
}
