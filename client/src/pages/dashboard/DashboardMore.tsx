// Below the dashboard's first screen (antd and recharts, loaded after the figures): the forecasts, the burn-up
// charts, the funnel, what is new, what is stuck, and the zones and areas compared.

import type { Summary } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { Alert, Col, Row, Space } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Panel } from "../../components/Panel";
import { isFinal } from "../../lib/useAsOf";
import { yearQuery } from "../../lib/useYear";
import { ForecastPanel } from "./ForecastPanel";
import { FunnelCard, RecentCard, StalledCard } from "./PipelineCards";
import { RankingTable } from "./RankingTable";

const BurnUpChart = lazy(() => import("./BurnUpChart").then((module) => ({ default: module.BurnUpChart })));

export function DashboardMore({ summary, zoneId, year }: { summary: Summary; zoneId: number | null; year: number }) {
  const final = isFinal(summary);
  return (
    <>
      {!final && <ForecastPanel summary={summary} />}
      <BurnUpCharts summary={summary} />
      <Row gutter={[16, 16]} className="section">
        <Col xs={24} md={12} xl={8}>
          <FunnelCard summary={summary} />
        </Col>
        {!final && (
          <Col xs={24} md={12} xl={8}>
            <RecentCard summary={summary} />
          </Col>
        )}
        <Col xs={24} md={12} xl={8}>
          <StalledCard summary={summary} />
        </Col>
      </Row>
      <Rankings summary={summary} zoneId={zoneId} year={year} />
    </>
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
