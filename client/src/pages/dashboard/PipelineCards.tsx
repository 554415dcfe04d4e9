// The small cards beside the charts: the funnel of current stages, what is new this week and this month,
// and the stalled and blocked buildings — each number links to the list behind it.

import type { Summary } from "@jiati/shared";
import { BLOCKER_CATEGORIES, BUILDING_STAGES, RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Panel } from "../../components/Panel";
import { useFormat } from "../../i18n/format";

const FUNNEL_COLORS = { planned: "#bfbfbf", signed: "#69b1ff", started: "#1677ff", completed: "#389e0d" } as const;

function scopeQuery(zoneId: number | null, extra: Record<string, string>): string {
  const params = new URLSearchParams(extra);
  if (zoneId) params.set("zoneId", String(zoneId));
  return `/buildings?${params.toString()}`;
}

export function FunnelCard({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const max = Math.max(1, ...BUILDING_STAGES.map((stage) => summary.funnel[stage]));
  const zoneId = summary.scope.zoneId;
  return (
    <Panel title={t("funnel.title")} testId="funnel" className="side-card">
      <p className="card-note muted">{t("funnel.note")}</p>
      {BUILDING_STAGES.map((stage) => (
        <Link key={stage} to={scopeQuery(zoneId, { stage })} className="funnel-row" data-testid={`funnel-${stage}`}>
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
        <thead>
          <tr>
            <th />
            {RECORDED_STAGES.map((stage) => (
              <th key={stage}>{t(`stage.${stage}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid="recent-week">
            <th>{t("recent.week")}</th>
            {RECORDED_STAGES.map((stage) => (
              <td key={stage}>{fmt.int(summary.recent.week[stage])}</td>
            ))}
          </tr>
          <tr data-testid="recent-month">
            <th>{t("recent.month")}</th>
            {RECORDED_STAGES.map((stage) => (
              <td key={stage}>{fmt.int(summary.recent.month[stage])}</td>
            ))}
          </tr>
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
      <Link to={scopeQuery(zoneId, { stalled: "signed" })} className="count-row" data-testid="stalled-signed">
        <span>{t("stalled.signed", { days: summary.stalled.signedDays })}</span>
        <strong className={summary.stalled.signed ? "count-warn" : ""}>{fmt.int(summary.stalled.signed)}</strong>
      </Link>
      <Link to={scopeQuery(zoneId, { stalled: "started" })} className="count-row" data-testid="stalled-started">
        <span>{t("stalled.started", { days: summary.stalled.startedDays })}</span>
        <strong className={summary.stalled.started ? "count-warn" : ""}>{fmt.int(summary.stalled.started)}</strong>
      </Link>
      <div className="card-subtitle">
        <Link to={scopeQuery(zoneId, { blocked: "true" })} data-testid="blocked-all">
          {t("blocked.title", { count: blockedTotal })}
        </Link>
      </div>
      {BLOCKER_CATEGORIES.map((category) => (
        <Link
          key={category}
          to={scopeQuery(zoneId, { blockerCategory: category })}
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
