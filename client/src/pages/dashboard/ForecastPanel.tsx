// The year-end forecasts per stage, the monthly rate still needed, and how each forecast was made — below the
// first screen.

import type { RecordedStage, Summary } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import { Panel } from "../../components/Panel";
import { useFormat } from "../../i18n/format";
import { StageHead } from "./StageHead";

type StageSummary = Summary["stages"][RecordedStage];

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
