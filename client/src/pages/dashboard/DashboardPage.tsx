// The year at a glance, for the whole town (/) or one zone (/zones/:zoneId). The first screen answers "are we
// on track, who is behind, and why": the three stages against target and time, then the zones or areas behind
// plan with their reasons. Below: forecasts, burn-up charts, the funnel, what is new, what is stuck, and the
// zones and areas compared. Every figure links to the buildings it counts.

import { PrinterOutlined } from "@ant-design/icons";
import type { Summary } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { Alert, Breadcrumb, Button, Col, Row, Space, Tag } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { summaryQuery } from "../../api/summary";
import { AsOfPicker } from "../../components/AsOfPicker";
import { ErrorResult } from "../../components/ErrorResult";
import { ExportButton } from "../../components/ExportButton";
import { PageSpinner } from "../../components/PageSpinner";
import { Panel } from "../../components/Panel";
import { YearSelect } from "../../components/YearSelect";
import { useFormat } from "../../i18n/format";
import { type AsOf, asOfSuffix, isFinal, useAsOf } from "../../lib/useAsOf";
import { useYear, yearQuery } from "../../lib/useYear";
import { BehindPanel } from "./BehindPanel";
import { FunnelCard, RecentCard, StalledCard } from "./PipelineCards";
import { RankingTable } from "./RankingTable";
import { ForecastPanel, StageCard } from "./StageCard";

const BurnUpChart = lazy(() => import("./BurnUpChart").then((module) => ({ default: module.BurnUpChart })));

export function DashboardPage() {
  const params = useParams();
  const zoneId = params.zoneId ? Number(params.zoneId) : null;
  const [year, setYear] = useYear();
  const asOf = useAsOf(year, "today");
  const summary = useQuery(summaryQuery(year, zoneId, asOf.query));

  if (summary.isPending) return <PageSpinner />;
  if (summary.isError) return <ErrorResult error={summary.error} onRetry={() => summary.refetch()} />;
  const data = summary.data;
  // Until the chosen year arrives, the last one stays on screen, dimmed and marked busy.
  const loading = summary.isPlaceholderData;
  const final = isFinal(data);

  return (
    <div
      className={`page ${loading ? "is-loading" : ""}`}
      data-testid="dashboard"
      data-year={data.year}
      aria-busy={loading}
    >
      <DashboardHead summary={data} zoneId={zoneId} year={year} onYear={setYear} asOf={asOf} />
      <AllocationBanner summary={data} year={year} />
      <Row gutter={[12, 8]} className="stage-row">
        {RECORDED_STAGES.map((stage) => (
          <Col key={stage} xs={24} md={8}>
            <StageCard stage={stage} summary={data} final={final} />
          </Col>
        ))}
      </Row>
      <BehindPanel summary={data} />
      {!final && <ForecastPanel summary={data} />}
      <BurnUpCharts summary={data} />
      <Row gutter={[16, 16]} className="section">
        <Col xs={24} md={12} xl={8}>
          <FunnelCard summary={data} />
        </Col>
        {!final && (
          <Col xs={24} md={12} xl={8}>
            <RecentCard summary={data} />
          </Col>
        )}
        <Col xs={24} md={12} xl={8}>
          <StalledCard summary={data} />
        </Col>
      </Row>
      <Rankings summary={data} zoneId={zoneId} year={year} />
    </div>
  );
}

interface HeadProps {
  summary: Summary;
  zoneId: number | null;
  year: number;
  onYear: (year: number) => void;
  asOf: AsOf;
}

/**
 * The zone's breadcrumb, the title with the time the figures were read (or the past day they stand on), the
 * year, the 数据截至 day, the report and the ledger.
 */
