// The rules and transactions of building changes: create, edit fields, record a stage, block, withdraw.
// Each write checks the policy, the version (optimistic concurrency) and the stage rules, then writes the
// building, its stage event and its audit row in one transaction.

import {
  addressKey,
  addressSortKey,
  applyStageUpdate,
  type Building,
  type BuildingListQuery,
  buildingFieldsSchema,
  type CreateBuilding,
  canOwnBlockerIn,
  checkAsOf,
  checkDueOn,
  checkElderlyHouseholds,
  checkStageDates,
  msg,
  type PatchBuilding,
  type Role,
  STAGE_DATE_FIELD,
  type StageUpdate,
  stallOf,
} from "@jiati/shared";
import { entityHistory } from "../audit/repo";
import { requireBuildingWrite, seesChangeDetails } from "../auth/policy";
import { auditValues, recordAudit } from "../core/audit";
import { GenerationCache } from "../core/cache";
import type { RequestContext } from "../core/context";
import type { Tx } from "../core/db";
import type { buildings } from "../core/db/schema";
import { type Deps, inTransaction } from "../core/deps";
import { Conflict, InvalidInput, NotFound } from "../core/errors";
import { idempotencyValues, recordIdempotency } from "../core/idempotency";
import { JsonText } from "../core/json-text";
import { selectingAsOf } from "../rules/asof";
import { changesCounts } from "../rules/counted";
import type { SettingsService } from "../settings/service";
import {
  addressTaken,
  areaWithZone,
  type BuildingRow,
  findBuilding,
  historyEventValues,
  insertBuilding,
  insertStageEvent,
  insertStageEvents,
  listBuildings,
  presentBuilding,
  stageEventsOf,
  stageEventValues,
  updateBuilding,
  userForPolicy,
  writeStageDate,
} from "./repo";

/** The plain fields a PATCH may set: those of the shared schema. */
const EDITABLE_FIELDS = Object.keys(buildingFieldsSchema.shape) as (keyof typeof buildingFieldsSchema.shape)[];

/** The fields of `after` that differ from `before`, as two objects for the audit row. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const from: Record<string, unknown> = {};
  const to: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      from[key] = before[key];
      to[key] = after[key];
    }
  }
  return { from, to, changed: Object.keys(to).length > 0 };
}

type BuildingValues = Partial<typeof buildings.$inferInsert>;

/** The columns a patch writes, checked against the building's rules (elderly ≤ households, a reason to withdraw). */
function patchValues(current: BuildingRow, patch: PatchBuilding, today: string): BuildingValues {
  const values: BuildingValues = {};
  for (const field of EDITABLE_FIELDS) {
    if (patch[field] !== undefined) (values as Record<string, unknown>)[field] = patch[field];
  }
  if (patch.address !== undefined) {
    values.addressKey = addressKey(patch.address);
    values.addressSort = addressSortKey(patch.address);
  }
  const broken = checkElderlyHouseholds({
    households: patch.households !== undefined ? patch.households : current.households,
    elderlyHouseholds: patch.elderlyHouseholds !== undefined ? patch.elderlyHouseholds : current.elderlyHouseholds,
  });
  if (broken) throw InvalidInput.field(broken.field, broken.message);
  if (patch.blocker !== undefined) Object.assign(values, blockerValues(current, patch.blocker, today));
  if (patch.withdrawn !== undefined && patch.withdrawn !== current.withdrawn) {
    if (!patch.reason?.trim()) {
      throw InvalidInput.field(
        "reason",
        msg(patch.withdrawn ? "building.reasonToWithdraw" : "building.reasonToRestore"),
      );
    }
    values.withdrawn = patch.withdrawn;
  }
  return values;
}

/**
 * A blocker set (dated today unless its category stays) or cleared — clearing it clears its owner and due
 * date too. An owner or due date left out of the patch stays; a due date it changes may not lie before today
 * (docs/DOMAIN.md § Blocker supervision).
 */
