// One residential area: where its buildings stand now, its targets and actuals for the year, its target
// letter, and its buildings (filter, search, page). Its secretary and the task force may add buildings.

import { FileTextOutlined, MobileOutlined, PlusOutlined } from "@ant-design/icons";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { Breadcrumb, Button, Card, Col, Row, Space, Statistic, Tag, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { sessionQuery } from "../../api/session";
import { areaQuery } from "../../api/structure";
import { summaryQuery } from "../../api/summary";
import type { AreaWithCounts } from "../../api/types";
import { BuildingList } from "../../components/BuildingList";
import { ErrorResult } from "../../components/ErrorResult";
import { ExportButton } from "../../components/ExportButton";
import { PageSpinner } from "../../components/PageSpinner";
import { YearSelect } from "../../components/YearSelect";
import { useFormat } from "../../i18n/format";
import { canEditBuildingsIn } from "../../lib/roles";
import { useYear, yearQuery } from "../../lib/useYear";

const CreateBuildingModal = lazy(() =>
  import("./CreateBuildingModal").then((module) => ({ default: module.CreateBuildingModal })),
);

export function AreaPage() {
  const areaId = Number(useParams().areaId);
  const [year, setYear] = useYear();
  const area = useQuery(areaQuery(areaId));

  if (area.isPending) return <PageSpinner />;
  if (area.isError) return <ErrorResult error={area.error} onRetry={() => area.refetch()} />;
  return (
    <div className="page" data-testid="area-page">
      <AreaHead area={area.data} year={year} onYear={setYear} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <AreaCounts area={area.data} />
        </Col>
        <Col xs={24} lg={14}>
          <AreaYear area={area.data} year={year} />
        </Col>
      </Row>
      <AreaBuildings areaId={areaId} />
    </div>
  );
}

interface HeadProps {
  area: AreaWithCounts;
  year: number;
  onYear: (year: number) => void;
}

/** Where the area sits, its name, and the year, its letter, its phone page (for editors) and its ledger. */
function AreaHead({ area, year, onYear }: HeadProps) {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { title: <Link to={`/${yearQuery(year)}`}>{t("dashboard.town")}</Link> },
          { title: <Link to={`/zones/${area.zoneId}${yearQuery(year)}`}>{area.zoneName}</Link> },
          { title: area.name },
        ]}
      />
      <div className="page-head">
        <Typography.Title level={1} className="page-title" data-testid="area-title">
          {area.name}
          <Tag className="title-tag">{area.zoneName}</Tag>
        </Typography.Title>
        <Space wrap>
          <YearSelect value={year} onChange={onYear} />
          <Link to={`/targets/letters/${area.id}?year=${year}`}>
            <Button icon={<FileTextOutlined />} data-testid="area-letter-link">
              {t("targets.letter")}
            </Button>
          </Link>
          {canEditBuildingsIn(user, area.id) && (
            <Link to={user?.role === "secretary" ? "/mine" : `/mine?areaId=${area.id}`}>
              <Button icon={<MobileOutlined />} data-testid="area-mine-link">
                {t("nav.areaBuildings")}
              </Button>
            </Link>
          )}
          <ExportButton area={{ id: area.id, name: area.name }} year={year} />
        </Space>
      </div>
    </>
  );
}

const COUNT_KEYS = ["planned", "signed", "started", "completed", "blocked", "withdrawn"] as const;

/** Where its buildings stand now: by stage, blocked, withdrawn. */
function AreaCounts({ area }: { area: AreaWithCounts }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const title = (key: (typeof COUNT_KEYS)[number]) => {
    if (key === "blocked") return t("area.blocked");
    if (key === "withdrawn") return t("building.withdrawnTag");
    return t(`stageNow.${key}`);
  };
  return (
    <Card size="small" title={t("area.now")} className="side-card" data-testid="area-counts">
      <div className="count-grid">
        {COUNT_KEYS.map((key) => (
          <Statistic key={key} title={title(key)} value={fmt.int(area.counts[key])} data-testid={`area-count-${key}`} />
        ))}
      </div>
    </Card>
  );
}

/** The year's actual, target, percent and expected-by-now per stage, and the area's rank in its zone. */
function AreaYear({ area, year }: { area: AreaWithCounts; year: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const summary = useQuery(summaryQuery(year, area.zoneId));
  const row = summary.data?.areas?.find((candidate) => candidate.id === area.id);
  const loading = summary.isPlaceholderData;
  return (
    <Card
      size="small"
      title={t("area.yearTitle", { year: summary.data?.year ?? year })}
      className={`side-card ${loading ? "is-loading" : ""}`}
      data-testid="area-year"
      aria-busy={loading || summary.isPending}
    >
      <table className="mini-table">
        <thead>
          <tr>
            <th />
            <th>{t("area.actual")}</th>
            <th>{t("area.target")}</th>
            <th>{t("dashboard.percent")}</th>
            <th>{t("dashboard.expected")}</th>
          </tr>
        </thead>
        <tbody>
          {RECORDED_STAGES.map((stage) => {
            const s = row?.stages[stage];
            const tone = s?.onTrack == null ? "" : s.onTrack ? "text-ok" : "text-behind";
            return (
              <tr key={stage} data-testid={`area-stage-${stage}`}>
                <th>{t(`stage.${stage}`)}</th>
                <td className={tone}>{fmt.int(s?.actual)}</td>
                <td>{fmt.int(s?.target)}</td>
                <td className={tone}>{fmt.percent(s?.percent)}</td>
                <td>{fmt.int(s?.expected)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {row && (
        <Typography.Text type="secondary">
          {t("area.rank", { rank: row.rank, count: summary.data?.areas?.length ?? 0, zone: area.zoneName })}
        </Typography.Text>
      )}
    </Card>
  );
}

/** The area's buildings (filter, search, page), and — for its editors — adding one. */
function AreaBuildings({ areaId }: { areaId: number }) {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  const [creating, setCreating] = useState(false);
  const addButton = canEditBuildingsIn(user, areaId) ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="add-building">
      {t("building.add")}
    </Button>
  ) : null;
  return (
    <>
      <Card size="small" className="section" title={t("area.buildings")}>
        <BuildingList areaId={areaId} hideArea extra={addButton} />
      </Card>
      {creating && (
        <Suspense fallback={null}>
          <CreateBuildingModal areaId={areaId} onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </>
  );
}
