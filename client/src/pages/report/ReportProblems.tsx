// 四、存在问题: the stalled buildings (with the thresholds they were counted by), the blocked ones by category, the
// buildings blocked longest, and a target allocation that does not add up — as of the report's day.

import type { BuildingListItem, Summary } from "@jiati/shared";
import { BLOCKER_CATEGORIES, RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { longestBlocked } from "./problems";

/** Buildings named under 受阻最久. */
const LONGEST = 5;

interface Props {
  summary: Summary;
  /** The scope's blocked buildings (all, unless `total` says there are more), once loaded. */
  blocked: { total: number; items: BuildingListItem[] } | undefined;
}

export function ReportProblems({ summary, blocked }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const blockedTotal = BLOCKER_CATEGORIES.reduce((sum, category) => sum + (summary.blocked[category] ?? 0), 0);
  const longest = longestBlocked(blocked?.items ?? [], LONGEST);
  const unbalanced = RECORDED_STAGES.some((stage) => !summary.allocation[stage].balanced);
  return (
    <section className="report-section report-keep" data-testid="report-problems">
      <h2>{t("report.sections.problems")}</h2>
      <p className="report-line" data-testid="report-stalled">
        <b>{t("report.stalled")}</b>{" "}
        {t("report.stalledLine", { signed: summary.stalled.signed, started: summary.stalled.started })}
        {t("report.stalledRule", {
          signedDays: summary.stalled.signedDays,
          startedDays: summary.stalled.startedDays,
        })}
      </p>
      <p className="report-line" data-testid="report-blocked">
        <b>{t("report.blocked")}</b>{" "}
        {blockedTotal === 0
          ? t("report.problems.noBlocked")
          : t("report.problems.blocked", { count: blockedTotal }) +
            BLOCKER_CATEGORIES.map(
              (category) => `${t(`blocker.${category}`)} ${fmt.int(summary.blocked[category] ?? 0)}`,
            ).join(" · ")}
      </p>
      {longest.length > 0 && (
        <p className="report-line" data-testid="report-longest">
          <b>{t("report.problems.longest")}</b>{" "}
          {longest
            .map((building) =>
              t("report.problems.longestItem", {
                address: building.address,
                area: building.areaName,
                category: building.blockerCategory ? t(`blocker.${building.blockerCategory}`) : "",
                days: building.blockedDays,
              }),
            )
            .join(t("report.separator.item"))}
          {blocked &&
            blocked.total > blocked.items.length &&
            t("report.problems.partial", { count: blocked.items.length })}
        </p>
      )}
      {unbalanced && <p className="report-line text-behind">{t("allocation.banner")}</p>}
    </section>
  );
}
