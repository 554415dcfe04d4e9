// The list's active filters in words — 「2026年签约」「平塘」「开工停滞」 — each a chip that removes itself, so a
// list opened from a dashboard figure says what it shows.

import { CloseOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { areasQuery, zonesQuery } from "../../api/structure";
import { useFormat } from "../../i18n/format";
import { type FilterChip, type ListPatch, wholeYearOf } from "./listParams";

interface Props {
  chips: FilterChip[];
  update: (patch: ListPatch) => void;
}

export function FilterChips({ chips, update }: Props) {
  const { t } = useTranslation();
  const label = useChipLabel();
  if (chips.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label={t("buildings.activeFilters")} data-testid="filter-chips">
      {chips.map((chip) => {
        const text = label(chip);
        return (
          <li key={chip.kind}>
            <button
              type="button"
              className="filter-chip"
              onClick={() => update(chip.remove)}
              aria-label={t("buildings.removeFilter", { filter: text })}
              data-testid={`filter-chip-${chip.kind}`}
            >
              <span>{text}</span>
              <CloseOutlined aria-hidden />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** A chip's words: the zone's and area's names, the year or range counted, the state, the flag. */
function useChipLabel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const zones = useQuery(zonesQuery).data;
  const areas = useQuery(areasQuery()).data;
  return (chip: FilterChip): string => {
    switch (chip.kind) {
      case "zone":
        return zones?.find((zone) => zone.id === chip.zoneId)?.name ?? t("buildings.chip.zone");
      case "area":
        return areas?.find((area) => area.id === chip.areaId)?.name ?? t("buildings.chip.area");
      case "counted": {
        const stage = t(`stage.${chip.counted.stage}`);
        const year = wholeYearOf(chip.counted);
        if (year != null) return t("buildings.chip.countedYear", { year, stage });
        return t("buildings.chip.countedRange", {
          from: fmt.date(chip.counted.from),
          to: fmt.date(chip.counted.to),
          stage,
        });
      }
      case "stage":
        return chip.stage === "withdrawn" ? t("building.withdrawnTag") : t(`stageNow.${chip.stage}`);
      case "stalled":
        return t(`buildings.chip.stalled.${chip.stalled}`);
      case "blocked":
        return chip.category
          ? t("buildings.blockedBy", { category: t(`blocker.${chip.category}`) })
          : t("buildings.chip.blocked");
    }
  };
}
