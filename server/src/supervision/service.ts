// Blocker supervision (督办, docs/DOMAIN.md § Blocker supervision): a blocker's dated progress notes and site
// photos, its thread as the building page shows it, the open blockers of a scope (overdue first), and who may
// own a blocker of an area. Owner and due date are set with the blocker itself (buildings/service.ts).

import {
  type BlockerItem,
  type BlockerList,
  type BlockerListQuery,
  type BlockerNote,
  type BlockerNoteInput,
  type BlockerOwnerOption,
  type BlockerPhoto,
  type BlockerThread,
  blockedDays,
  daysOverdue,
  isOverdue,
  msg,
  PHOTO_MAX_BYTES,
  PHOTOS_PER_EPISODE,
  type PhotoType,
} from "@jiati/shared";
import { canReadBuildingIn, requireSupervise } from "../auth/policy";
import { recordAudit } from "../core/audit";
import type { RequestContext } from "../core/context";
import type { Executor, Tx } from "../core/db";
import { type Deps, inTransaction } from "../core/deps";
import { Conflict, Forbidden, InvalidInput, NotFound } from "../core/errors";
import { recordIdempotency } from "../core/idempotency";
import { acceptedPhoto } from "./photos";
import {
  areaOf,
  type BlockerRow,
  blockerOf,
  countEpisodePhotos,
  insertNote,
  insertPhoto,
  listBlockers,
  noteOf,
  notesOf,
  ownerCandidates,
  photoData,
  photosOf,
} from "./repo";

type PhotoRow = Awaited<ReturnType<typeof photosOf>>[number];
type NoteRow = Awaited<ReturnType<typeof notesOf>>[number];

const person = (id: number | null, name: string | null) => (id == null ? null : { id, displayName: name ?? "" });

function presentPhoto(row: Omit<PhotoRow, "authorName"> & { authorName: string | null }): BlockerPhoto {
  return {
    id: row.id,
    noteId: row.noteId,
    contentType: row.contentType as PhotoType,
    bytes: row.bytes,
    blockedSince: row.blockedSince,
    at: row.at.toISOString(),
    author: person(row.userId, row.authorName),
    url: `/api/photos/${row.id}`,
  };
}

/** The blocker episode now open on the building: the day it began, or null when not blocked. */
const currentEpisode = (building: BlockerRow) => (building.blockerCategory ? building.blockedSince : null);

function presentNote(row: NoteRow, building: BlockerRow, photos: BlockerPhoto[]): BlockerNote {
  return {
    id: row.id,
    buildingId: row.buildingId,
    text: row.text,
    at: row.at.toISOString(),
    author: person(row.userId, row.authorName),
    blockedSince: row.blockedSince,
    current: row.blockedSince === currentEpisode(building),
    photos,
  };
}

/** Newest first within each group, the current episode's before the others' (a stable partition). */
function currentFirst<T extends { blockedSince: string }>(items: T[], episode: string | null): T[] {
  return [...items.filter((item) => item.blockedSince === episode), ...items.filter((i) => i.blockedSince !== episode)];
}

export class SupervisionService {
  constructor(private readonly deps: Deps) {}

  /** The building's blocker with its notes and photos: the current episode's first, each newest first. */
  async thread(ctx: RequestContext, buildingId: number): Promise<BlockerThread> {
    const building = await this.readable(ctx, buildingId);
    const [noteRows, photoRows] = await Promise.all([
      notesOf(this.deps.db, buildingId),
      photosOf(this.deps.db, buildingId),
    ]);
    const photos = photoRows.map(presentPhoto);
    const episode = currentEpisode(building);
    const notes = noteRows.map((row) =>
      presentNote(
        row,
        building,
        photos.filter((photo) => photo.noteId === row.id),
      ),
    );
    const inEpisode = photos.filter((photo) => photo.blockedSince === episode).length;
    return {
      buildingId,
      blockedSince: episode,
      owner: episode ? person(building.blockerOwnerId, building.ownerName) : null,
      dueOn: episode ? building.blockerDueOn : null,
      blockedDays: blockedDays(building, ctx.today),
      overdue: isOverdue(building, ctx.today),
      photosLeft: episode ? Math.max(0, PHOTOS_PER_EPISODE - inEpisode) : 0,
      today: ctx.today,
      notes: currentFirst(notes, episode),
      photos: currentFirst(
        photos.filter((photo) => photo.noteId == null),
        episode,
      ),
    };
  }

  /** Adds a dated progress note to the building's open blocker, with its audit row, in one transaction. */
  async addNote(ctx: RequestContext, buildingId: number, input: BlockerNoteInput): Promise<BlockerNote> {
    return inTransaction(this.deps, async (tx, announce) => {
      const building = await this.openForWrite(tx, ctx, buildingId, true);
      const row = await insertNote(tx, {
        buildingId,
        blockedSince: building.blockedSince as string,
        text: input.text,
        userId: ctx.user.id,
        at: ctx.now,
      });
      await recordAudit(tx, ctx, {
        action: "blocker.note",
        entity: "building",
        entityId: buildingId,
        areaId: building.areaId,
        after: { noteId: row.id, text: row.text },
      });
      // A note or photo changes no field of the building: every count stays (docs/DOMAIN.md § What a count reads).
      await announce({ kind: "building", id: buildingId, areaId: building.areaId, countsUnchanged: true });
      const answer = presentNote({ ...row, authorName: ctx.user.displayName }, building, []);
      await recordIdempotency(tx, ctx, answer);
      return answer;
    });
  }

