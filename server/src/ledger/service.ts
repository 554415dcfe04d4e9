// The Excel import: an upload is read, checked against the database and stored as a preview (the plan and
// the version of every building it read) under a token; the commit applies that plan all or nothing, in one
// transaction, refusing it (409) if any of those buildings has changed since.

import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import {
  addressKey,
  IMPORT_PREVIEW_ROWS,
  type ImportCommit,
  type ImportCommitResult,
  type ImportError,
  type ImportErrorsPage,
  type ImportPreview,
  type ImportRow,
  type ImportRowFilter,
  type ImportRowsPage,
  type importErrorsQuerySchema,
  type importRowsQuerySchema,
  listed,
  msg,
} from "@jiati/shared";
import type { z } from "zod";
import { requireBuildingWrite, requireImport } from "../auth/policy";
import { recordAudit } from "../core/audit";
import type { RequestContext } from "../core/context";
import type { Tx } from "../core/db";
import { type Deps, inTransaction } from "../core/deps";
import { Conflict, Forbidden, InvalidInput, NotFound } from "../core/errors";
import { applyPlan } from "./apply";
import { type ImportPlan, type PlannedUpdate, planImport } from "./plan";
import { UploadReader } from "./reading";
import type { BuildingRow } from "./repo";
import {
  buildingsByAddressKeys,
  buildingsByIds,
  buildingsOfAreasExcept,
  findPreview,
  findPreviewDetail,
  insertPreview,
  loadAreas,
  lockBuildings,
  lockPreview,
  markCommitted,
  purgeExpiredPreviews,
} from "./repo";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
type ImportRowsQuery = z.infer<typeof importRowsQuerySchema>;
type ImportErrorsQuery = z.infer<typeof importErrorsQuerySchema>;

/** How long a preview can be committed. */
export const PREVIEW_TTL_MS = 60 * 60 * 1000;
/** Previews whose rows were read most recently, kept parsed for the next page. */
const DETAILS_KEPT = 4;

interface PreviewDetail {
  rows: ImportRow[];
  errors: ImportError[];
}

const matches = (filter: ImportRowFilter, row: ImportRow) =>
  filter === "all"
    ? true
    : filter === "changes"
      ? row.action === "create" || row.action === "update"
      : row.action === filter;

export class LedgerService {
  private readonly reader: UploadReader;
  private readonly details = new Map<string, PreviewDetail>();

  constructor(
    private readonly deps: Deps,
    reader?: UploadReader,
  ) {
    this.reader = reader ?? new UploadReader();
  }

