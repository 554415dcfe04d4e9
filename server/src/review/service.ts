// The year-end review (年度总结, docs/DOMAIN.md § Year-end review): a closed year's results per area against its
// targets, as they stood on 31 December (the summary's as-of figures), ranked, with the 先进 / 优秀 areas the task
// force's rule proposes and its hand changes; confirmed, it is kept as it was and changes no more.

import {
  type AwardOverride,
  type AwardRule,
  awardsOf,
  canEditReview,
  composeReview,
  DEFAULT_AWARD_RULE,
  msg,
  type PutReview,
  type RECORDED_STAGES,
  type ReopenReview,
  type ReviewRow,
  type ReviewYear,
  readsWholeReview,
  reviewDayOf,
  reviewWindowOf,
  type Summary,
  shanghaiMinute,
  stageResult,
  type YearReview,
  yearOf,
} from "@jiati/shared";
import { requireTaskforce } from "../auth/policy";
import { recordAudit } from "../core/audit";
import type { RequestContext, SessionUser } from "../core/context";
import type { Executor } from "../core/db";
import { type Deps, inTransaction } from "../core/deps";
import { Conflict, Forbidden, InvalidInput, NotFound } from "../core/errors";
import type { SummaryService } from "../summary/service";
import { structureIds } from "../targets/repo";
import { findReview, firstProgrammeYear, insertReview, listReviews, type ReviewRecord, updateReview } from "./repo";

/** The review as kept: everything but what depends on who asks. */
type Review = Omit<YearReview, "abilities" | "partial">;

/** What a confirmed review keeps beside its rule and hand changes (the `frozen` column). */
interface Frozen {
  asOf: string;
  rows: ReviewRow[];
  town: Review["town"];
  confirmedBy: string;
}

/** A year's figures on its review day: every area's (as the summary ranks them) and the town's. */
interface Figures {
  asOf: string;
  areas: NonNullable<Summary["areas"]>;
  town: Review["town"];
}

export class ReviewService {
  constructor(
    private readonly deps: Deps,
    private readonly summary: SummaryService,
  ) {}

  /**
   * The years that can be reviewed, newest first: from the programme's first (or the first reviewed) to the last
   * closed one, or this one in December.
   */
  async years(ctx: RequestContext): Promise<ReviewYear[]> {
    const current = yearOf(ctx.today);
    const last = reviewWindowOf(current, ctx.today) === "drafting" ? current : current - 1;
    const stored = new Map((await listReviews(this.deps.db)).map((row) => [row.year, row]));
    const first = Math.min((await firstProgrammeYear(this.deps.db)) ?? Number.POSITIVE_INFINITY, ...stored.keys());
    const years: ReviewYear[] = [];
    for (let year = last; year >= first; year--) {
      const row = stored.get(year);
      years.push({
        year,
        status: row ? (row.status as ReviewYear["status"]) : "none",
        closed: year < current,
        confirmedAt: row?.confirmedAt?.toISOString() ?? null,
      });
    }
    return years;
  }

  async get(ctx: RequestContext, year: number): Promise<YearReview> {
    const stored = await findReview(this.deps.db, year);
    await checkYear(this.deps.db, year, ctx.today, stored);
    if (!readsWholeReview(ctx.user) && stored?.status !== "confirmed") throw new Forbidden(msg("review.draftHidden"));
    const review = stored?.status === "confirmed" ? fromFrozen(stored) : await this.draft(year, ctx.today, stored);
    return presentFor(ctx.user, review);
  }

