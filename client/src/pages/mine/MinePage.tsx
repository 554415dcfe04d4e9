// 我的楼栋 — the secretary's page, made for a phone on site: their area's buildings grouped by where they
// stand (blocked ones first), a search by address, and one tap to record the next stage, edit a building,
// set or clear a blocker, or add one — each in a sheet over the list. The task force opens it for any area.

import { DownOutlined, PlusOutlined, RightOutlined, SearchOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Empty, Input, Select, Spin, Typography } from "antd";
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
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
import { canEditBuildingsIn } from "../../lib/roles";
import { BuildingCard, type SheetMode } from "./BuildingCard";
import { FOLDED_GROUPS, GROUPS, type GroupKey, groupBuildings, groupOf } from "./groups";

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
        <Typography.Title level={3} className="page-title">
          {t("mine.titleAny")}
        </Typography.Title>
        <StatusMessage title={t("mine.pickAreaHint")} extra={picker} />
      </div>
    );
  }
  return <AreaBuildings key={areaId} areaId={areaId} picker={picker} />;
}

function AreaBuildings({ areaId, picker }: { areaId: number; picker: React.ReactNode }) {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  const area = useQuery(areaQuery(areaId));
  const list = useQuery(areaBuildingsQuery(areaId));
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search);
  const [opened, setOpened] = useState<Partial<Record<GroupKey, boolean>>>({});
  const [sheet, setSheet] = useState<{ building: BuildingListItem; mode: SheetMode } | null>(null);
  const [creating, setCreating] = useState(false);
  // The building last acted on, at the version it had: when a new version arrives, it is flashed and shown.
  const [acted, setActed] = useState<{ id: number; version: number } | null>(null);
  const [flash, setFlash] = useState<number | null>(null);
  const canEdit = canEditBuildingsIn(user, areaId);

  useEffect(() => {
    if (!canEdit) return;
    const idle = setTimeout(() => void Promise.all([loadSheet(), loadCreate()]), 1_500);
    return () => clearTimeout(idle);
  }, [canEdit]);

  const items = list.data ?? [];
  const groups = useMemo(() => groupBuildings(items, query), [items, query]);
  const searching = query.trim() !== "";
  const found = GROUPS.reduce((sum, key) => sum + groups[key].length, 0);

  useEffect(() => {
    if (!acted) return;
    const now = items.find((item) => item.id === acted.id);
    if (!now || now.version === acted.version) return;
    setActed(null);
    setFlash(now.id);
    setOpened((prev) => ({ ...prev, [groupOf(now)]: true }));
  }, [acted, items]);
  useEffect(() => {
    if (flash == null) return;
    const frame = requestAnimationFrame(() =>
      document.querySelector(`[data-building-id="${flash}"]`)?.scrollIntoView({ block: "center", behavior: "smooth" }),
    );
    const timer = setTimeout(() => setFlash(null), 2_500);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [flash]);

  const onAction = useCallback((building: BuildingListItem, mode: SheetMode) => {
    setActed({ id: building.id, version: building.version });
    setSheet({ building, mode });
  }, []);

  if (area.isError) return <ErrorResult error={area.error} onRetry={() => area.refetch()} />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => list.refetch()} />;
  if (area.isPending || list.isPending) return <PageSpinner />;

  const isOpen = (key: GroupKey) => searching || (opened[key] ?? !FOLDED_GROUPS.includes(key));
  const toggle = (key: GroupKey) => setOpened((prev) => ({ ...prev, [key]: !isOpen(key) }));
  const jumpTo = (key: GroupKey) => {
    setOpened((prev) => ({ ...prev, [key]: true }));
    requestAnimationFrame(() =>
      document.getElementById(`mine-group-${key}`)?.scrollIntoView({ block: "start", behavior: "smooth" }),
    );
  };

  return (
    <div className="page mine-page" data-testid="mine-page">
      <div className="mine-head">
        <div className="mine-title">
          <Typography.Title level={3} className="page-title" data-testid="mine-title">
            {user?.role === "secretary" ? t("nav.myBuildings") : t("mine.titleAny")}
          </Typography.Title>
          <span className="muted" data-testid="mine-area">
            {t("mine.scope", { area: area.data.name, zone: area.data.zoneName, count: items.length })}
          </span>
        </div>
        {picker}
      </div>

      <div className="mine-toolbar">
        <Input
          allowClear
          type="search"
          prefix={<SearchOutlined />}
          placeholder={t("mine.search")}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          aria-label={t("mine.search")}
          data-testid="mine-search"
          className="mine-search"
        />
        {canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="mine-add">
            {t("mine.add")}
          </Button>
        )}
      </div>

      <nav className="mine-chips" aria-label={t("mine.groupsNav")}>
        {GROUPS.filter((key) => key !== "withdrawn" || groups.withdrawn.length > 0).map((key) => (
          <button
            type="button"
            key={key}
            className={`mine-chip mine-chip-${key}`}
            onClick={() => jumpTo(key)}
            data-testid={`mine-chip-${key}`}
          >
            <span>{t(`mine.group.${key}`)}</span>
            <strong>{groups[key].length}</strong>
          </button>
        ))}
      </nav>

      {searching && (
        <Typography.Text type="secondary" className="mine-found" data-testid="mine-found">
          {t("mine.found", { count: found })}
        </Typography.Text>
      )}
      {found === 0 && <Empty description={searching ? t("mine.noMatch") : t("mine.empty")} />}

      {found > 0 &&
        GROUPS.map((key) => {
          const rows = groups[key];
          if (rows.length === 0 && (searching || key === "withdrawn" || key === "blocked")) return null;
          const open = isOpen(key);
          return (
            <section
              key={key}
              id={`mine-group-${key}`}
              className={`mine-group mine-group-${key}`}
              data-testid={`mine-group-${key}`}
              aria-busy={list.isFetching}
            >
              <button
                type="button"
                className="mine-group-head"
                aria-expanded={open}
                onClick={() => toggle(key)}
                data-testid={`mine-group-toggle-${key}`}
              >
                {open ? <DownOutlined /> : <RightOutlined />}
                <span className="mine-group-name">{t(`mine.group.${key}`)}</span>
                <span className="mine-group-count" data-testid={`mine-group-count-${key}`}>
                  {rows.length}
                </span>
              </button>
              {open &&
                (rows.length === 0 ? (
                  <p className="muted mine-group-empty">{t("mine.groupEmpty")}</p>
                ) : (
                  rows.map((building) => (
                    <BuildingCard
                      key={building.id}
                      building={building}
                      canEdit={canEdit}
                      flash={flash === building.id}
                      onAction={onAction}
                    />
                  ))
                ))}
            </section>
          );
        })}

      <div className="mine-footer">
        <ExportButton area={{ id: areaId, name: area.data.name }} year={currentYear()} />
      </div>

      {sheet && (
        <Suspense
          fallback={
            <div className="sheet-loading">
              <Spin />
            </div>
          }
        >
          <BuildingSheet
            id={sheet.building.id}
            address={sheet.building.address}
            mode={sheet.mode}
            onClose={() => setSheet(null)}
          />
        </Suspense>
      )}
      {creating && (
        <Suspense fallback={null}>
          <CreateBuildingModal
            areaId={areaId}
            onClose={() => setCreating(false)}
            onCreated={(building) => {
              setSearch("");
              setActed({ id: building.id, version: 0 });
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
