// The building list's filter bar: stage, address search, stalled, blocked with its category, and the sort —
// between the page's own controls (`leading`, `extra`).

import { SearchOutlined } from "@ant-design/icons";
import { BLOCKER_CATEGORIES, BUILDING_STAGES } from "@jiati/shared/vocabulary";
import { Checkbox, Input, Select } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ListPatch, type ListState, SORTS } from "./listParams";

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
  return (
    <div className="list-filters">
      {leading}
      <Select
        value={state.stage ?? ""}
        onChange={(stage) => update({ stage })}
        style={{ minWidth: 150 }}
        aria-label={t("field.stage")}
        data-testid="filter-stage"
        options={[
          { value: "", label: t("buildings.allStages") },
          ...BUILDING_STAGES.map((stage) => ({ value: stage, label: t(`stageNow.${stage}`) })),
          { value: "withdrawn", label: t("building.withdrawnTag") },
        ]}
      />
      <SearchInput state={state} update={update} phone={phone} />
      <FlagFilters state={state} update={update} />
      <Select
        value={state.sort}
        onChange={(sort) => update({ sort })}
        style={{ minWidth: 140 }}
        aria-label={t("buildings.sort")}
        options={SORTS.map((sort) => ({ value: sort, label: t(`buildings.sortBy.${sort}`) }))}
      />
      {extra}
    </div>
  );
}

/** The address search: applied on Enter or on leaving the field, cleared at once. */
function SearchInput({ state, update, phone }: FilterProps & { phone: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(state.q ?? "");
  useEffect(() => setSearch(state.q ?? ""), [state.q]);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={t("buildings.searchPlaceholder")}
      value={search}
      onChange={(event) => {
        setSearch(event.target.value);
        if (!event.target.value) update({ q: undefined });
      }}
      onPressEnter={() => update({ q: search.trim() })}
      onBlur={() => search.trim() !== (state.q ?? "") && update({ q: search.trim() })}
      style={{ maxWidth: phone ? undefined : 260 }}
      data-testid="filter-search"
      aria-label={t("buildings.searchPlaceholder")}
    />
  );
}

/** Stalled only; blocked only, and then which blocker. */
function FlagFilters({ state, update }: FilterProps) {
  const { t } = useTranslation();
  return (
    <>
      <Checkbox
        checked={state.stalled}
        onChange={(event) => update({ stalled: event.target.checked })}
        data-testid="filter-stalled"
      >
        {t("buildings.stalledOnly")}
      </Checkbox>
      <Checkbox
        checked={state.blocked}
        onChange={(event) => update({ blocked: event.target.checked, category: undefined })}
        data-testid="filter-blocked"
      >
        {t("buildings.blockedOnly")}
      </Checkbox>
      {state.blocked && (
        <Select
          value={state.category ?? ""}
          onChange={(category) => update({ category, blocked: true })}
          style={{ minWidth: 150 }}
          aria-label={t("field.blockerCategory")}
          options={[
            { value: "", label: t("buildings.allCategories") },
            ...BLOCKER_CATEGORIES.map((category) => ({ value: category, label: t(`blocker.${category}`) })),
          ]}
        />
      )}
    </>
  );
}
