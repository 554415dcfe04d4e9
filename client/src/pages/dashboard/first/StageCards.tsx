// One stage's progress for the year, compact enough that the three stages and the behind list share the first
// screen: actual (a link to the buildings counted) against target, percent, the bar with the even-pace marker,
// and the whole elevators due by now and the gap — on track or behind said in words and an icon, not colour
// alone. Plain React and CSS (no antd): the server renders it into the page (docs/ARCHITECTURE.md § The first
// screen), and the app shows the same component once it has taken over.

import type { RecordedStage, Summary } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CheckCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from "../../../components/icons";
import { Panel } from "../../../components/Panel";
import { useFormat } from "../../../i18n/format";
import { buildingsLink, countedInYear } from "../../../lib/buildingLinks";
import { isFinal } from "../../../lib/useAsOf";

const NO_TARGET_COLOR = "#1677ff";

type StageSummary = Summary["stages"][RecordedStage];
type Verdict = "good" | "bad" | null;

/** Good (on track, or met in a closed year), bad, or no target. */
function verdictOf(s: StageSummary, final: boolean): Verdict {
  if (s.onTrack == null) return null;
  const good = final ? s.actual >= (s.target ?? 0) : s.onTrack;
  return good ? "good" : "bad";
}

/** The three stages side by side (one under another on a phone). */
export function StageCards({ summary }: { summary: Summary }) {
  const final = isFinal(summary);
  return (
    <div className="stage-row">
      {RECORDED_STAGES.map((stage) => (
        <StageCard key={stage} stage={stage} summary={summary} final={final} />
      ))}
    </div>
  );
}

interface Props {
  stage: RecordedStage;
  summary: Summary;
  /** The year is over: show the final result, no forecast. */
  final: boolean;
}

function StageCard({ stage, summary, final }: Props) {
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
function StageStatus({ stage, verdict, final }: { stage: RecordedStage; verdict: Verdict; final: boolean }) {
  const { t } = useTranslation();
  if (verdict == null) {
    return (
      <span className="status-word muted">
        <MinusCircleOutlined /> {t("dashboard.noTarget")}
      </span>
    );
  }
  const good = verdict === "good";
  const words = final
    ? t(good ? "dashboard.met" : "dashboard.missed")
    : t(good ? "dashboard.onTrack" : "dashboard.behind");
  return (
    <span className={`status-word ${good ? "text-ok" : "text-behind"}`} data-testid={`stage-status-${stage}`}>
      {good ? <CheckCircleFilled /> : <ExclamationCircleFilled />} {words}
    </span>
  );
}

/** The bar of the percent reached, and (during the year) a marker where the even pace would be. */
function StageProgress({ s, final, verdict }: { s: StageSummary; final: boolean; verdict: Verdict }) {
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
