// The state of 我的楼栋 beside its data: which groups are open (all of them while searching), jumping to a
// group, and the building last acted on — flashed and scrolled to when its new version arrives.

import { useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import type { BuildingListItem } from "../../api/types";
import { blockedCount, FOLDED_GROUPS, GROUPS, type GroupKey, groupBuildings, groupOf } from "./groups";

/** The search, "blocked only", the buildings they find by group, and which groups are open. */
export function useMineGroups(items: readonly BuildingListItem[]) {
  const [search, setSearch] = useState("");
  const [blockedOnly, setBlockedOnly] = useState(false);
  const query = useDeferredValue(search);
  const [opened, setOpened] = useState<Partial<Record<GroupKey, boolean>>>({});
  const groups = useMemo(() => groupBuildings(items, query, blockedOnly), [items, query, blockedOnly]);
  const blocked = useMemo(() => blockedCount(items, query), [items, query]);
  // Searching or showing the blocked ones: every group with a match open, the others left out.
  const searching = query.trim() !== "" || blockedOnly;
  const found = GROUPS.reduce((sum, key) => sum + groups[key].length, 0);

  const isOpen = (key: GroupKey) => searching || (opened[key] ?? !FOLDED_GROUPS.includes(key));
  const open = useCallback((key: GroupKey) => setOpened((prev) => ({ ...prev, [key]: true })), []);
  const toggle = (key: GroupKey) => setOpened((prev) => ({ ...prev, [key]: !isOpen(key) }));
  const jumpTo = (key: GroupKey) => {
    open(key);
    requestAnimationFrame(() =>
      document.getElementById(`mine-group-${key}`)?.scrollIntoView({ block: "start", behavior: "smooth" }),
    );
  };
  return {
    search,
    setSearch,
    blockedOnly,
    setBlockedOnly,
    blocked,
    groups,
    searching,
    found,
    isOpen,
    open,
    toggle,
    jumpTo,
  };
}

/**
 * The building last acted on, at the version it had: when a newer version arrives in `items`, its group opens
 * (`openGroup` should be stable) and its card is flashed for 2.5 s and scrolled into view.
 */
export function useFlashOnUpdate(items: readonly BuildingListItem[], openGroup: (key: GroupKey) => void) {
  const [acted, setActed] = useState<{ id: number; version: number } | null>(null);
  const [flash, setFlash] = useState<number | null>(null);

  useEffect(() => {
    if (!acted) return;
    const now = items.find((item) => item.id === acted.id);
    if (!now || now.version === acted.version) return;
    setActed(null);
    setFlash(now.id);
    openGroup(groupOf(now));
  }, [acted, items, openGroup]);
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
  return { flash, watch: setActed };
}