  /** Saves the rule and the hand changes of a draft (If-Match: its version; 0 before the first save). */
  async save(ctx: RequestContext, year: number, version: number, input: PutReview): Promise<YearReview> {
    requireTaskforce(ctx.user, "editReview");
    await inTransaction(this.deps, async (tx, announce) => {
      const current = await findReview(tx, year, true);
      await checkYear(tx, year, ctx.today, current);
      const { areaIds } = await structureIds(tx);
      input.overrides.forEach((override, index) => {
        if (!areaIds.has(override.areaId)) throw InvalidInput.field(`overrides.${index}.areaId`, msg("notFound.area"));
      });
      checkWritable(year, current, version);
      const before = current ? { rule: current.rule, overrides: current.overrides } : null;
      const after = { rule: input.rule, overrides: input.overrides };
      if (JSON.stringify(before) === JSON.stringify(after)) return;
      if (current) {
        await updateReview(tx, year, { ...after, version: current.version + 1, updatedAt: ctx.now });
      } else {
        await insertReview(tx, { year, ...after, createdAt: ctx.now, updatedAt: ctx.now });
      }
      await recordAudit(tx, ctx, { action: "review.update", entity: "review", entityId: year, before, after });
      await announce({ kind: "review" });
    });
    return this.get(ctx, year);
  }

  /** Confirms a closed year's review: its figures, proposal and titles are kept as they are now. */
  async confirm(ctx: RequestContext, year: number, version: number): Promise<YearReview> {
    requireTaskforce(ctx.user, "editReview");
    const figures = await this.figures(year, ctx.today);
    await inTransaction(this.deps, async (tx, announce) => {
      const current = await findReview(tx, year, true);
      if ((await checkYear(tx, year, ctx.today, current)) !== "closed") {
        throw new Conflict(msg("review.yearOpen", { year }), "year_not_closed");
      }
      checkWritable(year, current, version);
      const rule = (current?.rule as AwardRule | undefined) ?? DEFAULT_AWARD_RULE;
      const overrides = (current?.overrides as AwardOverride[] | undefined) ?? [];
      const { rows, awards } = composeReview(figures.areas, rule, overrides);
      const frozen: Frozen = { asOf: figures.asOf, rows, town: figures.town, confirmedBy: ctx.user.displayName };
      const confirmed = { status: "confirmed", frozen, confirmedBy: ctx.user.id, confirmedAt: ctx.now };
      if (current) {
        await updateReview(tx, year, { ...confirmed, version: current.version + 1, updatedAt: ctx.now });
      } else {
        await insertReview(tx, { year, rule, overrides, ...confirmed, createdAt: ctx.now, updatedAt: ctx.now });
      }
      await recordAudit(tx, ctx, {
        action: "review.confirm",
        entity: "review",
        entityId: year,
        after: { rule, overrides: overrides.length, ...namesOf(awards) },
      });
      await announce({ kind: "review" });
    });
    return this.get(ctx, year);
  }

  /** Opens a confirmed review again (the task force, with a reason): a draft on the figures of now. */
  async reopen(ctx: RequestContext, year: number, version: number, input: ReopenReview): Promise<YearReview> {
    requireTaskforce(ctx.user, "editReview");
    await inTransaction(this.deps, async (tx, announce) => {
      const current = await findReview(tx, year, true);
      await checkYear(tx, year, ctx.today, current);
      if (current?.status !== "confirmed")
        throw new Conflict(msg("review.notConfirmed", { year }), "review_not_confirmed");
      checkVersion(current, version);
      const frozen = current.frozen as Frozen;
      await updateReview(tx, year, {
        status: "draft",
        frozen: null,
        confirmedBy: null,
        confirmedAt: null,
        version: current.version + 1,
        updatedAt: ctx.now,
      });
      await recordAudit(tx, ctx, {
        action: "review.reopen",
        entity: "review",
        entityId: year,
        before: {
          confirmedAt: current.confirmedAt?.toISOString(),
          confirmedBy: frozen.confirmedBy,
          ...namesOf(awardsOf(frozen.rows)),
        },
        reason: input.reason,
      });
      await announce({ kind: "review" });
    });
    return this.get(ctx, year);
  }

