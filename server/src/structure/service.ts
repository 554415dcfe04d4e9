// Zones and residential areas: the programme's structure, with each one's buildings counted by stage.

import type { AreaWithCounts, StageCounts, ZoneWithCounts } from "@jiati/shared";
import { msg } from "@jiati/shared";
import { requireTaskforce } from "../auth/policy";
import { recordAudit } from "../core/audit";
import { GenerationCache } from "../core/cache";
import type { RequestContext } from "../core/context";
import { type Deps, inTransaction } from "../core/deps";
import { InvalidInput, NotFound } from "../core/errors";
import {
  countsByArea,
  findArea,
  findZone,
  insertArea,
  insertZone,
  listAreas,
  listZones,
  renameZone,
  updateArea,
} from "./repo";

const emptyCounts = (): StageCounts => ({
  planned: 0,
  signed: 0,
  started: 0,
  completed: 0,
  withdrawn: 0,
  blocked: 0,
  total: 0,
});

function addCounts(into: StageCounts, from: StageCounts) {
  for (const key of Object.keys(into) as (keyof StageCounts)[]) into[key] += from[key];
}

export class StructureService {
  private cache: GenerationCache<{ zones: ZoneWithCounts[]; areas: AreaWithCounts[] }>;

  constructor(private readonly deps: Deps) {
    // Names and counts: kept through building changes that leave every count as it was (docs/DOMAIN.md § What a
    // count reads); a zone or area change is a `structure` change, which drops it.
    this.cache = new GenerationCache(deps.hub, 4, "counts");
  }

  /** All zones and areas with their current stage counts (cached until the next change). */
  structure() {
    return this.cache.get("all", () => this.load());
  }

  private async load() {
    const db = this.deps.db;
    const [zoneRows, areaRows, countRows] = await Promise.all([listZones(db), listAreas(db), countsByArea(db)]);
    const countsOfArea = new Map(countRows.map(({ areaId, ...counts }) => [areaId, counts]));
    const zoneById = new Map(zoneRows.map((zone) => [zone.id, zone]));
    const zoneCounts = new Map(zoneRows.map((zone) => [zone.id, { areaCount: 0, counts: emptyCounts() }]));
    const areaList: AreaWithCounts[] = areaRows.map((area) => {
      const counts = { ...emptyCounts(), ...countsOfArea.get(area.id) };
      const zone = zoneCounts.get(area.zoneId);
      if (zone) {
        zone.areaCount++;
        addCounts(zone.counts, counts);
      }
      return {
        id: area.id,
        name: area.name,
        zoneId: area.zoneId,
        zoneName: zoneById.get(area.zoneId)?.name ?? "",
        sortOrder: area.sortOrder,
        counts,
      };
    });
    const zoneList: ZoneWithCounts[] = zoneRows.map((zone) => ({
      id: zone.id,
      name: zone.name,
      sortOrder: zone.sortOrder,
      ...(zoneCounts.get(zone.id) ?? { areaCount: 0, counts: emptyCounts() }),
    }));
    return { zones: zoneList, areas: areaList };
  }

  async area(id: number): Promise<AreaWithCounts> {
    const { areas: list } = await this.structure();
    const area = list.find((candidate) => candidate.id === id);
    if (!area) throw new NotFound(msg("notFound.area"));
    return area;
  }

  async createZone(ctx: RequestContext, name: string) {
    requireTaskforce(ctx.user, "createZone");
    return inTransaction(this.deps, async (tx, announce) => {
      const zone = await insertZone(tx, name);
      await recordAudit(tx, ctx, { action: "zone.create", entity: "zone", entityId: zone.id, after: { name } });
      await announce({ kind: "structure" });
      return { id: zone.id, name: zone.name, sortOrder: zone.sortOrder };
    });
  }

  async renameZone(ctx: RequestContext, id: number, name: string) {
    requireTaskforce(ctx.user, "editZone");
    return inTransaction(this.deps, async (tx, announce) => {
      const current = await findZone(tx, id, true);
      if (!current) throw new NotFound(msg("notFound.zone"));
      const zone = await renameZone(tx, id, name);
      await recordAudit(tx, ctx, {
        action: "zone.update",
        entity: "zone",
        entityId: id,
        before: { name: current.name },
        after: { name },
      });
      await announce({ kind: "structure" });
      return { id: zone.id, name: zone.name, sortOrder: zone.sortOrder };
    });
  }

  async createArea(ctx: RequestContext, input: { name: string; zoneId: number }) {
    requireTaskforce(ctx.user, "createArea");
    return inTransaction(this.deps, async (tx, announce) => {
      if (!(await findZone(tx, input.zoneId))) throw InvalidInput.field("zoneId", msg("notFound.zone"));
      const area = await insertArea(tx, input);
      await recordAudit(tx, ctx, {
        action: "area.create",
        entity: "area",
        entityId: area.id,
        areaId: area.id,
        after: input,
      });
      await announce({ kind: "structure" });
      return { id: area.id, name: area.name, zoneId: area.zoneId, sortOrder: area.sortOrder };
    });
  }

  async updateArea(ctx: RequestContext, id: number, patch: { name?: string; zoneId?: number }) {
    requireTaskforce(ctx.user, "editArea");
    return inTransaction(this.deps, async (tx, announce) => {
      const current = await findArea(tx, id, true);
      if (!current) throw new NotFound(msg("notFound.area"));
      if (patch.zoneId !== undefined && !(await findZone(tx, patch.zoneId))) {
        throw InvalidInput.field("zoneId", msg("notFound.zone"));
      }
      const area = await updateArea(tx, id, patch);
      await recordAudit(tx, ctx, {
        action: "area.update",
        entity: "area",
        entityId: id,
        areaId: id,
        before: { name: current.name, zoneId: current.zoneId },
        after: { name: area.name, zoneId: area.zoneId },
      });
      await announce({ kind: "structure" });
      return { id: area.id, name: area.name, zoneId: area.zoneId, sortOrder: area.sortOrder };
    });
  }
}