  /** Reads an uploaded ledger and stores what importing it would do; writes no building. */
  async preview(ctx: RequestContext, file: Buffer, fileName: string): Promise<ImportPreview> {
    requireImport(ctx.user);
    const { sheet, rows: parsed } = await this.reader.read(file);

    const db = this.deps.db;
    const ids = [...new Set(parsed.map((row) => row.id).filter((id) => id != null))];
    const keys = [...new Set(parsed.map((row) => row.values.address).filter((address) => !!address?.trim()))].map(
      (address) => addressKey(address as string),
    );
    const [areaRows, buildingRows, holders] = await Promise.all([
      loadAreas(db),
      buildingsByIds(db, ids),
      buildingsByAddressKeys(db, [...new Set(keys)]),
    ]);
    const areas = new Map(areaRows.map((area) => [area.id, area]));
    const { rows, errors, plan, skipped, notices } = planImport({
      rows: parsed,
      areas,
      buildings: new Map(buildingRows.map((building) => [building.id, building])),
      addressHolders: new Map(holders.map((holder) => [holder.addressKey, holder.id])),
      user: ctx.user,
      today: ctx.today,
      hasVersionColumn: sheet.columns.version !== undefined,
      exportedAt: sheet.exportedAt,
    });
    notices.push(...(await this.absentBuildings(ctx, buildingRows, ids, areas)));

    const token = randomBytes(24).toString("base64url");
    const expiresAt = new Date(ctx.now.getTime() + PREVIEW_TTL_MS);
    await purgeExpiredPreviews(db, ctx.now);
    // Every row and error is kept for paging, compressed off the request thread (zlib's pool).
    const detail = await gzipAsync(JSON.stringify({ rows, errors } satisfies PreviewDetail), { level: 1 });
    await insertPreview(db, {
      token,
      userId: ctx.user.id,
      fileName,
      plan,
      detail,
      errorCount: errors.length,
      createdAt: ctx.now,
      expiresAt,
    });

    const count = (action: string) => rows.filter((row) => row.action === action).length;
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      fileName,
      sheetName: sheet.sheetName,
      headerRow: sheet.headerRow,
      ignoredColumns: sheet.ignoredColumns,
      absentColumns: sheet.absentColumns,
      skipped: [...sheet.skipped, ...skipped].sort((a, b) => a.row - b.row),
      notices,
      counts: {
        rows: rows.length,
        create: count("create"),
        update: count("update"),
        unchanged: count("unchanged"),
        error: count("error"),
        errors: errors.length,
      },
      rows: rows.slice(0, IMPORT_PREVIEW_ROWS),
      rowsTruncated: rows.length > IMPORT_PREVIEW_ROWS,
      errors: errors.slice(0, IMPORT_PREVIEW_ROWS),
      errorsTruncated: errors.length > IMPORT_PREVIEW_ROWS,
      needsReason: plan.needsReason,
      canCommit: errors.length === 0 && plan.creates.length + plan.updates.length > 0,
    };
  }

  /**
   * A file listing an area's buildings by 编号 (an export) that leaves some out: nothing is deleted, but the
   * uploader should know which (up to 10 per area are named).
   */
  private async absentBuildings(
    ctx: RequestContext,
    named: readonly BuildingRow[],
    ids: readonly number[],
    areas: ReadonlyMap<number, { name: string }>,
  ): Promise<string[]> {
    const areaIds = [...new Set(named.map((building) => building.areaId))].filter(
      (areaId) => ctx.user.role !== "secretary" || areaId === ctx.user.areaId,
    );
    if (areaIds.length === 0) return [];
    const absent = await buildingsOfAreasExcept(this.deps.db, areaIds, ids);
    return areaIds.flatMap((areaId) => {
      const missing = absent.filter((building) => building.areaId === areaId);
      if (missing.length === 0) return [];
      const names = missing
        .slice(0, 10)
        .map((building) => msg("import.absentBuilding", { id: building.id, address: building.address }));
      const more = missing.length > 10 ? msg("import.andMore") : "";
      return [
        msg("import.absentBuildings", {
          area: areas.get(areaId)?.name ?? "",
          count: missing.length,
          listed: listed(names),
          more,
        }),
      ];
    });
  }

  /** A page of a preview's rows, by what they do, with their errors: for its uploader only. */
  async rowsPage(ctx: RequestContext, token: string, query: ImportRowsQuery): Promise<ImportRowsPage> {
    const detail = await this.detail(ctx, token);
    const matching = detail.rows.filter((row) => matches(query.action, row));
    const rows = matching.slice(query.offset, query.offset + query.limit);
    const rowNumbers = new Set(rows.map((row) => row.row));
    return {
      total: matching.length,
      rows,
      errors: detail.errors.filter((error) => error.row != null && rowNumbers.has(error.row)),
    };
  }

  /** A page of a preview's errors: for its uploader only. */
  async errorsPage(ctx: RequestContext, token: string, query: ImportErrorsQuery): Promise<ImportErrorsPage> {
    const detail = await this.detail(ctx, token);
    return { total: detail.errors.length, errors: detail.errors.slice(query.offset, query.offset + query.limit) };
  }

  private async detail(ctx: RequestContext, token: string): Promise<PreviewDetail> {
    requireImport(ctx.user);
    const preview = await findPreviewDetail(this.deps.db, token);
    if (!preview || preview.expiresAt < ctx.now || !preview.detail) {
      throw new NotFound(msg("notFound.previewExpired"));
    }
    if (preview.userId !== ctx.user.id) throw new Forbidden(msg("import.othersPreview"));
    const kept = this.details.get(token);
    if (kept) return kept;
    const detail = JSON.parse((await gunzipAsync(preview.detail)).toString("utf8")) as PreviewDetail;
    this.details.set(token, detail);
    for (const old of [...this.details.keys()].slice(0, -DETAILS_KEPT)) this.details.delete(old);
    return detail;
  }

  /** Applies a preview: all of it, in one transaction, or nothing. */
  async commit(ctx: RequestContext, input: ImportCommit): Promise<ImportCommitResult> {
    requireImport(ctx.user);
    const reason = input.reason?.trim() ?? "";
    // A preview never changes once made: it is read (and its large plan parsed) before the transaction,
    // which then only locks it — so the transaction, which on PGlite every other request waits for, is short.
    const preview = await findPreview(this.deps.db, input.token);
    if (!preview || preview.expiresAt < ctx.now) throw new NotFound(msg("notFound.previewExpired"));
    if (preview.userId !== ctx.user.id) throw new Forbidden(msg("import.othersCommit"));
    const alreadyCommitted = (at: Date) =>
      new Conflict(msg("import.committedAt", { at: at.toISOString() }), "already_committed");
    if (preview.committedAt) throw alreadyCommitted(preview.committedAt);
    if (preview.errorCount > 0) {
      throw new InvalidInput(
        msg("import.hasErrors", { count: preview.errorCount }),
        { token: msg("import.hasErrorsShort") },
        "import_has_errors",
      );
    }
    const plan = preview.plan as ImportPlan;
    if (plan.creates.length + plan.updates.length === 0) {
      throw new InvalidInput(msg("import.unchanged"), { token: msg("import.unchangedShort") }, "unchanged");
    }
    if (plan.needsReason && !reason) {
      throw InvalidInput.field("reason", msg("import.reasonNeeded"));
    }
    return inTransaction(this.deps, async (tx, announce) => {
      // Locked, so a second commit of the same preview waits for this one and then finds it committed.
      const committedAt = await lockPreview(tx, input.token);
      if (committedAt) throw alreadyCommitted(committedAt);

      await this.checkUnchangedSincePreview(tx, ctx, plan.updates);
      await this.checkAddressesFree(tx, plan);
      if (!(await markCommitted(tx, input.token, ctx.now))) {
        throw new Conflict(msg("import.committed"), "already_committed");
      }

      const { createdIds, updatedIds } = await applyPlan(tx, ctx, plan, reason);
      const result = { created: createdIds.length, updated: updatedIds.length, createdIds, updatedIds };
      await recordAudit(tx, ctx, {
        action: "building.import",
        entity: "import",
        entityId: preview.token.slice(0, 12),
        areaId: ctx.user.role === "secretary" ? ctx.user.areaId : null,
        after: { fileName: preview.fileName, ...result },
        reason,
      });
      await announce({ kind: "import" });
      return result;
    });
  }

  /** 409 when any building the preview read has a new version; 403 when the user may no longer write it. */
  private async checkUnchangedSincePreview(tx: Tx, ctx: RequestContext, updates: readonly PlannedUpdate[]) {
    const current = new Map(
      (
        await lockBuildings(
          tx,
          updates.map((update) => update.buildingId),
        )
      ).map((row) => [row.id, row]),
    );
    const stale = updates
      .filter((update) => current.get(update.buildingId)?.version !== update.version)
      .map((update) => ({
        row: update.row,
        buildingId: update.buildingId,
        previewVersion: update.version,
        currentVersion: current.get(update.buildingId)?.version ?? null,
      }));
    if (stale.length) {
      const rows = listed(stale.map((entry) => entry.row));
      throw new Conflict(msg("import.changedSincePreview", { count: stale.length, rows }), "stale_version", { stale });
    }
    for (const update of updates) {
      requireBuildingWrite(ctx.user, current.get(update.buildingId)?.areaId as number);
      if (update.after.areaId !== undefined) requireBuildingWrite(ctx.user, update.after.areaId);
    }
  }

  /** 409 when an address the import writes was registered by someone else since the preview. */
  private async checkAddressesFree(tx: Tx, plan: ImportPlan) {
    const claims = new Map<string, number | null>();
    for (const create of plan.creates) claims.set(addressKey(create.values.address), null);
    for (const update of plan.updates) {
      if (update.after.address !== undefined) claims.set(addressKey(update.after.address), update.buildingId);
    }
    if (claims.size === 0) return;
    const holders = await buildingsByAddressKeys(tx, [...claims.keys()]);
    const taken = holders.filter((holder) => claims.get(holder.addressKey) !== holder.id);
    if (taken.length) {
      throw new Conflict(
        msg("import.addressTakenSincePreview", { ids: listed(taken.map((holder) => holder.id)) }),
        "duplicate_address",
      );
    }
  }
}
