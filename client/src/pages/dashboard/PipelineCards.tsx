// The small cards beside the charts: the funnel of current stages, what is new this week and this month,
// and the stalled and blocked buildings — each number links to the list behind it.

import type { Summary } from "@jiati/shared";
import { BLOCKER_CATEGORIES, BUILDING_STAGES, RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Panel } from "../../components/Panel";
import { useFormat } from "../../i18n/format";
import { buildingsLink } from "../../lib/buildingLinks";
import { StageHead } from "./StageHead";

const FUNNEL_COLORS = { planned: "#bfbfbf", signed: "#69b1ff", started: "#1677ff", completed: "#389e0d" } as const;

export function FunnelCard({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const max = Math.max(1, ...BUILDING_STAGES.map((stage) => summary.funnel[stage]));
  const zoneId = summary.scope.zoneId;
  return (
    <Panel title={t("funnel.title")} testId="funnel" className="side-card">
      <p className="card-note muted">{t("funnel.note")}</p>
      {BUILDING_STAGES.map((stage) => (
        <Link key={stage} to={buildingsLink({ zoneId, stage })} className="funnel-row" data-testid={`funnel-${stage}`}>
          <span className="funnel-label">{t(`stageNow.${stage}`)}</span>
          <span className="funnel-bar-track">
            <span
              className="funnel-bar"
              style={{ width: `${(summary.funnel[stage] / max) * 100}%`, background: FUNNEL_COLORS[stage] }}
            />
          </span>
          <span className="funnel-value">{fmt.int(summary.funnel[stage])}</span>
        </Link>
      ))}
    </Panel>
  );
}

export function RecentCard({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Panel title={t("recent.title")} testId="recent" className="side-card">
      <table className="mini-table">
        <StageHead />
        <tbody>
          {(["week", "month"] as const).map((period) => (
            <tr key={period} data-testid={`recent-${period}`}>
              <th>{t(`recent.${period}`)}</th>
              {RECORDED_STAGES.map((stage) => (
                <td key={stage}>
                  <Link
                    to={buildingsLink({
                      zoneId: summary.scope.zoneId,
                      counted: stage,
                      from: period === "week" ? summary.recent.weekFrom : summary.recent.monthFrom,
                      to: summary.recent.through,
                    })}
                    data-testid={`recent-${period}-${stage}`}
                  >
                    {fmt.int(summary.recent[period][stage])}
                  </Link>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="card-note muted">{t("recent.note")}</p>
    </Panel>
  );
}

export function StalledCard({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const zoneId = summary.scope.zoneId;
  const blockedTotal = BLOCKER_CATEGORIES.reduce((sum, category) => sum + (summary.blocked[category] ?? 0), 0);
  return (
    <Panel title={t("stalled.title")} testId="stalled" className="side-card">
      <Link to={buildingsLink({ zoneId, stalled: "signed" })} className="count-row" data-testid="stalled-signed">
        <span>{t("stalled.signed", { days: summary.stalled.signedDays })}</span>
        <strong className={summary.stalled.signed ? "count-warn" : ""}>{fmt.int(summary.stalled.signed)}</strong>
      </Link>
      <Link to={buildingsLink({ zoneId, stalled: "started" })} className="count-row" data-testid="stalled-started">
        <span>{t("stalled.started", { days: summary.stalled.startedDays })}</span>
        <strong className={summary.stalled.started ? "count-warn" : ""}>{fmt.int(summary.stalled.started)}</strong>
      </Link>
      <div className="card-subtitle">
        <Link to={buildingsLink({ zoneId, blocked: "true" })} data-testid="blocked-all">
          {t("blocked.title", { count: blockedTotal })}
        </Link>
      </div>
      {BLOCKER_CATEGORIES.map((category) => (
        <Link
          key={category}
          to={buildingsLink({ zoneId, blockerCategory: category })}
          className="count-row"
          data-testid={`blocked-${category}`}
        >
          <span>{t(`blocker.${category}`)}</span>
          <strong>{fmt.int(summary.blocked[category] ?? 0)}</strong>
        </Link>
      ))}
    </Panel>
  );
}
