// The dashboard's first screen: whose figures and as of when, a warning when the area targets do not add up,
// the three stages against target and time, and who is behind and why. Plain React and CSS (no antd, no data
// hooks): the server renders it into the page with the figures it computed (client/src/ssr.tsx), and the
// dashboard shows the same component once the app has taken over (docs/ARCHITECTURE.md § The first screen).

import type { AreaStatus, Summary } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import type { ReactNode, Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ExportButton } from "../../../components/ExportButton";
import { CalendarOutlined, DownOutlined, PrinterOutlined, WarningFilled } from "../../../components/icons";
import { useFormat } from "../../../i18n/format";
import { isFinal } from "../../../lib/useAsOf";
import { yearQuery } from "../../../lib/useYear";
import { BehindList } from "./BehindList";
import { StageCards } from "./StageCards";

interface Props {
  summary: Summary;
  statuses: readonly AreaStatus[];
  /** The 数据截至 day the URL asks for (null: today's live figures), kept by the report's link. */
  asOf: string | null;
  /** The year and the 数据截至 day to choose: loaded after the figures, ControlsPlaceholder until then. */
  controls: ReactNode;
}

export function DashboardTop({ summary, statuses, asOf, controls }: Props) {
  return (
    <>
      <DashboardHead summary={summary} asOf={asOf} controls={controls} />
      <AllocationBanner summary={summary} />
      <StageCards summary={summary} />
      <BehindList summary={summary} statuses={statuses} />
    </>
  );
}

/**
 * The zone's breadcrumb, the title with the time the figures were read (or the past day they stand on), the
 * year, the 数据截至 day, the report and the ledger.
 */
function DashboardHead({ summary, asOf, controls }: { summary: Summary; asOf: string | null; controls: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const zoneId = summary.scope.zoneId;
  const scopeName = summary.scope.zoneName ?? t("dashboard.town");
  return (
    <>
      {zoneId != null && (
        <nav className="page-breadcrumb breadcrumb" aria-label={t("plain.breadcrumb")}>
          <ol>
            <li>
              <Link to={`/${yearQuery(summary.year)}`}>{t("dashboard.town")}</Link>
            </li>
            <li aria-current="page">{scopeName}</li>
          </ol>
        </nav>
      )}
      <div className="page-head">
        <div>
          <h1 className="page-title" data-testid="dashboard-title">
            {t("dashboard.title", { scope: scopeName, year: summary.year })}
            {isFinal(summary) && <span className="tag title-tag">{t("dashboard.finalResults")}</span>}
          </h1>
          <span className="muted" data-testid="as-of">
            {summary.asOf
              ? t("dashboard.asOfDay", { date: summary.asOf })
              : t("dashboard.asOf", { time: fmt.dateTime(summary.generatedAt) })}
          </span>
        </div>
        <div className="page-controls">
          {controls}
          <Link
            to={`/report?year=${summary.year}${zoneId != null ? `&zoneId=${zoneId}` : ""}${asOf ? `&asOf=${asOf}` : ""}`}
            className="btn"
          >
            <PrinterOutlined /> {t("nav.report")}
          </Link>
          <ExportButton
            year={summary.year}
            zone={zoneId != null && summary.scope.zoneName ? { id: zoneId, name: summary.scope.zoneName } : undefined}
          />
        </div>
      </div>
    </>
  );
}

/** The controls that come with antd: the year, and the 数据截至 day. */
export type DashboardControl = "year" | "asOf";

/**
 * The year and the 数据截至 day as they look once their antd controls have loaded, at their size, so nothing
 * moves when they arrive: in the server's page and while they load. With `onChoose` (a phone, where they load
 * when first wanted) each is a button that asks for its control.
 */
export function ControlsPlaceholder({
  summary,
  onChoose,
}: {
  summary: Summary;
  onChoose?: (control: DashboardControl) => void;
}) {
  const { t } = useTranslation();
  const year = t("common.yearValue", { year: summary.year });
  const yearFace = (
    <>
      <CalendarOutlined /> {year} <DownOutlined />
    </>
  );
  const dayFace = (
    <>
      {summary.today} <CalendarOutlined />
    </>
  );
  return (
    <>
      {onChoose ? (
        <button
          type="button"
          className="btn"
          aria-label={`${year} · ${t("common.year")}`}
          aria-haspopup="menu"
          onClick={() => onChoose("year")}
        >
          {yearFace}
        </button>
      ) : (
        <span className="btn btn-placeholder" aria-hidden="true">
          {yearFace}
        </span>
      )}
      <span className="as-of-picker">
        <span className="muted">{t("dashboard.asOfPicker")}</span>{" "}
        {onChoose ? (
          <button
            type="button"
            className="picker-placeholder"
            aria-label={`${t("dashboard.asOfPicker")} ${summary.today}`}
            aria-haspopup="dialog"
            onClick={() => onChoose("asOf")}
          >
            {dayFace}
          </button>
        ) : (
          <span className="picker-placeholder">{dayFace}</span>
        )}
      </span>
    </>
  );
}

/** The place of what follows the first screen while it loads (it comes with antd and the charts). */
export function BelowPlaceholder({ ref }: { ref?: Ref<HTMLDivElement> }) {
  return <div ref={ref} className="below-first-screen" data-testid="below-first-screen" />;
}

/** The stages whose area targets do not add up to the town's, with a link to the targets. */
function AllocationBanner({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const unbalanced = RECORDED_STAGES.filter((stage) => !summary.allocation[stage].balanced);
  if (unbalanced.length === 0) return null;
  return (
    <div className="alert alert-warning page-alert" role="alert" data-testid="allocation-banner">
      <WarningFilled className="alert-icon" />
      <div className="alert-content">
        <div className="alert-title">{t("allocation.banner")}</div>
        <div className="alert-description">
          {unbalanced
            .map((stage) =>
              t("allocation.stageLine", {
                stage: t(`stage.${stage}`),
                town: fmt.int(summary.allocation[stage].town),
                sum: fmt.int(summary.allocation[stage].areaSum),
              }),
            )
            .join("；")}
        </div>
      </div>
      <Link to={`/targets?year=${summary.year}`} className="btn btn-small alert-action">
        {t("nav.targets")}
      </Link>
    </div>
  );
}
