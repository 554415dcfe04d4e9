// One building: its stage as steps, its fields, its history in words, and — for the task force and its
// own area's secretary — the controls to record a stage, edit, block, and withdraw or restore.

import { EditOutlined, FlagOutlined, RollbackOutlined, StopOutlined } from "@ant-design/icons";
import { nextStage, stageOf } from "@jiati/shared";
import { BUILDING_STAGES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Row, Space, Steps, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { buildingQuery } from "../../api/buildings";
import { sessionQuery } from "../../api/session";
import type { BuildingDetail } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { StageTag } from "../../components/StageTag";
import { useFormat } from "../../i18n/format";
import { canEditBuildingsIn } from "../../lib/roles";
import { useEditBase } from "./conflict";
import { BlockerModal, EditFieldsModal, WithdrawModal } from "./EditModals";
import { History } from "./History";
import { StageForm } from "./StageForm";

type Dialog = "edit" | "blocker" | "withdraw" | null;

export function BuildingPage() {
  const id = Number(useParams().buildingId);
  const { data: user } = useQuery(sessionQuery);
  const detail = useQuery(buildingQuery(id));
  if (detail.isPending) return <PageSpinner />;
  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => detail.refetch()} />;
  return <BuildingView detail={detail.data} canEdit={canEditBuildingsIn(user, detail.data.building.areaId)} />;
}

