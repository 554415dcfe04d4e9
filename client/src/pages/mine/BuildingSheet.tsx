// The sheet that opens over 我的楼栋 to change one building without leaving the list: record its next stage
// (today by default), edit its fields, set or clear its blocker, or add a progress note to it. It edits the
// building as the server has it now (its own detail query, which a 409 or a live update refreshes), so a stale
// list cannot lose an update. Offline it edits the newest version at hand (the list's, or a detail kept by the
// service worker), and the change is queued with that version (docs/ARCHITECTURE.md § Offline).

import type { Building } from "@jiati/shared";
import { nextStage } from "@jiati/shared/stages";
import { useQuery } from "@tanstack/react-query";
import { Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { buildingQuery } from "../../api/buildings";
import { isApiError } from "../../api/http";
import { blockerThreadQuery } from "../../api/supervision";
import type { BuildingListItem } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { Sheet } from "../../components/Sheet";
import { BlockerModal } from "../building/BlockerModal";
import { useEditBase } from "../building/conflict";
import { EditFieldsModal } from "../building/EditModals";
import { NoteForm } from "../building/NoteForm";
import { StageForm } from "../building/StageForm";
import type { SheetMode } from "./BuildingCard";

interface Props {
  /** The building as the list shows it. */
  listed: BuildingListItem;
  mode: SheetMode;
  onClose: () => void;
}

/** The newer of two versions of a building (versions only grow). */
const newest = (a: Building | undefined, b: Building) => (a && a.version >= b.version ? a : b);

export function BuildingSheet({ listed, mode, onClose }: Props) {
  const { t } = useTranslation();
  // Always read afresh when the sheet opens, so the edit starts from the version the server has now.
  const [openedAt] = useState(Date.now);
  const detail = useQuery({ ...buildingQuery(listed.id), refetchOnMount: "always" });
  // Not reached (offline, or no answer): its retries wait for the network, the secretary need not.
  const unreachable = detail.fetchStatus === "paused" || isApiError(detail.failureReason, 0);
  const fresh = detail.data && detail.dataUpdatedAt >= openedAt;
  if (!fresh && !unreachable) {
    return (
      <Sheet title={listed.address} onClose={onClose}>
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
  const building = newest(detail.data?.building, listed);
  if (mode === "edit") return <EditFieldsModal building={building} onClose={onClose} />;
  if (mode === "blocker") return <BlockerModal building={building} onClose={onClose} />;
  if (mode === "note") return <NoteSheet building={building} onClose={onClose} />;
  return <StageSheet building={building} onClose={onClose} />;
}

/** A progress note on the building's blocker; a photo too when its thread (how many photos are left) is at hand. */
function NoteSheet({ building, onClose }: { building: Building; onClose: () => void }) {
  const { t } = useTranslation();
  const thread = useQuery(blockerThreadQuery(building.id));
  return (
    <Sheet
      title={
        <div className="sheet-title">
          <div>{t("offline.addNote")}</div>
          <div className="sheet-subtitle">{building.address}</div>
        </div>
      }
      onClose={onClose}
    >
      <NoteForm building={building} photosLeft={thread.data?.photosLeft} onDone={onClose} />
    </Sheet>
  );
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
