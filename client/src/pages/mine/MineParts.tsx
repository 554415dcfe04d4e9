// The parts of 我的楼栋: its title, the search with "add", the chips that jump to each group, and the groups
// of buildings, each folding.

import { DownOutlined, PlusOutlined, RightOutlined, SearchOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Empty, Input, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { sessionQuery } from "../../api/session";
import type { AreaWithCounts, BuildingListItem } from "../../api/types";
import { GROUPS, type GroupKey, type Groups } from "./groups";
import type { useMineGroups } from "./useMine";

/** 我的楼栋 (or, for the task force, the area's buildings), which area, how many; the area picker beside. */
export function MineHead({ area, count, picker }: { area: AreaWithCounts; count: number; picker: ReactNode }) {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  return (
    <div className="mine-head">
      <div className="mine-title">
        <Typography.Title level={1} className="page-title" data-testid="mine-title">
          {user?.role === "secretary" ? t("nav.myBuildings") : t("mine.titleAny")}
        </Typography.Title>
        <span className="muted" data-testid="mine-area">
          {t("mine.scope", { area: area.name, zone: area.zoneName, count })}
        </span>
      </div>
      {picker}
    </div>
  );
}

interface ToolbarProps {
  search: string;
  onSearch: (search: string) => void;
  /** Absent for those who may not add buildings here. */
  onAdd?: () => void;
}

export function MineToolbar({ search, onSearch, onAdd }: ToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="mine-toolbar">
      <Input
        allowClear
        type="search"
        prefix={<SearchOutlined />}
        placeholder={t("mine.search")}
        value={search}
        onChange={(event) => onSearch(event.target.value)}
        aria-label={t("mine.search")}
        data-testid="mine-search"
        className="mine-search"
      />
      {onAdd && (
        <Button icon={<PlusOutlined />} onClick={onAdd} data-testid="mine-add">
          {t("mine.add")}
        </Button>
      )}
    </div>
  );
}

/**
 * One chip a group with its count (withdrawn only when there are some) — a tap opens and shows the group — and
 * the blocked ones' chip, first (they need the secretary first): a tap shows only them, another tap all again.
 */
export function GroupChips({
  groups,
  onJump,
  blocked,
  blockedOnly,
  onBlockedOnly,
}: {
  groups: Groups;
  onJump: (key: GroupKey) => void;
  blocked: number;
  blockedOnly: boolean;
  onBlockedOnly: (blockedOnly: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="mine-chips" aria-label={t("mine.groupsNav")}>
      {(blocked > 0 || blockedOnly) && (
        <button
          type="button"
          className="mine-chip mine-chip-blocked"
          aria-pressed={blockedOnly}
          onClick={() => onBlockedOnly(!blockedOnly)}
          data-testid="mine-chip-blocked"
        >
          <span>{t("mine.blockedChip")}</span>
          <strong>{blocked}</strong>
        </button>
      )}
      {GROUPS.filter((key) => key !== "withdrawn" || groups.withdrawn.length > 0).map((key) => (
        <button
          type="button"
          key={key}
          className={`mine-chip mine-chip-${key}`}
          onClick={() => onJump(key)}
          data-testid={`mine-chip-${key}`}
        >
          <span>{t(`mine.group.${key}`)}</span>
          <strong>{groups[key].length}</strong>
        </button>
      ))}
    </nav>
  );
}

interface GroupProps {
  group: GroupKey;
  rows: BuildingListItem[];
  searching: boolean;
  open: boolean;
  onToggle: () => void;
  busy: boolean;
  card: (building: BuildingListItem) => ReactNode;
}

/**
 * A group's head (name, count, fold) and its cards. An empty group is left out while searching (or showing the
 * blocked ones), and the withdrawn group when it is empty.
 */
function BuildingGroup({ group, rows, searching, open, onToggle, busy, card }: GroupProps) {
  const { t } = useTranslation();
  if (rows.length === 0 && (searching || group === "withdrawn")) return null;
  return (
    <section
      id={`mine-group-${group}`}
      className={`mine-group mine-group-${group}`}
      data-testid={`mine-group-${group}`}
      aria-busy={busy}
    >
      <button
        type="button"
        className="mine-group-head"
        aria-expanded={open}
        onClick={onToggle}
        data-testid={`mine-group-toggle-${group}`}
      >
        {open ? <DownOutlined /> : <RightOutlined />}
        <span className="mine-group-name">{t(`mine.group.${group}`)}</span>
        <span className="mine-group-count" data-testid={`mine-group-count-${group}`}>
          {rows.length}
        </span>
      </button>
      {open && (rows.length === 0 ? <p className="muted mine-group-empty">{t("mine.groupEmpty")}</p> : rows.map(card))}
    </section>
  );
}

/** How many the search found, or that there is nothing; else every group in order. */
export function MineGroups({
  view,
  busy,
  card,
}: {
  view: ReturnType<typeof useMineGroups>;
  busy: boolean;
  card: (building: BuildingListItem) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {view.searching && (
        <Typography.Text type="secondary" className="mine-found" data-testid="mine-found">
          {t("mine.found", { count: view.found })}
        </Typography.Text>
      )}
      {view.found === 0 && <Empty description={view.searching ? t("mine.noMatch") : t("mine.empty")} />}
      {view.found > 0 &&
        GROUPS.map((key) => (
          <BuildingGroup
            key={key}
            group={key}
            rows={view.groups[key]}
            searching={view.searching}
            open={view.isOpen(key)}
            onToggle={() => view.toggle(key)}
            busy={busy}
            card={card}
          />
        ))}
    </>
  );
}
