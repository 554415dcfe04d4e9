// The sheet that opens over 我的楼栋 to change one building without leaving the list: record its next stage
// (today by default), edit its fields, or set or clear its blocker. It edits the building as the server has
// it now (its own detail query, which a 409 or a live update refreshes), so a stale list cannot lose an update.

import type { Building } from "@jiati/shared";
import { nextStage } from "@jiati/shared/stages";
import { useQuery } from "@tanstack/react-query";
import { Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { buildingQuery } from "../../api/buildings";
import { ErrorResult } from "../../components/ErrorResult";
import { Sheet } from "../../components/Sheet";
import { BlockerModal } from "../building/BlockerModal";
import { useEditBase } from "../building/conflict";
import { EditFieldsModal } from "../building/EditModals";
import { StageForm } from "../building/StageForm";
import type { SheetMode } from "./BuildingCard";

interface Props {
  id: number;
  address: string;
  mode: SheetMode;
  onClose: () => void;
}

export function BuildingSheet({ id, address, mode, onClose }: Props) {
  const { t } = useTranslation();
  // Always read afresh when the sheet opens, so the edit starts from the version the server has now.
  const [openedAt] = useState(Date.now);
  const detail = useQuery({ ...buildingQuery(id), refetchOnMount: "always" });
  if (!detail.data || detail.dataUpdatedAt < openedAt) {
    return (
      <Sheet title={address} onClose={onClose}>
        {detail.isError ? (
          <ErrorResult error={detail.error} onRetry={() => detail.refetch()} />
        ) : (
          <div className="sheet-loading">
            <Spin aria-label={t("mine.loading")} />
          </div>
        )}
      </Sheet>
    );
  }
  const building = detail.data.building;
  if (mode === "edit") return <EditFieldsModal building={building} onClose={onClose} />;
  if (mode === "blocker") return <BlockerModal building={building} onClose={onClose} />;
  return <StageSheet building={building} onClose={onClose} />;
}

function StageSheet({ building, onClose }: { building: Building; onClose: () => void }) {
  const { t } = useTranslation();
  const edit = useEditBase(building);
  const { start } = edit;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the base is taken once, when the sheet opens.
  useEffect(() => start(), []);
  const next = nextStage(edit.base ?? building);
  return (
    <Sheet
      title={
        <div className="sheet-title">
          <div>{next ? t("stageForm.recordNext", { stage: t(`stage.${next}`) }) : t("stageForm.correctDates")}</div>
          <div className="sheet-subtitle">{building.address}</div>
        </div>
      }
      onClose={onClose}
    >
      <StageForm building={building} edit={edit} onDone={onClose} bare />
    </Sheet>
  );
}
