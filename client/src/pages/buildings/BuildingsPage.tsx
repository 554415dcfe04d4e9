// All buildings the user may read, filtered by zone, area, stage, stall, blocker and the stage counted in a
// range — the list behind each of the dashboard's figures (docs/DOMAIN.md § The building list).

import { useQuery } from "@tanstack/react-query";
import { Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { areasQuery, zonesQuery } from "../../api/structure";
import { BuildingList } from "../../components/BuildingList";
import { ExportButton } from "../../components/ExportButton";

export function BuildingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const zones = useQuery(zonesQuery).data ?? [];
  const areas = useQuery(areasQuery()).data ?? [];
  const zoneId = Number(params.get("zoneId")) || undefined;
  const areaId = Number(params.get("areaId")) || undefined;
  const area = areas.find((candidate) => candidate.id === areaId);
  const zone = zones.find((candidate) => candidate.id === zoneId);

  const setScope = (next: { zoneId?: number; areaId?: number }) =>
    setParams(
      (prev) => {
        const copy = new URLSearchParams(prev);
        copy.delete("page");
        for (const key of ["zoneId", "areaId"] as const) {
          if (next[key]) copy.set(key, String(next[key]));
          else copy.delete(key);
        }
        return copy;
      },
      { replace: true },
    );

  return (
    <div className="page" data-testid="buildings-page">
      <div className="page-head">
        <Typography.Title level={1} className="page-title">
          {t("buildings.title")}
        </Typography.Title>
        <ExportButton area={area ? { id: area.id, name: area.name } : undefined} zone={zone} />
      </div>
      <BuildingList
        leading={
          <>
            <Select
              value={zoneId ?? 0}
              onChange={(value) => setScope({ zoneId: value || undefined })}
              className="list-filter"
              aria-label={t("ranking.zone")}
              data-testid="filter-zone"
              options={[
                { value: 0, label: t("buildings.allZones") },
                ...zones.map((zone) => ({ value: zone.id, label: zone.name })),
              ]}
            />
            <Select
              showSearch={{ optionFilterProp: "label" }}
              value={areaId ?? 0}
              onChange={(value) => setScope({ zoneId, areaId: value || undefined })}
              className="list-filter"
              aria-label={t("ranking.area")}
              data-testid="filter-area"
              options={[
                { value: 0, label: t("buildings.allAreas") },
                ...areas
                  .filter((area) => !zoneId || area.zoneId === zoneId)
                  .map((area) => ({ value: area.id, label: area.name })),
              ]}
            />
          </>
        }
      />
    </div>
  );
}
