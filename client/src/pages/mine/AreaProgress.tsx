// The top of a secretary's home: their area's progress this year against each target — whole elevators due
// and the gap, on track or behind said in words — its rank among the town's areas, and its stalled and
// blocked buildings; every figure opens the buildings it counts.

import { CheckCircleFilled, ExclamationCircleFilled } from "@ant-design/icons";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { summaryQuery } from "../../api/summary";
import { useFormat } from "../../i18n/format";
import { buildingsLink, countedInYear } from "../../lib/buildingLinks";
import { currentYear } from "../../lib/dates";

export function AreaProgress({ areaId }: { areaId: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const year = currentYear();
  const summary = useQuery(summaryQuery(year));
  const areas = summary.data?.areas ?? [];
  const row = areas.find((area) => area.id === areaId);
  if (!row) return null;
  return (
    <section className="area-progress" data-testid="area-progress" aria-label={t("mine.progressTitle", { year })}>
      <div className="area-progress-head">
        <h2 className="area-progress-title">{t("mine.progressTitle", { year })}</h2>
        <span data-testid="area-rank">{t("mine.rank", { rank: row.rank, count: areas.length })}</span>
      </div>
      <div className="area-progress-stages">
        {RECORDED_STAGES.map((stage) => {
          const s = row.stages[stage];
          const behind = s.onTrack === false;
          return (
            <div key={stage} className="area-progress-stage" data-testid={`area-progress-${stage}`}>
              <span className="muted">{t(`stage.${stage}`)}</span>
              <span>
                <Link to={buildingsLink({ areaId, ...countedInYear(stage, year) })} className="area-progress-actual">
                  {fmt.int(s.actual)}
                </Link>
                <span className="muted">/{fmt.int(s.target)}</span>
              </span>
              {s.onTrack == null ? (
                <span className="muted">{t("dashboard.noTarget")}</span>
              ) : (
                <span className={behind ? "text-behind" : "text-ok"}>
                  {behind ? <ExclamationCircleFilled aria-hidden /> : <CheckCircleFilled aria-hidden />}{" "}
                  {behind ? t("ranking.gapShort", { count: -(s.gap ?? 0) }) : t("dashboard.onTrack")}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <div className="area-progress-troubles">
        <Link to={buildingsLink({ areaId, stalled: "true" })} data-testid="area-progress-stalled">
          {t("behindList.stalled")} <b className={row.stalled ? "count-warn" : ""}>{fmt.int(row.stalled)}</b>
        </Link>
        <Link to={buildingsLink({ areaId, blocked: "true" })} data-testid="area-progress-blocked">
          {t("behindList.blocked")} <b className={row.blocked ? "count-warn" : ""}>{fmt.int(row.blocked)}</b>
        </Link>
      </div>
    </section>
  );
}