  /**
   * Whether a photo may be added now — the building exists (404), the user may supervise it (403), its blocker
   * is open (400), the note is one of its current episode (400), the episode has room (409) — checked before
   * the upload is read, and again when it is stored.
   */
  async checkPhotoUpload(ctx: RequestContext, buildingId: number, noteId: number | undefined): Promise<void> {
    const building = await this.openForWrite(this.deps.db, ctx, buildingId, false);
    await this.checkRoomForPhoto(this.deps.db, building, noteId);
  }

  /** Stores a photo whose bytes are JPEG, PNG or WebP (415 otherwise), with its audit row. */
  async addPhoto(ctx: RequestContext, buildingId: number, noteId: number | undefined, data: Buffer) {
    const contentType = acceptedPhoto(data);
    return inTransaction(this.deps, async (tx, announce) => {
      const building = await this.openForWrite(tx, ctx, buildingId, true);
      await this.checkRoomForPhoto(tx, building, noteId);
      const row = await insertPhoto(tx, {
        buildingId,
        noteId: noteId ?? null,
        blockedSince: building.blockedSince as string,
        contentType,
        bytes: data.length,
        data,
        userId: ctx.user.id,
        at: ctx.now,
      });
      await recordAudit(tx, ctx, {
        action: "blocker.photo",
        entity: "building",
        entityId: buildingId,
        areaId: building.areaId,
        after: { photoId: row.id, noteId: row.noteId, contentType, bytes: row.bytes },
      });
      // A note or photo changes no field of the building: every count stays (docs/DOMAIN.md § What a count reads).
      await announce({ kind: "building", id: buildingId, areaId: building.areaId, countsUnchanged: true });
      return presentPhoto({ ...row, authorName: ctx.user.displayName });
    });
  }

  /** A photo's bytes, for a user who may read its building. */
  async photo(ctx: RequestContext, id: number) {
    const row = await photoData(this.deps.db, id);
    if (!row) throw new NotFound(msg("notFound.photo"));
    if (!canReadBuildingIn(ctx.user, row.areaId)) throw new Forbidden(msg("forbidden.cannotReadBuilding"));
    return { contentType: row.contentType, data: row.data };
  }

  /** The open blockers in scope, overdue first (docs/DOMAIN.md § Blocker supervision). */
  async list(query: BlockerListQuery, today: string): Promise<BlockerList> {
    const { rows, total, overdueCount } = await listBlockers(this.deps.db, query, today);
    const items: BlockerItem[] = rows.map((row) => {
      const state = { ...row, blockerCategory: row.category, blockerDueOn: row.dueOn };
      return {
        buildingId: row.buildingId,
        address: row.address,
        estate: row.estate,
        areaId: row.areaId,
        areaName: row.areaName,
        zoneId: row.zoneId,
        zoneName: row.zoneName,
        category: row.category as BlockerItem["category"],
        note: row.note,
        owner: person(row.ownerId, row.ownerName),
        dueOn: row.dueOn,
        blockedSince: row.blockedSince,
        blockedDays: blockedDays(state, today),
        overdue: isOverdue(state, today),
        daysOverdue: daysOverdue(state, today),
        lastNote: row.lastNote,
        version: row.version,
      };
    });
    return { items, total, overdueCount, today };
  }

  /** Who may own a blocker of the area: asked by those who may supervise it (they choose the owner). */
  async owners(ctx: RequestContext, areaId: number): Promise<BlockerOwnerOption[]> {
    if (!(await areaOf(this.deps.db, areaId))) throw new NotFound(msg("notFound.area"));
    requireSupervise(ctx.user, areaId);
    const rows = await ownerCandidates(this.deps.db, areaId);
    return rows.map((row) => ({ ...row, role: row.role as BlockerOwnerOption["role"] }));
  }

  private async readable(ctx: RequestContext, buildingId: number): Promise<BlockerRow> {
    const building = await blockerOf(this.deps.db, buildingId);
    if (!building) throw new NotFound(msg("notFound.building"));
    if (!canReadBuildingIn(ctx.user, building.areaId)) throw new Forbidden(msg("forbidden.cannotReadBuilding"));
    return building;
  }

  /** The building (locked in a transaction), if the user may supervise it and its blocker is open. */
  private async openForWrite(ex: Executor, ctx: RequestContext, buildingId: number, lock: boolean) {
    const building = await blockerOf(ex, buildingId, lock);
    if (!building) throw new NotFound(msg("notFound.building"));
    requireSupervise(ctx.user, building.areaId);
    if (building.withdrawn) throw InvalidInput.field("blocker", msg("blocker.withdrawn"), "not_blocked");
    if (!building.blockerCategory || !building.blockedSince) {
      throw InvalidInput.field("blocker", msg("blocker.notBlocked"), "not_blocked");
    }
    return building;
  }

  private async checkRoomForPhoto(ex: Executor | Tx, building: BlockerRow, noteId: number | undefined) {
    const since = building.blockedSince as string;
    if (noteId !== undefined) {
      const note = await noteOf(ex, noteId);
      if (!note || note.buildingId !== building.id || note.blockedSince !== since) {
        throw InvalidInput.field("noteId", msg("blocker.photoNotOnNote"));
      }
    }
    if ((await countEpisodePhotos(ex, building.id, since)) >= PHOTOS_PER_EPISODE) {
      throw new Conflict(
        msg("blocker.tooManyPhotos", { count: PHOTOS_PER_EPISODE, mb: PHOTO_MAX_BYTES / 1024 / 1024 }),
        "too_many_photos",
      );
    }
  }
}
