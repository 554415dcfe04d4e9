// Blocker supervision (督办, docs/DOMAIN.md § Blocker supervision): how long a building has been blocked, when
// its blocker is overdue or due soon, the order supervision lists follow, and which photo files are accepted.
// No zod here, so the phone pages can ask these without loading the schema library.

import { daysBetween } from "./dates";
import { msg } from "./messages";

/** A progress note's longest text, trimmed. */
export const BLOCKER_NOTE_MAX = 500;
/** An area's status line's longest text, trimmed. */
export const AREA_STATUS_MAX = 120;
/** Largest photo the server stores, after the browser has resized it. */
export const PHOTO_MAX_BYTES = 1024 * 1024;
/** Photos kept per blocker episode (since the day the blocker was set). */
export const PHOTOS_PER_EPISODE = 6;
/** The browser scales photos so that their longer side is at most this many pixels. */
export const PHOTO_MAX_SIDE = 1600;
/** A blocker due within this many days (and not yet overdue) is "due soon". */
export const DUE_SOON_DAYS = 7;

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** The blocker fields the rules look at: a subset of a building. */
export interface BlockerState {
  blockerCategory: string | null;
  blockedSince: string | null;
  blockerDueOn: string | null;
  withdrawn: boolean;
}

/** Whole days since the blocker was set (0 on its first day), or null when the building is not blocked. */
export function blockedDays(building: Pick<BlockerState, "blockerCategory" | "blockedSince">, today: string) {
  if (!building.blockerCategory || !building.blockedSince) return null;
  return Math.max(0, daysBetween(building.blockedSince, today));
}

/** An open blocker: set, on a building that is not withdrawn. */
export function isOpenBlocker(building: Pick<BlockerState, "blockerCategory" | "withdrawn">): boolean {
  return building.blockerCategory != null && !building.withdrawn;
}

/** Overdue: an open blocker whose due date lies before today (due today is not yet overdue). */
export function isOverdue(building: BlockerState, today: string): boolean {
  return isOpenBlocker(building) && building.blockerDueOn != null && building.blockerDueOn < today;
}

/** Days past the due date, or null when not overdue. */
export function daysOverdue(building: BlockerState, today: string): number | null {
  if (!isOverdue(building, today) || !building.blockerDueOn) return null;
  return daysBetween(building.blockerDueOn, today);
}

export type DueState = "overdue" | "dueSoon" | "later" | "none";

/** Where an open blocker's due date stands: overdue, due within `soonDays` (today included), later, or none. */
export function dueState(building: BlockerState, today: string, soonDays = DUE_SOON_DAYS): DueState {
  if (!isOpenBlocker(building) || !building.blockerDueOn) return "none";
  if (building.blockerDueOn < today) return "overdue";
  return daysBetween(today, building.blockerDueOn) <= soonDays ? "dueSoon" : "later";
}

/**
 * The order of supervision lists: overdue first, then by due date (soonest first, none last), then the
 * longest blocked, then by id — the same order the server's query uses.
 */
export function compareSupervision(a: BlockerState & { id: number }, b: BlockerState & { id: number }, today: string) {
  const overdue = Number(isOverdue(b, today)) - Number(isOverdue(a, today));
  if (overdue !== 0) return overdue;
  const due = compareNullable(a.blockerDueOn, b.blockerDueOn);
  if (due !== 0) return due;
  const since = compareNullable(a.blockedSince, b.blockedSince);
  return since !== 0 ? since : a.id - b.id;
}

/** Ascending, a missing value after any present one. */
function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  return a < b ? -1 : 1;
}

/** A due date may not lie before the day it is set. */
export function checkDueOn(dueOn: string | null, today: string): string | null {
  if (dueOn != null && dueOn < today) return msg("blocker.dueInPast", { today });
  return null;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

/**
 * The image type of a file by its first bytes (its magic number), whatever it claims to be: JPEG (FF D8 FF),
 * PNG (the 8-byte signature), WebP (RIFF….WEBP); null for anything else.
 */
export function imageTypeOf(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return "image/webp";
  }
  return null;
}

/** The size to draw a `width` × `height` picture at so that its longer side is at most `maxSide` (never enlarged). */
export function fitWithin(width: number, height: number, maxSide = PHOTO_MAX_SIDE): { width: number; height: number } {
  const longer = Math.max(width, height);
  if (longer <= maxSide) return { width, height };
  const scale = maxSide / longer;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
