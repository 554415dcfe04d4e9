// The weekly briefings (docs/DOMAIN.md § Weekly briefing): a draft generated for the town or a zone as of a day
// of its ISO week, regenerated and its 下一步工作 edited by the task force, then issued — frozen, with its running
// number. Every change is audited; edits carry the version they were made on (409 otherwise).

import {
  addDays,
  BRIEFING_TITLE,
  type Briefing,
  type BriefingContent,
  type BriefingList,
  type BriefingListItem,
  type BriefingListQuery,
  briefingIssueLine,
  type CreateBriefing,
  canManageBriefings,
  checkAsOf,
  isoWeekDays,
  isoWeekOf,
  msg,
  type PatchBriefing,
  shanghaiMinute,
  yearOf,
} from "@jiati/shared";
import { requireBriefingRead, requireBriefingsReader, requireTaskforce } from "../auth/policy";
import { recordAudit } from "../core/audit";
import type { RequestContext, SessionUser } from "../core/context";
import { type Deps, inTransaction } from "../core/deps";
import { Conflict, InvalidInput, NotFound } from "../core/errors";
import type { SettingsService } from "../settings/service";
import type { StructureService } from "../structure/service";
import type { SummaryService } from "../summary/service";
import { composeBriefing, LONGEST_BLOCKED } from "./compose";
import { briefingDocx } from "./docx";
import {
  type BriefingFilter,
  type BriefingRow,
  blockersByArea,
  briefingOf,
  briefingOfWeek,
  insertBriefing,
  listBriefings,
  longestBlocked,
  nextIssueNo,
  statusesAsOf,
  updateBriefing,
} from "./repo";

type ItemRow = Omit<BriefingRow, "content" | "nextSteps">;

const person = (id: number | null, name: string | null) => (id == null ? null : { id, displayName: name ?? "" });

function presentItem(row: ItemRow): BriefingListItem {
  return {
    id: row.id,
    zoneId: row.zoneId,
    scopeName: row.scopeName ?? "",
    week: row.week,
    year: row.year,
    asOf: row.asOf,
    status: row.status,
    issueNo: row.issueNo,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: person(row.createdById, row.createdByName),
    updatedAt: row.updatedAt.toISOString(),
    issuedAt: row.issuedAt?.toISOString() ?? null,
    issuedBy: person(row.issuedById, row.issuedByName),
  };
}

function present(row: BriefingRow, user: SessionUser): Briefing {
  const editable = canManageBriefings(user) && row.status === "draft";
  return {
    ...presentItem(row),
    content: row.content as BriefingContent,
    nextSteps: row.nextSteps,
    abilities: { edit: editable, issue: editable },
  };
}

/** 2022年第48周, as the messages name a week. */
const weekText = (week: string) =>
  msg("briefing.week", { year: week.slice(0, 4), week: String(Number(week.slice(6))) });

export class BriefingService {
  constructor(
    private readonly deps: Deps,
    private readonly summary: SummaryService,
    private readonly settings: SettingsService,
    private readonly structure: StructureService,
  ) {}

