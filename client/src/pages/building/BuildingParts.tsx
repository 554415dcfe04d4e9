// The parts of a building's page, top to bottom: where it sits (breadcrumb), its address with its stage and
// flags, the controls of those who may change it, why it is withdrawn or blocked, its stages as steps, and
// its fields.

import { EditOutlined, FlagOutlined, RollbackOutlined, StopOutlined } from "@ant-design/icons";
import type { Building, BuildingDetail } from "@jiati/shared";
import { nextStage, stageOf } from "@jiati/shared/stages";
import { BUILDING_STAGES } from "@jiati/shared/vocabulary";
import { Alert, Breadcrumb, Button, Card, Descriptions, Space, Steps, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StageTag } from "../../components/StageTag";
import { useFormat } from "../../i18n/format";
import { stageSteps } from "./steps";

export type Dialog = "edit" | "blocker" | "withdraw";

export function BuildingBreadcrumb({ detail, yearSuffix }: { detail: BuildingDetail; yearSuffix: string }) {
  const { t } = useTranslation();
  const { area } = detail;
  const areaItems = area
    ? [
        { title: <Link to={`/zones/${area.zoneId}${yearSuffix}`}>{area.zoneName}</Link> },
        { title: <Link to={`/areas/${area.id}${yearSuffix}`}>{area.name}</Link> },
      ]
    : [];
  return (
    <Breadcrumb
      className="page-breadcrumb"
      items={[
        { title: <Link to={`/${yearSuffix}`}>{t("dashboard.town")}</Link> },
        ...areaItems,
        { title: detail.building.address },
      ]}
    />
  );
}

/** The address, its stage, stalled, blocker and demo tags, and the version on screen. */
export function BuildingTitle({ building, stall }: { building: Building; stall: BuildingDetail["stall"] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div>
      <Typography.Title level={1} className="page-title" data-testid="building-title">
        {building.address}
      </Typography.Title>
      <Space size={4} wrap className="building-tags">
        <span data-testid="building-stage">
          <StageTag stage={stageOf(building)} withdrawn={building.withdrawn} />
        </span>
        {stall && (
          <Tag color="warning" data-testid="building-stalled" title={t(`buildings.stalledKind.${stall.kind}`)}>
            {t("buildings.stalledDays", { days: stall.days })}
          </Tag>
        )}
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
  );
}

interface ActionsProps {
  building: Building;
  /** The stage form is open: its button is hidden. */
  recording: boolean;
  onRecord: () => void;
  onOpen: (dialog: Dialog) => void;
}

/** Record the next stage (or correct the dates), edit, block, withdraw — or only restore, once withdrawn. */
export function BuildingActions({ building, recording, onRecord, onOpen }: ActionsProps) {
  const { t } = useTranslation();
  const next = nextStage(building);
  const active = !building.withdrawn;
  return (
    <Space wrap className="building-actions" data-testid="building-actions">
      {active && !recording && (
        <Button
          type={next ? "primary" : undefined}
          icon={<FlagOutlined />}
          onClick={onRecord}
          data-testid="record-stage-button"
        >
          {next ? t("stageForm.recordNext", { stage: t(`stage.${next}`) }) : t("stageForm.correctDates")}
        </Button>
      )}
      {active && (
        <Button icon={<EditOutlined />} onClick={() => onOpen("edit")} data-testid="edit-building">
          {t("building.edit")}
        </Button>
      )}
      {active && (
        <Button icon={<StopOutlined />} onClick={() => onOpen("blocker")} data-testid="set-blocker">
          {building.blockerCategory ? t("blockerForm.editTitle") : t("blockerForm.title")}
        </Button>
      )}
      <Button
        danger={active}
        icon={<RollbackOutlined />}
        onClick={() => onOpen("withdraw")}
        data-testid={active ? "withdraw-building" : "restore-building"}
      >
        {active ? t("withdrawForm.withdraw") : t("withdrawForm.restore")}
      </Button>
    </Space>
  );
}

/** Why the building is withdrawn, or what blocks it and since when. */
export function BuildingNotices({ building }: { building: Building }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
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
    </>
  );
}

export function StageSteps({ building }: { building: Building }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const items = stageSteps(building).map((step) => ({
    title: t(`stage.${step.stage}`),
    content: step.date ? fmt.date(step.date) : "",
    status: step.status,
  }));
  return (
    <Card size="small" className="steps-card">
      <Steps
        current={BUILDING_STAGES.indexOf(stageOf(building))}
        items={items}
        size="small"
        data-testid="building-stage-steps"
      />
    </Card>
  );
}

export function BuildingFacts({ detail }: { detail: BuildingDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { building, area } = detail;
  const text = (value: string) => value || "—";
  const facts: [key: string, shown: string][] = [
    ["area", area ? t("common.nameWithDetail", { name: area.name, detail: area.zoneName }) : "—"],
    ["estate", text(building.estate)],
    ["floors", fmt.int(building.floors)],
    ["households", fmt.int(building.households)],
    ["elderlyHouseholds", fmt.int(building.elderlyHouseholds)],
    ["elevatorCompany", text(building.elevatorCompany)],
    ["consentRate", fmt.percent(building.consentRate)],
    ["costWan", fmt.num(building.costWan)],
    ["subsidyWan", fmt.num(building.subsidyWan)],
    ["signedOn", fmt.date(building.signedOn)],
    ["startedOn", fmt.date(building.startedOn)],
    ["completedOn", fmt.date(building.completedOn)],
    ["notes", text(building.notes)],
  ];
  return (
    <Card size="small" title={t("building.facts")} data-testid="building-facts">
      <Descriptions
        column={1}
        size="small"
        items={facts.map(([key, shown]) => ({
          key,
          label: t(`field.${key === "area" ? "areaId" : key}`),
          children: shown,
        }))}
      />
    </Card>
  );
}