function BuildingView({ detail, canEdit }: { detail: BuildingDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [recording, setRecording] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const year = useSearchParams()[0].get("year");
  const yearSuffix = year ? `?year=${year}` : "";
  const { building, area } = detail;
  const stage = stageOf(building);
  const next = nextStage(building);
  const stageEdit = useEditBase(building);
  const stepIndex = BUILDING_STAGES.indexOf(stage);

  const openRecording = () => {
    stageEdit.start();
    setRecording(true);
  };
  const closeRecording = () => {
    stageEdit.stop();
    setRecording(false);
  };

  const steps = BUILDING_STAGES.map((value, index) => {
    const date = value === "planned" ? null : building[`${value}On` as const];
    return {
      title: t(`stage.${value}`),
      content: date ? fmt.date(date) : "",
      status: (index < stepIndex || (index === stepIndex && stage === "completed")
        ? "finish"
        : index === stepIndex
          ? "process"
          : "wait") as "finish" | "process" | "wait",
    };
  });

  return (
    <div className="page" data-testid="building-page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { title: <Link to={`/${yearSuffix}`}>{t("dashboard.town")}</Link> },
          ...(area
            ? [
                { title: <Link to={`/zones/${area.zoneId}${yearSuffix}`}>{area.zoneName}</Link> },
                { title: <Link to={`/areas/${area.id}${yearSuffix}`}>{area.name}</Link> },
              ]
            : []),
          { title: building.address },
        ]}
      />
      <div className="page-head">
        <div>
          <Typography.Title level={3} className="page-title" data-testid="building-title">
            {building.address}
          </Typography.Title>
          <Space size={4} wrap className="building-tags">
            <span data-testid="building-stage">
              <StageTag stage={stage} withdrawn={building.withdrawn} />
            </span>
            {building.blockerCategory && (
              <Tag color="error" data-testid="building-blocked">
                {t("buildings.blockedBy", { category: t(`blocker.${building.blockerCategory}`) })}
              </Tag>
            )}
            {building.isDemo && <Tag>{t("building.demo")}</Tag>}
            <Typography.Text type="secondary">
              {t("building.version", { version: building.version, time: fmt.dateTime(building.updatedAt) })}
            </Typography.Text>
          </Space>
        </div>
        {canEdit && (
          <Space wrap className="building-actions" data-testid="building-actions">
            {!building.withdrawn && next && !recording && (
              <Button type="primary" icon={<FlagOutlined />} onClick={openRecording} data-testid="record-stage-button">
                {t("stageForm.recordNext", { stage: t(`stage.${next}`) })}
              </Button>
            )}
            {!building.withdrawn && !next && !recording && (
              <Button icon={<FlagOutlined />} onClick={openRecording} data-testid="record-stage-button">
                {t("stageForm.correctDates")}
              </Button>
            )}
            {!building.withdrawn && (
              <Button icon={<EditOutlined />} onClick={() => setDialog("edit")} data-testid="edit-building">
                {t("building.edit")}
              </Button>
            )}
            {!building.withdrawn && (
              <Button icon={<StopOutlined />} onClick={() => setDialog("blocker")} data-testid="set-blocker">
                {building.blockerCategory ? t("blockerForm.editTitle") : t("blockerForm.title")}
              </Button>
            )}
            <Button
              danger={!building.withdrawn}
              icon={<RollbackOutlined />}
              onClick={() => setDialog("withdraw")}
              data-testid={building.withdrawn ? "restore-building" : "withdraw-building"}
            >
              {building.withdrawn ? t("withdrawForm.restore") : t("withdrawForm.withdraw")}
            </Button>
          </Space>
        )}
      </div>

      {building.withdrawn && (
        <Alert
          type="warning"
          showIcon
          className="page-alert"
          title={t("building.withdrawnNotice")}
          data-testid="withdrawn-notice"
        />
      )}
      {building.blockerCategory && (
        <Alert
          type="error"
          showIcon
          className="page-alert"
          title={t("buildings.blockedBy", { category: t(`blocker.${building.blockerCategory}`) })}
          description={
            <>
              {building.blockerNote}
              {building.blockedSince && (
                <div className="muted">{t("building.blockedSince", { date: fmt.date(building.blockedSince) })}</div>
              )}
            </>
          }
        />
      )}

      <Card size="small" className="steps-card">
        <Steps current={stepIndex} items={steps} size="small" data-testid="building-stage-steps" />
      </Card>

      {recording && canEdit && <StageForm building={building} edit={stageEdit} onDone={closeRecording} />}

      <Row gutter={[16, 16]} className="section">
        <Col xs={24} lg={12}>
          <Card size="small" title={t("building.facts")} data-testid="building-facts">
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: "area",
                  label: t("field.areaId"),
                  children: area ? t("common.nameWithDetail", { name: area.name, detail: area.zoneName }) : "—",
                },
                { key: "estate", label: t("field.estate"), children: building.estate || "—" },
                { key: "floors", label: t("field.floors"), children: fmt.int(building.floors) },
                { key: "households", label: t("field.households"), children: fmt.int(building.households) },
                {
                  key: "elderlyHouseholds",
                  label: t("field.elderlyHouseholds"),
                  children: fmt.int(building.elderlyHouseholds),
                },
                {
                  key: "elevatorCompany",
                  label: t("field.elevatorCompany"),
                  children: building.elevatorCompany || "—",
                },
                { key: "consentRate", label: t("field.consentRate"), children: fmt.percent(building.consentRate) },
                { key: "costWan", label: t("field.costWan"), children: fmt.num(building.costWan) },
                { key: "subsidyWan", label: t("field.subsidyWan"), children: fmt.num(building.subsidyWan) },
                { key: "signedOn", label: t("field.signedOn"), children: fmt.date(building.signedOn) },
                { key: "startedOn", label: t("field.startedOn"), children: fmt.date(building.startedOn) },
                { key: "completedOn", label: t("field.completedOn"), children: fmt.date(building.completedOn) },
                { key: "notes", label: t("field.notes"), children: building.notes || "—" },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("history.title")}>
            <History detail={detail} />
          </Card>
        </Col>
      </Row>

      {dialog === "edit" && <EditFieldsModal building={building} onClose={() => setDialog(null)} />}
      {dialog === "blocker" && <BlockerModal building={building} onClose={() => setDialog(null)} />}
      {dialog === "withdraw" && <WithdrawModal building={building} onClose={() => setDialog(null)} />}
    </div>
  );
}