function DashboardHead({ summary, zoneId, year, onYear, asOf }: HeadProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const scopeName = summary.scope.zoneName ?? t("dashboard.town");
  const final = isFinal(summary);
  return (
    <>
      {zoneId && (
        <Breadcrumb
          className="page-breadcrumb"
          items={[{ title: <Link to={`/${yearQuery(year)}`}>{t("dashboard.town")}</Link> }, { title: scopeName }]}
        />
      )}
      <div className="page-head">
        <div>
          <h1 className="page-title" data-testid="dashboard-title">
            {t("dashboard.title", { scope: scopeName, year: summary.year })}
            {final && (
              <Tag color="default" className="title-tag">
                {t("dashboard.finalResults")}
              </Tag>
            )}
          </h1>
          <span className="muted" data-testid="as-of">
            {summary.asOf
              ? t("dashboard.asOfDay", { date: summary.asOf })
              : t("dashboard.asOf", { time: fmt.dateTime(summary.generatedAt) })}
          </span>
        </div>
        <Space wrap>
          <YearSelect value={year} onChange={onYear} />
          <AsOfPicker asOf={asOf} />
          <Link to={`/report?year=${year}${zoneId ? `&zoneId=${zoneId}` : ""}${asOfSuffix(asOf)}`}>
            <Button icon={<PrinterOutlined />}>{t("nav.report")}</Button>
          </Link>
          <ExportButton
            year={year}
            zone={zoneId && summary.scope.zoneName ? { id: zoneId, name: summary.scope.zoneName } : undefined}
          />
        </Space>
      </div>
    </>
  );
}

/** The stages whose area targets do not add up to the town's, with a link to the targets. */
function AllocationBanner({ summary, year }: { summary: Summary; year: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const unbalanced = RECORDED_STAGES.filter((stage) => !summary.allocation[stage].balanced);
  if (unbalanced.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="page-alert"
      data-testid="allocation-banner"
      title={t("allocation.banner")}
      description={unbalanced
        .map((stage) =>
          t("allocation.stageLine", {
            stage: t(`stage.${stage}`),
            town: fmt.int(summary.allocation[stage].town),
            sum: fmt.int(summary.allocation[stage].areaSum),
          }),
        )
        .join("；")}
      action={
        <Link to={`/targets?year=${year}`}>
          <Button size="small">{t("nav.targets")}</Button>
        </Link>
      }
    />
  );
}

function BurnUpCharts({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} className="section">
      {RECORDED_STAGES.map((stage) => (
        <Col key={stage} xs={24} lg={8}>
          <Panel title={t("chart.title", { stage: t(`stage.${stage}`) })}>
            <Suspense fallback={<div className="chart-placeholder" />}>
              <BurnUpChart stage={stage} summary={summary} />
            </Suspense>
          </Panel>
        </Col>
      ))}
    </Row>
  );
}

/** The zones compared (the town only), then the areas — or, when there are too many, links to the zones. */
function Rankings({ summary, zoneId, year }: { summary: Summary; zoneId: number | null; year: number }) {
  const { t } = useTranslation();
  return (
    <>
      {!zoneId && (
        <Panel className="section" title={t("ranking.zonesTitle")}>
          <RankingTable kind="zone" rows={summary.zones} year={year} testId="zone-table" />
        </Panel>
      )}
      <Panel className="section" title={t("ranking.areasTitle")}>
        {summary.areas ? (
          <RankingTable kind="area" rows={summary.areas} year={year} showZone={!zoneId} testId="area-table" />
        ) : (
          <Alert
            type="info"
            showIcon
            data-testid="areas-omitted"
            title={t("ranking.areasOmitted")}
            description={
              <Space wrap>
                {summary.zones.map((zone) => (
                  <Link key={zone.id} to={`/zones/${zone.id}${yearQuery(year)}`}>
                    {zone.name}
                  </Link>
                ))}
              </Space>
            }
          />
        )}
      </Panel>
      <p className="card-note muted ranking-rule" data-testid="ranking-rule">
        {t("ranking.rule")}
      </p>
    </>
  );
}
