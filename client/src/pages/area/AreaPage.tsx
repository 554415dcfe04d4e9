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

const COUNT_KEYS = ["planned", "signed", "started", "completed", "blocked", "withdrawn"] as const;

export function AreaPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const areaId = Number(useParams().areaId);
  const [year, setYear] = useYear();
  const { data: user } = useQuery(sessionQuery);
  const area = useQuery(areaQuery(areaId));
  const summary = useQuery({ ...summaryQuery(year, area.data?.zoneId ?? null), enabled: Boolean(area.data) });
  const [creating, setCreating] = useState(false);

  if (area.isPending) return <PageSpinner />;
  if (area.isError) return <ErrorResult error={area.error} onRetry={() => area.refetch()} />;
  const data = area.data;
  const row = summary.data?.areas?.find((candidate) => candidate.id === areaId);
  const canEdit = canEditBuildingsIn(user, areaId);

  return (
    <div className="page" data-testid="area-page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { title: <Link to={`/${yearQuery(year)}`}>{t("dashboard.town")}</Link> },
          { title: <Link to={`/zones/${data.zoneId}${yearQuery(year)}`}>{data.zoneName}</Link> },
          { title: data.name },
        ]}
      />
      <div className="page-head">
        <Typography.Title level={3} className="page-title" data-testid="area-title">
          {data.name}
          <Tag className="title-tag">{data.zoneName}</Tag>
        </Typography.Title>
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          <Link to={`/targets/letters/${areaId}?year=${year}`}>
            <Button icon={<FileTextOutlined />} data-testid="area-letter-link">
              {t("targets.letter")}
            </Button>
          </Link>
          {canEdit && (
            <Link to={user?.role === "secretary" ? "/mine" : `/mine?areaId=${areaId}`}>
              <Button icon={<MobileOutlined />} data-testid="area-mine-link">
                {t("nav.areaBuildings")}
              </Button>
            </Link>
          )}
          <ExportButton area={{ id: areaId, name: data.name }} year={year} />
        </Space>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("area.now")} className="side-card" data-testid="area-counts">
            <div className="count-grid">
              {COUNT_KEYS.map((key) => (
                <Statistic
                  key={key}
                  title={
                    key === "blocked"
                      ? t("area.blocked")
                      : key === "withdrawn"
                        ? t("building.withdrawnTag")
                        : t(`stageNow.${key}`)
                  }
                  value={fmt.int(data.counts[key])}
                  data-testid={`area-count-${key}`}
                />
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t("area.yearTitle", { year: summary.data?.year ?? year })}
            className={`side-card ${summary.isPlaceholderData ? "is-loading" : ""}`}
            data-testid="area-year"
            aria-busy={summary.isPlaceholderData || summary.isPending}
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
                      <td>{fmt.num(s?.expected)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {row && (
              <Typography.Text type="secondary">
                {t("area.rank", { rank: row.rank, count: summary.data?.areas?.length ?? 0, zone: data.zoneName })}
              </Typography.Text>
            )}
          </Card>
        </Col>
      </Row>

      <Card size="small" className="section" title={t("area.buildings")}>
        <BuildingList
          areaId={areaId}
          hideArea
          extra={
            canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="add-building"
              >
                {t("building.add")}
              </Button>
            ) : null
          }
        />
      </Card>
      {creating && (
        <Suspense fallback={null}>
          <CreateBuildingModal areaId={areaId} onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </div>
  );
}
