// One building: its blocker under supervision, its stage as steps, its fields, its history in words, and —
// for the task force and its own area's secretary — the controls to record a stage, edit, block (with owner
// and due date), add progress notes and photos, and withdraw or restore.

import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { buildingQuery } from "../../api/buildings";
import { sessionQuery } from "../../api/session";
import type { BuildingDetail } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { canEditBuildingsIn, canSuperviseBlockersIn } from "../../lib/roles";
import { useYearSuffix } from "../../lib/useYear";
import { BlockerModal } from "./BlockerModal";
import { BlockerSupervision } from "./BlockerSupervision";
import {
  BuildingActions,
  BuildingBreadcrumb,
  BuildingFacts,
  BuildingNotices,
  BuildingTitle,
  type Dialog,
  StageSteps,
} from "./BuildingParts";
import { useEditBase } from "./conflict";
import { EditFieldsModal, WithdrawModal } from "./EditModals";
import { History } from "./History";
import { StageForm } from "./StageForm";

export function BuildingPage() {
  const id = Number(useParams().buildingId);
  const { data: user } = useQuery(sessionQuery);
  const detail = useQuery(buildingQuery(id));
  if (detail.isPending) return <PageSpinner />;
  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => detail.refetch()} />;
  const { areaId } = detail.data.building;
  return (
    <BuildingView
      detail={detail.data}
      canEdit={canEditBuildingsIn(user, areaId)}
      canSupervise={canSuperviseBlockersIn(user, areaId)}
    />
  );
}

interface ViewProps {
  detail: BuildingDetail;
  canEdit: boolean;
  canSupervise: boolean;
}

function BuildingView({ detail, canEdit, canSupervise }: ViewProps) {
  const { t } = useTranslation();
  const { building } = detail;
  const recording = useStageRecording(building);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  // Keep the year on screen while going back up.
  const yearSuffix = useYearSuffix();

  return (
    <div className="page" data-testid="building-page">
      <BuildingBreadcrumb detail={detail} yearSuffix={yearSuffix} />
      <div className="page-head">
        <BuildingTitle building={building} stall={detail.stall} />
        {canEdit && (
          <BuildingActions
            building={building}
            recording={recording.open}
            onRecord={recording.start}
            onOpen={setDialog}
          />
        )}
      </div>
      <BuildingNotices building={building} />
      <BlockerSupervision building={building} canSupervise={canSupervise} />
      <StageSteps building={building} />
      {recording.open && canEdit && <StageForm building={building} edit={recording.edit} onDone={recording.stop} />}
      <Row gutter={[16, 16]} className="section">
        <Col xs={24} lg={12}>
          <BuildingFacts detail={detail} />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("history.title")}>
            <History detail={detail} />
          </Card>
        </Col>
      </Row>
      {dialog === "edit" && <EditFieldsModal building={building} onClose={close} />}
      {dialog === "blocker" && <BlockerModal building={building} onClose={close} />}
      {dialog === "withdraw" && <WithdrawModal building={building} onClose={close} />}
    </div>
  );
}

/** The stage form, open or not, and the version it started from. */
function useStageRecording(building: BuildingDetail["building"]) {
  const [open, setOpen] = useState(false);
  const edit = useEditBase(building);
  const start = () => {
    edit.start();
    setOpen(true);
  };
  const stop = () => {
    edit.stop();
    setOpen(false);
  };
  return { open, edit, start, stop };
}
