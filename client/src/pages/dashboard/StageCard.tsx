// One stage's progress for the year: actual against target, percent, expected-by-now and the gap
// (green on track, red behind), the two year-end forecasts with their method, and the monthly rate still needed.

import type { RecordedStage, Summary } from "@jiati/shared";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Panel } from "../../components/Panel";
import { useFormat } from "../../i18n/format";

const ON_TRACK_COLOR = "#389e0d";
const BEHIND_COLOR = "#cf1322";
const NO_TARGET_COLOR = "#1677ff";

type StageSummary = Summary["stages"][RecordedStage];

interface Props {
  stage: RecordedStage;
  summary: Summary;
  /** The year is over: show the final result, no forecast. */
  final: boolean;
}

/** Green on track, red behind, none without a target. */
function toneOf(s: StageSummary): { color?: string; className: string } {
  if (s.onTrack == null) return { className: "" };
  return s.onTrack
    ? { color: ON_TRACK_COLOR, className: "stage-card-ok" }
    : { color: BEHIND_COLOR, className: "stage-card-behind" };
}

export function StageCard({ stage, summary, final }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const method = useForecastMethod(stage, summary);
  const s = summary.stages[stage];
  const tone = toneOf(s);
  return (
    <Panel
      className={`stage-card ${tone.className}`}
      testId={`stage-card-${stage}`}
      title={t(`stage.${stage}`)}
      extra={<StageStatus stage={stage} s={s} final={final} />}
    >
      <StageNumbers stage={stage} s={s} color={tone.color} />
      <StageProgress s={s} color={tone.color} final={final} />
      <dl className="stage-facts">
        <dt>{final ? t("dashboard.target") : t("dashboard.expected")}</dt>
        <dd data-testid={`stage-expected-${stage}`}>{fmt.num(s.expected)}</dd>
        <dt>{final ? t("dashboard.diffToTarget") : t("dashboard.gap")}</dt>
        <dd data-testid={`stage-gap-${stage}`} style={{ color: tone.color }}>
          {fmt.signed(s.gap)}
        </dd>
        {!final && <ForecastFacts stage={stage} s={s} />}
      </dl>
      {!final && <p className="stage-method muted">{method}</p>}
    </Panel>
  );
}

/** No target; met or missed (a closed year); on track or behind. */
function StageStatus({ stage, s, final }: { stage: RecordedStage; s: StageSummary; final: boolean }) {
  const { t } = useTranslation();
  if (s.onTrack == null) return <Tag>{t("dashboard.noTarget")}</Tag>;
  const good = final ? s.actual >= (s.target ?? 0) : s.onTrack;
  let words = good ? t("dashboard.onTrack") : t("dashboard.behind");
  if (final) words = good ? t("dashboard.met") : t("dashboard.missed");
  return (
    <Tag color={good ? "success" : "error"} data-testid={`stage-status-${stage}`}>
      {words}
    </Tag>
  );
}

function StageNumbers({ stage, s, color }: { stage: RecordedStage; s: StageSummary; color?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="stage-numbers">
      <span className="stage-actual" data-testid={`stage-actual-${stage}`} style={{ color }}>
        {fmt.int(s.actual)}
      </span>
      <span className="stage-slash">/</span>
      <span className="stage-target" data-testid={`stage-target-${stage}`}>
        {fmt.int(s.target)}
      </span>
      <span className="stage-unit">{t("common.unit")}</span>
      <span className="stage-percent" data-testid={`stage-percent-${stage}`}>
        {fmt.percent(s.percent)}
      </span>
    </div>
  );
}

/** The bar of the percent reached, and (during the year) a marker where the even pace would be. */
function StageProgress({ s, color, final }: { s: StageSummary; color?: string; final: boolean }) {
  const { t } = useTranslation();
  const reached = Math.min(100, s.percent ?? 0);
  const expectedShare = s.target ? Math.min(100, ((s.expected ?? 0) / s.target) * 100) : null;
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
        <div className="progress-bar" style={{ width: `${reached}%`, background: color ?? NO_TARGET_COLOR }} />
      </div>
      {expectedShare != null && !final && (
        <span className="expected-marker" style={{ left: `${expectedShare}%` }} title={t("dashboard.expectedMarker")} />
      )}
    </div>
  );
}

/** The two year-end forecasts and the monthly rate still needed. */
function ForecastFacts({ stage, s }: { stage: RecordedStage; s: StageSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  let needed = "—";
  if (s.neededPerMonth != null) needed = t("forecast.perMonth", { value: fmt.num(s.neededPerMonth) });
  else if (s.target != null && s.actual >= s.target) needed = t("forecast.alreadyMet");
  return (
    <>
      <dt>{t("forecast.byPace")}</dt>
      <dd data-testid={`stage-forecast-pace-${stage}`}>{fmt.int(s.forecastPace)}</dd>
      <dt>{t("forecast.byPipeline")}</dt>
      <dd data-testid={`stage-forecast-pipeline-${stage}`}>
        {s.forecastPipeline == null ? t("forecast.notAvailable") : fmt.int(s.forecastPipeline)}
      </dd>
      <dt>{t("forecast.neededPerMonth")}</dt>
      <dd data-testid={`stage-needed-${stage}`}>{needed}</dd>
    </>
  );
}

/** How the pipeline forecast was made: signings by pace; starts and completions from the median durations. */
function useForecastMethod(stage: RecordedStage, summary: Summary): string {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (stage === "signed") return t("forecast.methodSigned");
  return t(stage === "started" ? "forecast.methodStarted" : "forecast.methodCompleted", {
    signedToStarted: fmt.int(summary.medianDays.signedToStarted),
    startedToCompleted: fmt.int(summary.medianDays.startedToCompleted),
  });
}