  /** The briefings the user may read, newest week first. */
  async list(ctx: RequestContext, query: BriefingListQuery): Promise<BriefingList> {
    const { user } = ctx;
    requireBriefingsReader(user);
    const asked: BriefingFilter = {
      zoneId: query.scope === undefined ? undefined : query.scope === "town" ? null : query.scope,
      status: query.status,
    };
    const filter = this.readableFilter(user, asked);
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize, canCreate: false };
    if (!filter) return empty;
    const { items, total } = await listBriefings(this.deps.db, filter, query.page, query.pageSize);
    return { ...empty, items: items.map(presentItem), total, canCreate: canManageBriefings(user) };
  }

  /** `asked` narrowed to what `user` may read; null when that leaves nothing. */
  private readableFilter(user: SessionUser, asked: BriefingFilter): BriefingFilter | null {
    if (canManageBriefings(user)) return asked;
    if (user.zoneId != null) {
      if (asked.zoneId !== undefined && asked.zoneId !== user.zoneId) return null;
      return { ...asked, zoneId: user.zoneId };
    }
    if (asked.status === "draft") return null;
    return { ...asked, status: "issued" };
  }

  async get(ctx: RequestContext, id: number): Promise<Briefing> {
    const row = await briefingOf(this.deps.db, id);
    if (!row) throw new NotFound(msg("notFound.briefing"));
    requireBriefingRead(ctx.user, row);
    return present(row, ctx.user);
  }

  /** The week's draft for the town or a zone; a second one of the same scope and week is refused (409). */
  async create(ctx: RequestContext, input: CreateBriefing): Promise<Briefing> {
    requireTaskforce(ctx.user, "manageBriefings");
    const asOf = input.asOf ?? ctx.today;
    const broken = checkAsOf(asOf, ctx.today);
    if (broken) throw InvalidInput.field(broken.field, broken.message);
    const zone = await this.zoneOf(input.zoneId);
    const week = isoWeekOf(asOf);
    const existing = await briefingOfWeek(this.deps.db, input.zoneId, week);
    if (existing) throw this.exists(existing);
    const content = await this.generate(zone, asOf, ctx.today);
    const id = await inTransaction(this.deps, async (tx, announce) => {
      const { id } = await insertBriefing(tx, {
        zoneId: input.zoneId,
        week,
        year: yearOf(asOf),
        asOf,
        content,
        createdBy: ctx.user.id,
        createdAt: ctx.now,
        updatedBy: ctx.user.id,
        updatedAt: ctx.now,
      });
      await recordAudit(tx, ctx, {
        action: "briefing.create",
        entity: "briefing",
        entityId: id,
        after: { scope: content.scopeName, week, asOf },
      });
      await announce({ kind: "briefing", id });
      return id;
    });
    return this.get(ctx, id);
  }

  /** The draft's content afresh, as of `asOf` (today while its week lasts, else the week's Sunday). */
  async regenerate(ctx: RequestContext, id: number, version: number, input: { asOf?: string }): Promise<Briefing> {
    requireTaskforce(ctx.user, "manageBriefings");
    const read = await briefingOf(this.deps.db, id);
    if (!read) throw new NotFound(msg("notFound.briefing"));
    this.checkEditable(ctx, read, version);
    const { monday, sunday } = isoWeekDays(read.week);
    const weekOver = sunday < ctx.today;
    const asOf = input.asOf ?? (weekOver ? sunday : ctx.today);
    const broken = checkAsOf(asOf, ctx.today);
    if (broken) throw InvalidInput.field(broken.field, broken.message);
    if (asOf < monday || asOf > sunday) {
      throw InvalidInput.field("asOf", msg("briefing.asOfOutsideWeek", { from: monday, to: sunday }));
    }
    const content = await this.generate(await this.zoneOf(read.zoneId), asOf, ctx.today);
    return this.change(ctx, id, version, async (tx, row) => {
      await updateBriefing(tx, id, version, { content, asOf, updatedBy: ctx.user.id, updatedAt: ctx.now });
      return {
        action: "briefing.regenerate",
        before: { scope: row.scopeName, week: row.week, asOf: row.asOf },
        after: { scope: content.scopeName, week: row.week, asOf },
      };
    });
  }

  /** The draft's 下一步工作. */
  async patch(ctx: RequestContext, id: number, version: number, input: PatchBriefing): Promise<Briefing> {
    requireTaskforce(ctx.user, "manageBriefings");
    return this.change(ctx, id, version, async (tx, row) => {
      await updateBriefing(tx, id, version, { nextSteps: input.nextSteps, updatedBy: ctx.user.id, updatedAt: ctx.now });
      return {
        action: "briefing.edit",
        before: { scope: row.scopeName, week: row.week, nextSteps: row.nextSteps },
        after: { scope: row.scopeName, week: row.week, nextSteps: input.nextSteps },
      };
    });
  }

  /** Issues the draft: its content and 下一步工作 are frozen, and it takes the scope's next number of the year. */
  async issue(ctx: RequestContext, id: number, version: number): Promise<Briefing> {
    requireTaskforce(ctx.user, "manageBriefings");
    return this.change(ctx, id, version, async (tx, row) => {
      const issueNo = await nextIssueNo(tx, row.zoneId, row.year);
      await updateBriefing(tx, id, version, {
        status: "issued",
        issueNo,
        issuedBy: ctx.user.id,
        issuedAt: ctx.now,
        updatedBy: ctx.user.id,
        updatedAt: ctx.now,
      });
      return {
        action: "briefing.issue",
        before: { scope: row.scopeName, week: row.week, status: "draft" },
        after: { scope: row.scopeName, week: row.week, status: "issued", issueNo, asOf: row.asOf },
      };
    });
  }

  /** The briefing as a .docx, with the file's name. */
  async docx(ctx: RequestContext, id: number): Promise<{ data: Buffer; fileName: string; asciiName: string }> {
    const briefing = await this.get(ctx, id);
    const data = await briefingDocx(briefing);
    const issue = briefingIssueLine({ ...briefing, zoneId: null }).replace(/[（）]/g, "");
    return {
      data,
      fileName: `${briefing.scopeName}${BRIEFING_TITLE}${issue}-${briefing.week}.docx`,
      asciiName: `briefing-${briefing.week}-${briefing.id}.docx`,
    };
  }

  /**
   * A change of a draft read at `version`: locked, checked (found, still a draft, not changed since), changed by
   * `work`, audited and announced in one transaction.
   */
  private async change(
    ctx: RequestContext,
    id: number,
    version: number,
    work: (tx: Parameters<Parameters<typeof inTransaction>[1]>[0], row: BriefingRow) => Promise<AuditChange>,
  ): Promise<Briefing> {
    await inTransaction(this.deps, async (tx, announce) => {
      const row = await briefingOf(tx, id, true);
      if (!row) throw new NotFound(msg("notFound.briefing"));
      this.checkEditable(ctx, row, version);
      const { action, before, after } = await work(tx, row);
      await recordAudit(tx, ctx, { action, entity: "briefing", entityId: id, before, after });
      await announce({ kind: "briefing", id });
    });
    return this.get(ctx, id);
  }

  /** An issued briefing is frozen (409 `briefing_issued`); an edit of an older version is stale (409). */
  private checkEditable(ctx: RequestContext, row: BriefingRow, version: number): void {
    if (row.status === "issued") {
      throw new Conflict(
        msg("briefing.issued", { at: row.issuedAt ? shanghaiMinute(row.issuedAt) : "" }),
        "briefing_issued",
        present(row, ctx.user),
      );
    }
    if (row.version !== version) {
      throw new Conflict(
        msg("briefing.staleVersion", { current: row.version, sent: version }),
        "stale_version",
        present(row, ctx.user),
      );
    }
  }

  private exists(existing: ItemRow): Conflict {
    return new Conflict(
      msg("briefing.exists", { scope: existing.scopeName ?? "", week: weekText(existing.week), id: existing.id }),
      "briefing_exists",
      presentItem(existing),
    );
  }

  /** The zone a briefing is of (400 naming `zoneId` when there is no such zone); null for the town. */
  private async zoneOf(zoneId: number | null) {
    if (zoneId == null) return null;
    const { zones } = await this.structure.structure();
    const zone = zones.find((candidate) => candidate.id === zoneId);
    if (!zone) throw InvalidInput.field("zoneId", msg("notFound.zone"));
    return { id: zone.id, name: zone.name };
  }

  /**
   * The content as of `asOf`: the summary of its year as of that day and a week before (so every figure is the
   * summary's), the blockers, status lines and longest-blocked buildings as of that day — composed into text.
   */
  private async generate(zone: { id: number; name: string } | null, asOf: string, today: string) {
    const zoneId = zone?.id ?? null;
    const year = yearOf(asOf);
    const past = asOf < today ? asOf : null;
    const ex = this.deps.db;
    const [now, lastWeek, organization, blockers, statuses, longest] = await Promise.all([
      this.summary.summary(year, zoneId, today, asOf),
      this.summary.summary(year, zoneId, today, addDays(asOf, -7)),
      this.settings.organization(),
      blockersByArea(ex, zoneId, past),
      statusesAsOf(ex, zoneId, asOf),
      longestBlocked(ex, zoneId, past, LONGEST_BLOCKED),
    ]);
    return composeBriefing({ organization, zone, asOf, now, lastWeek, blockers, statuses, longestBlocked: longest });
  }
}

interface AuditChange {
  action: string;
  before: unknown;
  after: unknown;
}
