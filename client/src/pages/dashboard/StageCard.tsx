// One stage's progress for the year: actual against target, percent, expected-by-now and the gap
// (green on track, red behind), the two year-end forecasts with their method, and the monthly rate still needed.

import type { RecordedStage, Summary } from "@jiati/shared";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Panel } from "../../components/Panel";
import { useFormat } from "../../i18n/format";

const ON_TRACK_COLOR = "#389e0d";
const BEHIND_COLOR = "#cf1322";

interface Props {
  stage: RecordedStage;
  summary: Summary;
  /** The year is over: show the final result, no forecast. */
  final: boolean;
}

export function StageCard({ stage, summary, final }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = summary.stages[stage];
  const color = s.onTrack == null ? undefined : s.onTrack ? ON_TRACK_COLOR : BEHIND_COLOR;
  const percent = s.percent ?? 0;
  const expectedShare = s.target ? Math.min(100, ((s.expected ?? 0) / s.target) * 100) : null;

  const status =
    s.onTrack == null ? (
      <Tag>{t("dashboard.noTarget")}</Tag>
    ) : final ? (
      <Tag color={s.actual >= (s.target ?? 0) ? "success" : "error"} data-testid={`stage-status-${stage}`}>
        {s.actual >= (s.target ?? 0) ? t("dashboard.met") : t("dashboard.missed")}
      </Tag>
    ) : (
      <Tag color={s.onTrack ? "success" : "error"} data-testid={`stage-status-${stage}`}>
        {s.onTrack ? t("dashboard.onTrack") : t("dashboard.behind")}
      </Tag>
    );

  const method =
    stage === "signed"
      ? t("forecast.methodSigned")
      : t(stage === "started" ? "forecast.methodStarted" : "forecast.methodCompleted", {
          signedToStarted: fmt.int(summary.medianDays.signedToStarted),
          startedToCompleted: fmt.int(summary.medianDays.startedToCompleted),
        });

  return (
    <Panel
      className={`stage-card ${s.onTrack === false ? "stage-card-behind" : s.onTrack ? "stage-card-ok" : ""}`}
      testId={`stage-card-${stage}`}
      title={t(`stage.${stage}`)}
      extra={status}
    >
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
      <div className="stage-progress">
        <div
          className="progress-track"
          role="progressbar"
          aria-label={t("dashboard.percent")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(Math.min(100, percent))}
        >
          <div
            className="progress-bar"
            style={{ width: `${Math.min(100, percent)}%`, background: color ?? "#1677ff" }}
          />
        </div>
        {expectedShare != null && !final && (
          <span
            className="expected-marker"
            style={{ left: `${expectedShare}%` }}
            title={t("dashboard.expectedMarker")}
          />
        )}
      </div>
      <dl className="stage-facts">
        <dt>{final ? t("dashboard.target") : t("dashboard.expected")}</dt>
        <dd data-testid={`stage-expected-${stage}`}>{fmt.num(s.expected)}</dd>
        <dt>{final ? t("dashboard.diffToTarget") : t("dashboard.gap")}</dt>
        <dd data-testid={`stage-gap-${stage}`} style={{ color }}>
          {fmt.signed(s.gap)}
        </dd>
        {!final && (
          <>
            <dt>{t("forecast.byPace")}</dt>
            <dd data-testid={`stage-forecast-pace-${stage}`}>{fmt.int(s.forecastPace)}</dd>
            <dt>{t("forecast.byPipeline")}</dt>
            <dd data-testid={`stage-forecast-pipeline-${stage}`}>
              {s.forecastPipeline == null ? t("forecast.notAvailable") : fmt.int(s.forecastPipeline)}
            </dd>
            <dt>{t("forecast.neededPerMonth")}</dt>
            <dd data-testid={`stage-needed-${stage}`}>
              {s.neededPerMonth == null
                ? s.target != null && s.actual >= s.target
                  ? t("forecast.alreadyMet")
                  : "—"
                : t("forecast.perMonth", { value: fmt.num(s.neededPerMonth) })}
            </dd>
          </>
        )}
      </dl>
      {!final && <p className="stage-method muted">{method}</p>}
    </Panel>
  );
}