function blockerValues(current: BuildingRow, blocker: PatchBuilding["blocker"], today: string): BuildingValues {
  if (!blocker) {
    return { blockerCategory: null, blockerNote: "", blockedSince: null, blockerOwnerId: null, blockerDueOn: null };
  }
  const values: BuildingValues = {
    blockerCategory: blocker.category,
    blockerNote: blocker.note,
    blockedSince: current.blockerCategory === blocker.category ? current.blockedSince : today,
  };
  if (blocker.ownerId !== undefined) values.blockerOwnerId = blocker.ownerId;
  if (blocker.dueOn !== undefined) {
    const broken = blocker.dueOn !== current.blockerDueOn ? checkDueOn(blocker.dueOn, today) : null;
    if (broken) throw InvalidInput.field("blocker.dueOn", broken);
    values.blockerDueOn = blocker.dueOn;
  }
  return values;
}

const ASSIGNMENT_FIELDS = new Set(["blockerOwnerId", "blockerDueOn"]);

/** The audit action a patch is recorded as. */
function patchAction(patch: PatchBuilding, values: BuildingValues, changed: Record<string, unknown>): string {
  if (values.withdrawn === true) return "building.withdraw";
  if (values.withdrawn === false) return "building.restore";
  const onlyBlocker = patch.blocker !== undefined && Object.keys(changed).every((key) => key.startsWith("blocke"));
  if (!onlyBlocker) return "building.update";
  if (!patch.blocker) return "building.unblock";
  // Only who answers for it, or by when: the blocker itself stands.
  return Object.keys(changed).every((key) => ASSIGNMENT_FIELDS.has(key)) ? "building.blocker.assign" : "building.block";
}

/**
 * The blocker's owner after the patch must be someone who may write the building's (possibly new) area and
 * whose account is enabled: else 400 naming `blocker.ownerId`. Returns the owner's name before and after.
 */
async function checkBlockerOwner(tx: Tx, current: BuildingRow, values: BuildingValues) {
  const ownerId = values.blockerOwnerId !== undefined ? values.blockerOwnerId : current.blockerOwnerId;
  const areaId = values.areaId ?? current.areaId;
  const name = async (id: number | null | undefined) =>
    id == null ? null : (await userForPolicy(tx, id))?.displayName;
  const changes = ownerId !== current.blockerOwnerId || areaId !== current.areaId;
  if (ownerId != null && values.blockerCategory !== null && changes) {
    const owner = await userForPolicy(tx, ownerId);
    if (!owner) throw InvalidInput.field("blocker.ownerId", msg("blocker.ownerMissing"));
    if (!canOwnBlockerIn({ ...owner, role: owner.role as Role }, areaId)) {
      throw InvalidInput.field("blocker.ownerId", msg("blocker.ownerNotAllowed"));
    }
  }
  if (ownerId === current.blockerOwnerId) return { before: null, after: null };
  return { before: await name(current.blockerOwnerId), after: await name(ownerId) };
}

export class BuildingService {
  private lists: GenerationCache<JsonText>;

  constructor(
    private readonly deps: Deps,
    private readonly settings: SettingsService,
  ) {
    this.lists = new GenerationCache(deps.hub, 500);
  }

  /**
   * A page of the building list as JSON, cached until the next change (lists are read far more than written):
   * the buildings now, or as they stood at the end of a past day (docs/DOMAIN.md § As of a date).
   */
  async listJson(query: BuildingListQuery, today: string): Promise<JsonText> {
    const broken = checkAsOf(query.asOf, today);
    if (broken) throw InvalidInput.field(broken.field, broken.message);
    const asOf = query.asOf !== undefined && query.asOf < today ? query.asOf : null;
    return this.lists.get(
      `${today}|${JSON.stringify(query)}`,
      async () =>
        new JsonText(
          JSON.stringify(
            await listBuildings(
              selectingAsOf(this.deps.db, asOf),
              query,
              asOf ?? today,
              await this.settings.stallThresholds(),
            ),
          ),
        ),
    );
  }

