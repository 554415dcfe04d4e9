// The building list's filter bar: stage, address search (as you type), stalled, blocked with its category, and
// the sort — between the page's own controls (`leading`, `extra`). On a phone the search stays in view and the
// other choices fold under one button, so the buildings start on the first screen.

import { FilterOutlined, SearchOutlined } from "@ant-design/icons";
import { BLOCKER_CATEGORIES, BUILDING_STAGES } from "@jiati/shared/vocabulary";
import { Button, Checkbox, Input, Select } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ListPatch, type ListState, SORTS, STALL_CHOICES } from "./listParams";

/** How long the search waits after the last keystroke before asking the server. */
export const SEARCH_DEBOUNCE_MS = 300;

interface FilterProps {
  state: ListState;
  update: (patch: ListPatch) => void;
}

export function ListFilters({
  state,
  update,
  phone,
  leading,
  extra,
}: FilterProps & { phone: boolean; leading?: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!phone) {
    return (
      <div className="list-filters">
        {leading}
        <SearchInput state={state} update={update} />
        <Choices state={state} update={update} />
        {extra}
      </div>
    );
  }
  return (
    <div className="list-filters">
      <SearchInput state={state} update={update} />
      <Button
        icon={<FilterOutlined />}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="list-filters-toggle"
        data-testid="filters-toggle"
      >
        {t("buildings.filters")}
      </Button>
      {extra}
      {open && (
        <div className="list-filters list-filters-folded" data-testid="filters-panel">
          {leading}
          <Choices state={state} update={update} />
        </div>
      )}
    </div>
  );
}

/** The stage, the flags and the sort. */
function Choices({ state, update }: FilterProps) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        value={state.stage ?? ""}
        onChange={(stage) => update({ stage })}
        className="list-filter"
        aria-label={t("field.stage")}
        data-testid="filter-stage"
        options={[
          { value: "", label: t("buildings.allStages") },
          ...BUILDING_STAGES.map((stage) => ({ value: stage, label: t(`stageNow.${stage}`) })),
          { value: "withdrawn", label: t("building.withdrawnTag") },
        ]}
      />
      <FlagFilters state={state} update={update} />
      <Select
        value={state.sort}
        onChange={(sort) => update({ sort })}
        className="list-filter"
        aria-label={t("buildings.sort")}
        data-testid="filter-sort"
        options={SORTS.map((sort) => ({ value: sort, label: t(`buildings.sortBy.${sort}`) }))}
      />
    </>
  );
}

/**
 * The address search, applied as you type (once typing pauses), at once on Enter or when cleared; the URL
 * keeps it (`q`), so a search can be shared and survives going back.
 */
function SearchInput({ state, update }: FilterProps) {
  const { t } = useTranslation();
  const applied = state.q ?? "";
  const [search, setSearch] = useState(applied);
  // The latest `update`, so a pending search is not restarted when the page re-renders.
  const latestUpdate = useRef(update);
  latestUpdate.current = update;

  // The URL changed elsewhere (a chip, back): show its search, unless it is what is being typed.
  useEffect(() => setSearch((typed) => (typed.trim() === applied ? typed : applied)), [applied]);
  useEffect(() => {
    const next = search.trim();
    if (next === applied) return;
    const timer = setTimeout(() => latestUpdate.current({ q: next }), next ? SEARCH_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [search, applied]);

  return (
    <Input
      allowClear
      type="search"
      prefix={<SearchOutlined />}
      placeholder={t("buildings.searchPlaceholder")}
      value={search}
      onChange={(event) => setSearch(event.target.value)}
      onPressEnter={() => search.trim() !== applied && update({ q: search.trim() })}
      className="list-search"
      data-testid="filter-search"
      aria-label={t("buildings.searchPlaceholder")}
    />
  );
}

/** Stalled (either stage or one of them); blocked only, and then which blocker. */
function FlagFilters({ state, update }: FilterProps) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        value={state.stalled ?? ""}
        onChange={(stalled) => update({ stalled })}
        className="list-filter"
        aria-label={t("buildings.stalledFilter")}
        data-testid="filter-stalled"
        options={[
          { value: "", label: t("buildings.stalledAny") },
          ...STALL_CHOICES.map((choice) => ({ value: choice, label: t(`buildings.stalledChoice.${choice}`) })),
        ]}
      />
      <Checkbox
        checked={state.blocked}
        onChange={(event) => update({ blocked: event.target.checked, blockerCategory: undefined })}
        className="list-checkbox"
        data-testid="filter-blocked"
      >
        {t("buildings.blockedOnly")}
      </Checkbox>
      {state.blocked && (
        <Select
          value={state.category ?? ""}
          onChange={(blockerCategory) => update({ blockerCategory, blocked: true })}
          className="list-filter"
          aria-label={t("field.blockerCategory")}
          data-testid="filter-category"
          options={[
            { value: "", label: t("buildings.allCategories") },
            ...BLOCKER_CATEGORIES.map((category) => ({ value: category, label: t(`blocker.${category}`) })),
          ]}
        />
      )}
    </>
  );
}
