// Zones and residential areas: the programme's structure, with each one's buildings counted by stage.

import type { AreaWithCounts, StageCounts, ZoneWithCounts } from "@jiati/shared";
import { asc, eq, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "../audit/service";
import { requireTaskforce } from "../auth/policy";
import { GenerationCache } from "../core/cache";
import type { RequestContext } from "../core/context";
import { areas, buildings, zones } from "../core/db/schema";
import { type Deps, inTransaction } from "../core/deps";
import { InvalidInput, NotFound } from "../core/errors";
import { inStage } from "../rules/stage";

const emptyCounts = (): StageCounts => ({
  planned: 0,
  signed: 0,
  started: 0,
  completed: 0,
  withdrawn: 0,
  blocked: 0,
  total: 0,
});

const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})::int`;

function addCounts(into: StageCounts, from: StageCounts) {
  for (const key of Object.keys(into) as (keyof StageCounts)[]) into[key] += from[key];
}

export class StructureService {
  private cache: GenerationCache<{ zones: ZoneWithCounts[]; areas: AreaWithCounts[] }>;

  constructor(private readonly deps: Deps) {
    this.cache = new GenerationCache(deps.hub, 4);
  }

  /** All zones and areas with their current stage counts (cached until the next change). */
  structure() {
    return this.cache.get("all", () => this.load());
  }

  private async load() {
    const db = this.deps.db;
    const [zoneRows, areaRows, countRows] = await Promise.all([
      db.select().from(zones).orderBy(asc(zones.sortOrder), asc(zones.id)),
      db.select().from(areas).orderBy(asc(areas.sortOrder), asc(areas.id)),
      db
        .select({
          areaId: buildings.areaId,
          planned: countWhere(inStage("planned")),
          signed: countWhere(inStage("signed")),
          started: countWhere(inStage("started")),
          completed: countWhere(inStage("completed")),
          withdrawn: sql<number>`count(*) filter (where ${buildings.withdrawn})::int`,
          blocked: sql<number>`count(*) filter (where not ${buildings.withdrawn} and ${buildings.blockerCategory} is not null)::int`,
          total: sql<number>`count(*)::int`,
        })
        .from(buildings)
        .groupBy(buildings.areaId),
    ]);
    const countsByArea = new Map(countRows.map(({ areaId, ...counts }) => [areaId, counts]));
    const zoneById = new Map(zoneRows.map((zone) => [zone.id, zone]));
    const zoneCounts = new Map(zoneRows.map((zone) => [zone.id, { areaCount: 0, counts: emptyCounts() }]));
    const areaList: AreaWithCounts[] = areaRows.map((area) => {
      const counts = { ...emptyCounts(), ...countsByArea.get(area.id) };
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
    if (!area) throw new NotFound("居民区");
    return area;
  }

  async createZone(ctx: RequestContext, name: string) {
    requireTaskforce(ctx.user, "新增片区");
    return inTransaction(this.deps, async (tx, announce) => {
      const [{ next }] = await tx
        .select({ next: sql<number>`coalesce(max(${zones.sortOrder}), 0)::int + 1` })
        .from(zones);
      const [zone] = await tx.insert(zones).values({ name, sortOrder: next }).returning();
      await recordAudit(tx, ctx, { action: "zone.create", entity: "zone", entityId: zone.id, after: { name } });
      await announce({ kind: "structure" });
      return { id: zone.id, name: zone.name, sortOrder: zone.sortOrder };
    });
  }

  async renameZone(ctx: RequestContext, id: number, name: string) {
    requireTaskforce(ctx.user, "修改片区");
    return inTransaction(this.deps, async (tx, announce) => {
      const [current] = await tx.select().from(zones).where(eq(zones.id, id)).for("update");
      if (!current) throw new NotFound("片区");
      const [zone] = await tx.update(zones).set({ name }).where(eq(zones.id, id)).returning();
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
    requireTaskforce(ctx.user, "新增居民区");
    return inTransaction(this.deps, async (tx, announce) => {
      const [zone] = await tx.select().from(zones).where(eq(zones.id, input.zoneId));
      if (!zone) throw InvalidInput.field("zoneId", "片区不存在");
      const [{ next }] = await tx
        .select({ next: sql<number>`coalesce(max(${areas.sortOrder}), 0)::int + 1` })
        .from(areas);
      const [area] = await tx
        .insert(areas)
        .values({ ...input, sortOrder: next })
        .returning();
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
    requireTaskforce(ctx.user, "修改居民区");
    return inTransaction(this.deps, async (tx, announce) => {
      const [current] = await tx.select().from(areas).where(eq(areas.id, id)).for("update");
      if (!current) throw new NotFound("居民区");
      if (patch.zoneId !== undefined) {
        const [zone] = await tx.select().from(zones).where(eq(zones.id, patch.zoneId));
        if (!zone) throw InvalidInput.field("zoneId", "片区不存在");
      }
      const [area] = await tx.update(areas).set(patch).where(eq(areas.id, id)).returning();
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
