// 我的楼栋 — the secretary's page, made for a phone on site: their due items (overdue blockers, their own
// first, then stalled buildings) and the area's status line, then their area's buildings grouped by where they
// stand (blocked ones first), a search by address, and one tap to record the next stage, edit a building,
// set or clear a blocker, or add one — each in a sheet over the list. The task force opens it for any area.

import { useQuery } from "@tanstack/react-query";
import { Select, Spin, Typography } from "antd";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { areaBuildingsQuery } from "../../api/buildings";
import { sessionQuery } from "../../api/session";
import { areaQuery, areasQuery } from "../../api/structure";
import type { BuildingListItem } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { ExportButton } from "../../components/ExportButton";
import { PageSpinner } from "../../components/PageSpinner";
import { StatusMessage } from "../../components/StatusMessage";
import { currentYear } from "../../lib/dates";
import { canEditBuildingsIn, canWriteStatusOf } from "../../lib/roles";
import { OfflineNotice } from "../../offline/OfflineNotice";
import { AreaProgress } from "./AreaProgress";
import { BuildingCard, type SheetMode } from "./BuildingCard";
import { GroupChips, MineGroups, MineHead, MineToolbar } from "./MineParts";
import { AreaStatusLine, MineDueList } from "./MineTodo";
import { OutboxPanel } from "./OutboxPanel";
import { useFlashOnUpdate, useMineGroups } from "./useMine";

// The sheets hold the forms (and zod, through the shared rules): loaded on first use, fetched early below.
const loadSheet = () => import("./BuildingSheet");
const BuildingSheet = lazy(() => loadSheet().then((module) => ({ default: module.BuildingSheet })));
const loadCreate = () => import("../area/CreateBuildingModal");
const CreateBuildingModal = lazy(() => loadCreate().then((module) => ({ default: module.CreateBuildingModal })));

export function MinePage() {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  const [params, setParams] = useSearchParams();
  const chosen = Number(params.get("areaId")) || null;
  const areaId = user?.role === "secretary" ? user.areaId : chosen;
  const pickArea = user?.role === "taskforce";
  const areas = useQuery({ ...areasQuery(), enabled: pickArea });

  const picker = pickArea ? (
    <Select
      showSearch={{ optionFilterProp: "label" }}
      value={areaId ?? undefined}
      placeholder={t("mine.pickArea")}
      onChange={(value: number) => setParams({ areaId: String(value) }, { replace: true })}
      className="mine-area-picker"
      aria-label={t("ranking.area")}
      data-testid="mine-area-picker"
      options={(areas.data ?? []).map((area) => ({
        value: area.id,
        label: t("common.nameWithDetail", { name: area.name, detail: area.zoneName }),
      }))}
    />
  ) : null;

  if (!areaId) {
    return (
      <div className="page mine-page" data-testid="mine-page">
        <Typography.Title level={1} className="page-title">
          {t("mine.titleAny")}
        </Typography.Title>
        <StatusMessage title={t("mine.pickAreaHint")} extra={picker} />
      </div>
    );
  }
  return <AreaBuildings key={areaId} areaId={areaId} picker={picker} />;
}

function AreaBuildings({ areaId, picker }: { areaId: number; picker: React.ReactNode }) {
  const { data: user } = useQuery(sessionQuery);
  const area = useQuery(areaQuery(areaId));
  const list = useQuery(areaBuildingsQuery(areaId));
  const items = list.data ?? NO_BUILDINGS;
  const view = useMineGroups(items);
  const { flash, watch } = useFlashOnUpdate(items, view.open);
  const [sheet, setSheet] = useState<{ building: BuildingListItem; mode: SheetMode } | null>(null);
  const [creating, setCreating] = useState(false);
  const canEdit = canEditBuildingsIn(user, areaId);
  usePreloadSheets(canEdit);

  const onAction = useCallback(
    (building: BuildingListItem, mode: SheetMode) => {
      watch({ id: building.id, version: building.version });
      setSheet({ building, mode });
    },
    [watch],
  );

  if (area.isError) return <ErrorResult error={area.error} onRetry={() => area.refetch()} />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => list.refetch()} />;
  if (area.isPending || list.isPending) return <PageSpinner />;

  return (
    <div className="page mine-page" data-testid="mine-page">
      <MineHead area={area.data} count={items.length} picker={picker} />
      <OfflineNotice fetchedAt={list.dataUpdatedAt} />
      <OutboxPanel />
      <AreaProgress areaId={areaId} />
      <MineDueList areaId={areaId} buildings={items} />
      <AreaStatusLine areaId={areaId} canWrite={canWriteStatusOf(user, areaId)} />
      <MineToolbar
        search={view.search}
        onSearch={view.setSearch}
        onAdd={canEdit ? () => setCreating(true) : undefined}
      />
      <GroupChips
        groups={view.groups}
        onJump={view.jumpTo}
        blocked={view.blocked}
        blockedOnly={view.blockedOnly}
        onBlockedOnly={view.setBlockedOnly}
      />
      <MineGroups
        view={view}
        busy={list.isFetching}
        card={(building) => (
          <BuildingCard
            key={building.id}
            building={building}
            canEdit={canEdit}
            flash={flash === building.id}
            onAction={onAction}
          />
        )}
      />
      <div className="mine-footer">
        <ExportButton area={{ id: areaId, name: area.data.name }} year={currentYear()} />
      </div>
      {sheet && (
        <Suspense fallback={<SheetLoading />}>
          <BuildingSheet listed={sheet.building} mode={sheet.mode} onClose={() => setSheet(null)} />
        </Suspense>
      )}
      {creating && (
        <Suspense fallback={null}>
          <CreateBuildingModal
            areaId={areaId}
            onClose={() => setCreating(false)}
            onCreated={(building) => {
              view.setSearch("");
              watch({ id: building.id, version: 0 });
            }}
          />
        </Suspense>
      )}
    </div>
  );
}

const NO_BUILDINGS: BuildingListItem[] = [];

/** Fetches the sheets' code while the secretary looks at the list, so the first tap opens at once. */
function usePreloadSheets(canEdit: boolean) {
  useEffect(() => {
    if (!canEdit) return;
    const idle = setTimeout(() => void Promise.all([loadSheet(), loadCreate()]), 1_500);
    return () => clearTimeout(idle);
  }, [canEdit]);
}

function SheetLoading() {
  return (
    <div className="sheet-loading">
      <Spin />
    </div>
  );
}