  /** One building with its history: in full for the task force, without login names and request ids for others. */
  async get(ctx: RequestContext, id: number) {
    const row = await findBuilding(this.deps.db, id);
    if (!row) throw new NotFound(msg("notFound.building"));
    const [area, history, events, thresholds] = await Promise.all([
      areaWithZone(this.deps.db, row.areaId),
      entityHistory(this.deps.db, "building", id),
      stageEventsOf(this.deps.db, id),
      this.settings.stallThresholds(),
    ]);
    const building = presentBuilding(row);
    const stall = stallOf(building, ctx.today, thresholds);
    const stageEventRows = events.map((event) => ({ ...event, at: event.at.toISOString() }));
    if (seesChangeDetails(ctx.user)) return { building, stall, area, history, stageEvents: stageEventRows };
    // Stage events told by an audit row of the same request are left out here, as the client would.
    const audited = new Set(history.map((entry) => entry.requestId).filter(Boolean));
    return {
      building,
      stall,
      area,
      history: history.map((entry) => ({ ...entry, username: "", requestId: null })),
      stageEvents: stageEventRows
        .filter((event) => !(event.requestId && audited.has(event.requestId)))
        .map((event) => ({ ...event, requestId: null })),
    };
  }

  async create(ctx: RequestContext, input: CreateBuilding): Promise<Building> {
    requireBuildingWrite(ctx.user, input.areaId);
    const broken = checkStageDates(input, ctx.today);
    if (broken) throw InvalidInput.field(broken.field, broken.message, "stage_rule");
    return inTransaction(this.deps, async (tx, announce) => {
      if (!(await areaWithZone(tx, input.areaId))) throw InvalidInput.field("areaId", msg("notFound.area"));
      const key = addressKey(input.address);
      if (await addressTaken(tx, key)) {
        throw new Conflict(msg("building.addressTaken"), "duplicate_address", undefined, {
          address: msg("building.addressTaken"),
        });
      }
      const row = await insertBuilding(tx, {
        ...input,
        addressKey: key,
        addressSort: addressSortKey(input.address),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      for (const [stage, field] of Object.entries(STAGE_DATE_FIELD)) {
        const date = input[field];
        if (date) await this.recordEvent(tx, ctx, row.id, stage, null, date, "");
      }
      const building = presentBuilding(row);
      await recordAudit(tx, ctx, {
        action: "building.create",
        entity: "building",
        entityId: row.id,
        areaId: row.areaId,
        after: building,
      });
      await announce({ kind: "building", id: row.id, areaId: row.areaId });
      return building;
    });
  }

  async patch(ctx: RequestContext, id: number, version: number, patch: PatchBuilding): Promise<Building> {
    return inTransaction(this.deps, async (tx, announce) => {
      const current = await this.lockForWrite(tx, ctx, id, version);
      const values = patchValues(current, patch, ctx.today);
      await this.checkMoveAndAddress(tx, ctx, current, values);
      const owners = await checkBlockerOwner(tx, current, values);
      const before = presentBuilding(current);
      const { from, to, changed } = diff(
        before as unknown as Record<string, unknown>,
        { ...before, ...values, addressKey: undefined, addressSort: undefined } as unknown as Record<string, unknown>,
      );
      if (!changed) throw new InvalidInput(msg("building.unchanged"), { body: msg("building.unchanged") }, "unchanged");
      const action = patchAction(patch, values, to);
      if ("blockerOwnerId" in to) {
        // The owner by name too, so the history reads without a look-up.
        from.blockerOwner = owners.before;
        to.blockerOwner = owners.after;
      }
      const row = await updateBuilding(tx, id, values, ctx.now);
      await insertStageEvents(tx, historyEventValues(ctx, row, to, patch.reason ?? ""));
      await recordAudit(tx, ctx, {
        action,
        entity: "building",
        entityId: id,
        areaId: row.areaId,
        before: from,
        after: to,
        reason: patch.reason ?? "",
      });
      await announce({
        kind: "building",
        id,
        areaId: row.areaId,
        previousAreaId: current.areaId,
        ...(changesCounts(Object.keys(to)) ? {} : { countsUnchanged: true }),
      });
      const answer = presentBuilding(row);
      await recordIdempotency(tx, ctx, answer);
      return answer;
    });
  }

  /** A move to another area needs the right to write there, and the area; a new address must be free. */
  private async checkMoveAndAddress(tx: Tx, ctx: RequestContext, current: BuildingRow, values: BuildingValues) {
    if (values.areaId !== undefined && values.areaId !== current.areaId) {
      requireBuildingWrite(ctx.user, values.areaId);
      if (!(await areaWithZone(tx, values.areaId))) throw InvalidInput.field("areaId", msg("notFound.area"));
    }
    if (values.addressKey !== undefined && values.addressKey !== current.addressKey) {
      if (await addressTaken(tx, values.addressKey, current.id)) {
        throw new Conflict(msg("building.addressTaken"), "duplicate_address", undefined, {
          address: msg("building.addressTaken"),
        });
      }
    }
  }

  /**
   * Records, corrects or clears a stage date — the hot path (secretaries on their phones). The rules are
   * checked against the building as read; one statement then writes it only if it is still at that
   * version, with its stage event, audit row, change notice and the request's idempotency key: atomic, and one
   * round trip.
   */
  async recordStage(ctx: RequestContext, id: number, version: number, update: StageUpdate): Promise<Building> {
    const current = await findBuilding(this.deps.db, id);
    if (!current) throw new NotFound(msg("notFound.building"));
    this.checkWritable(ctx, current, version);
    if (current.withdrawn)
      throw new InvalidInput(msg("building.withdrawnNoStage"), { stage: msg("building.withdrawn") }, "withdrawn");
    const result = applyStageUpdate(current, update, ctx.today);
    if (!result.ok) throw InvalidInput.field(result.error.field, result.error.message, "stage_rule");
    const reason = update.reason?.trim() ?? "";
    const change = { kind: "building", id, areaId: current.areaId } as const;
    const answer = presentBuilding({
      ...current,
      [result.field]: update.date,
      version: version + 1,
      updatedAt: ctx.now,
    });
    const written = await writeStageDate(this.deps.db, {
      id,
      version,
      field: result.field,
      date: update.date,
      now: ctx.now,
      event: stageEventValues(ctx, {
        buildingId: id,
        stage: update.stage,
        fromDate: result.previous,
        toDate: update.date,
        reason,
      }),
      audit: auditValues(ctx, {
        action: update.date === null ? "building.stage.clear" : "building.stage",
        entity: "building",
        entityId: id,
        areaId: current.areaId,
        before: { [result.field]: result.previous },
        after: { [result.field]: update.date },
        reason,
      }),
      notice: this.deps.hub.payload(change),
      idempotency: idempotencyValues(ctx, answer),
    });
    if (!written) {
      // Someone else wrote first: answer as if we had read their version.
      const now = await findBuilding(this.deps.db, id);
      if (!now) throw new NotFound(msg("notFound.building"));
      this.checkWritable(ctx, now, version);
    }
    this.deps.hub.committed(change);
    return answer;
  }

  /** Locks the row, then checks that it exists, that the user may write it, and that it is the version read. */
  private async lockForWrite(tx: Tx, ctx: RequestContext, id: number, version: number): Promise<BuildingRow> {
    const current = await findBuilding(tx, id, true);
    if (!current) throw new NotFound(msg("notFound.building"));
    this.checkWritable(ctx, current, version);
    return current;
  }

  /** 403 unless the user may write this building; 409 with the current record unless it is at `version`. */
  private checkWritable(ctx: RequestContext, current: BuildingRow, version: number): void {
    requireBuildingWrite(ctx.user, current.areaId);
    if (current.version !== version) {
      throw new Conflict(
        msg("building.staleVersion", { current: current.version, sent: version }),
        "stale_version",
        presentBuilding(current),
      );
    }
  }

  private async recordEvent(
    tx: Tx,
    ctx: RequestContext,
    buildingId: number,
    stage: string,
    fromDate: string | null,
    toDate: string | null,
    reason: string,
  ) {
    await insertStageEvent(tx, stageEventValues(ctx, { buildingId, stage, fromDate, toDate, reason }));
  }
}