  /** A draft: the stored rule and hand changes (the default rule, none, before the first save) on the figures of now. */
  private async draft(year: number, today: string, stored: ReviewRecord | null): Promise<Review> {
    const figures = await this.figures(year, today);
    const rule = (stored?.rule as AwardRule | undefined) ?? DEFAULT_AWARD_RULE;
    const { rows, awards } = composeReview(
      figures.areas,
      rule,
      (stored?.overrides as AwardOverride[] | undefined) ?? [],
    );
    return {
      year,
      status: "draft",
      version: stored?.version ?? 0,
      asOf: figures.asOf,
      closed: reviewWindowOf(year, today) === "closed",
      rule,
      rows,
      town: figures.town,
      awards,
      confirmed: null,
    };
  }

  /**
   * The year's figures on its review day, from the summary: as of 31 December for a closed year (docs/DOMAIN.md
   * § As of a date), today's for this year's December draft. Zone by zone when the town has more areas than the
   * summary lists at once.
   */
  private async figures(year: number, today: string): Promise<Figures> {
    const day = reviewDayOf(year, today);
    const asOf = day < today ? day : undefined;
    const town = await this.summary.summary(year, null, today, asOf);
    const areas =
      town.areas ??
      (await Promise.all(town.zones.map((zone) => this.summary.summary(year, zone.id, today, asOf)))).flatMap(
        (zone) => zone.areas ?? [],
      );
    const stage = (key: (typeof RECORDED_STAGES)[number]) =>
      stageResult(town.stages[key].actual, town.stages[key].target, town.stages[key].percent);
    return {
      asOf: day,
      areas,
      town: { signed: stage("signed"), started: stage("started"), completed: stage("completed") },
    };
  }
}

/**
 * Whether `year` has a review on `today`: 400 naming `year` for a later year or this one before December; 404 for
 * a year before the programme's first target or signing (unless a review of it is stored).
 */
async function checkYear(ex: Executor, year: number, today: string, stored: ReviewRecord | null) {
  const window = reviewWindowOf(year, today);
  if (window === "unavailable") throw InvalidInput.field("year", msg("review.yearUnavailable", { year }));
  if (!stored) {
    const first = await firstProgrammeYear(ex);
    if (first == null || year < first) throw new NotFound(msg("review.nothingToReview", { year }));
  }
  return window;
}

/** 409 when the review is confirmed (edits refused) or not at the version the edit was made on. */
function checkWritable(year: number, current: ReviewRecord | null, version: number): void {
  if (current?.status === "confirmed") {
    const at = current.confirmedAt ? shanghaiMinute(current.confirmedAt) : "";
    throw new Conflict(msg("review.confirmedNoEdit", { year, at }), "review_confirmed");
  }
  checkVersion(current, version);
}

function checkVersion(current: ReviewRecord | null, version: number): void {
  const stored = current?.version ?? 0;
  if (stored !== version) {
    throw new Conflict(msg("review.staleVersion", { current: stored, sent: version }), "stale_version");
  }
}

function fromFrozen(stored: ReviewRecord): Review {
  const frozen = stored.frozen as Frozen;
  return {
    year: stored.year,
    status: "confirmed",
    version: stored.version,
    asOf: frozen.asOf,
    closed: true,
    rule: stored.rule as AwardRule,
    rows: frozen.rows,
    town: frozen.town,
    awards: awardsOf(frozen.rows),
    confirmed: { by: frozen.confirmedBy, at: stored.confirmedAt?.toISOString() ?? "" },
  };
}

/** The review as `user` may see it, with what they may do (docs/DOMAIN.md § Year-end review). */
function presentFor(user: SessionUser, review: Review): YearReview {
  const editor = canEditReview(user);
  const draft = review.status === "draft";
  const abilities = { edit: editor && draft, confirm: editor && draft && review.closed, reopen: editor && !draft };
  if (readsWholeReview(user)) return { ...review, partial: false, abilities };
  const rows = review.rows.filter((row) => row.areaId === user.areaId);
  return { ...review, rows, awards: awardsOf(rows), partial: true, abilities };
}

/** The titled areas by name, for the change record. */
function namesOf(awards: Review["awards"]) {
  return {
    excellent: awards.excellent.map((area) => area.name),
    advanced: awards.advanced.map((area) => area.name),
  };
}
