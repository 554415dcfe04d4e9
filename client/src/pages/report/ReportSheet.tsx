// The printed sheet, in the order of a town's progress report: the head (title, issuing unit, date of issue, the
// day the figures stand on), 一 overall progress, 二 the zones and areas compared, 三 who is behind and why,
// 四 problems, 五 next steps; the legend of its marks heads 二. Behind and on track are said in words and symbols
// (marks.ts) as well as in colour, so that it reads in black and white (docs/DOMAIN.md § Reports).

import type { AreaStatus, BuildingListItem, Organization, Summary } from "@jiati/shared";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { today } from "../../lib/dates";
import { longDate, reportTitle } from "./heading";
import { ReportBehind } from "./ReportBehind";
import { ReportNextSteps } from "./ReportNextSteps";
import { ReportProblems } from "./ReportProblems";
import { ReportProgress } from "./ReportProgress";
import { ReportRankings } from "./ReportRankings";

interface Props {
  summary: Summary;
  organization: Organization;
  /** The areas' latest explanations, written by the report's day. */
  explanations: readonly AreaStatus[];
  /** The scope's blocked buildings as of the report's day, once loaded. */
  blocked: { total: number; items: BuildingListItem[] } | undefined;
}

export function ReportSheet({ summary, organization, explanations, blocked }: Props) {
  return (
    <article className="report-sheet" data-testid="report-page">
      <ReportHead summary={summary} organization={organization} />
      <ReportProgress summary={summary} />
      <ReportRankings summary={summary} />
      <ReportBehind summary={summary} statuses={explanations} blocked={blocked?.items} />
      <ReportProblems summary={summary} blocked={blocked} />
      <ReportNextSteps year={summary.year} zoneId={summary.scope.zoneId} />
    </article>
  );
}

function ReportHead({ summary, organization }: { summary: Summary; organization: Organization }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = reportTitle(t, {
    townName: organization.townName,
    zoneName: summary.scope.zoneName,
    year: summary.year,
    day: summary.asOf ?? summary.today,
    locale: fmt.locale,
  });
  return (
    <header className="report-header">
      <h1 data-testid="report-title">{title}</h1>
      <div className="report-issue">
        <span data-testid="report-issuer">{organization.issuingUnit}</span>
        <span data-testid="report-as-of">
          {summary.asOf
            ? t("dashboard.asOfDay", { date: summary.asOf })
            : t("dashboard.asOf", { time: fmt.dateTime(summary.generatedAt) })}
        </span>
        <span data-testid="report-issued-on">{t("report.issuedOn", { date: longDate(fmt.locale, today()) })}</span>
      </div>
    </header>
  );
}
