// Factories that insert a valid record and its parents from a few overrides, so a test states only what
// matters to it (after Outline's server/test/factories.ts).

import { randomBytes } from "node:crypto";
import {
  addressKey,
  addressSortKey,
  type ChangeNotice,
  RECORDED_STAGES,
  type Role,
  STAGE_DATE_FIELD,
} from "@jiati/shared";
import request from "supertest";
import { hashPassword } from "../auth/passwords";
import type { Db } from "../core/db";
import { areas, buildings, stageEvents, targets, users, zones } from "../core/db/schema";
import { XHR } from "./harness";

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
};

const unique = () => randomBytes(4).toString("hex");

/**
 * Where a factory writes: a test app (its database, and its change hub, told of the write as a service
 * would, so cached reads see it) or a bare database (nothing is cached on it).
 */
export type Place = Db | { db: Db; hub: { committed(change: ChangeNotice): void } };

const dbOf = (place: Place): Db => ("hub" in place ? place.db : place);
const announce = (place: Place, change: ChangeNotice) => {
  if ("hub" in place) place.hub.committed(change);
};

export async function buildZone(place: Place, overrides: Partial<typeof zones.$inferInsert> = {}) {
  const [zone] = await dbOf(place)
    .insert(zones)
    .values({ name: `片区-${unique()}`, ...overrides })
    .returning();
  announce(place, { kind: "structure" });
  return zone as typeof zones.$inferSelect;
}

export async function buildArea(place: Place, overrides: Partial<typeof areas.$inferInsert> = {}) {
  const zoneId = overrides.zoneId ?? (await buildZone(place)).id;
  const [area] = await dbOf(place)
    .insert(areas)
    .values({ name: `居民区-${unique()}`, ...overrides, zoneId })
    .returning();
  announce(place, { kind: "structure" });
  return area as typeof areas.$inferSelect;
}

/** Noon in Shanghai on `date`: when a factory's building had that fact recorded. */
const noonOn = (date: string) => new Date(`${date}T12:00:00+08:00`);

/**
 * A building with its event log written as the office would have: listed at the start of its first year (or
 * of 2021), each stage date recorded on its day, its blocker on its blocked-since day (else when listed), its
 * withdrawal on its last stage date (else when listed) — so as-of replays see it as it came about.
 */
export async function buildBuilding(place: Place, overrides: Partial<typeof buildings.$inferInsert> = {}) {
  const db = dbOf(place);
  const areaId = overrides.areaId ?? (await buildArea(place)).id;
  const address = overrides.address ?? `测试路 ${unique()}弄 1号`;
  const listedOn = `${(overrides.signedOn ?? "2021").slice(0, 4)}-01-01`;
  const [building] = await db
    .insert(buildings)
    .values({
      floors: 6,
      households: 24,
      createdAt: noonOn(listedOn),
      ...overrides,
      areaId,
      address,
      addressKey: addressKey(address),
      addressSort: addressSortKey(address),
    })
    .returning();
  if (!building) throw new Error("building not inserted");
  const base = { buildingId: building.id, reason: "" };
  const events: (typeof stageEvents.$inferInsert)[] = [];
  for (const stage of RECORDED_STAGES) {
    const date = building[STAGE_DATE_FIELD[stage]];
    if (date) events.push({ ...base, stage, toDate: date, at: noonOn(date) });
  }
  if (building.blockerCategory) {
    const { blockerCategory, blockerNote, blockedSince } = building;
    const at = blockedSince ? noonOn(blockedSince) : building.createdAt;
    events.push({ ...base, stage: "blocker", blockerCategory, blockerNote, blockedSince, at });
  }
  if (building.withdrawn) {
    const last = building.completedOn ?? building.startedOn ?? building.signedOn;
    events.push({ ...base, stage: "withdrawn", withdrawn: true, at: last ? noonOn(last) : building.createdAt });
  }
  if (events.length) await db.insert(stageEvents).values(events);
  announce(place, { kind: "building", id: building.id, areaId });
  return building;
}

export async function buildUser(
  place: Place,
  role: Role,
  overrides: Partial<typeof users.$inferInsert> = {},
): Promise<typeof users.$inferSelect> {
  const [user] = await dbOf(place)
    .insert(users)
    .values({
      username: `${role}-${unique()}`,
      displayName: `测试${role}`,
      role,
      passwordHash: await testPasswordHash(),
      ...overrides,
    })
    .returning();
  if (!user) throw new Error("user not inserted");
  announce(place, { kind: "users", id: user.id });
  return user;
}

export async function buildTarget(place: Place, values: typeof targets.$inferInsert) {
  const [target] = await dbOf(place).insert(targets).values(values).returning();
  announce(place, { kind: "targets" });
  return target;
}

/** A supertest agent holding a session of `username`. */
export async function loginAs(app: Parameters<typeof request.agent>[0], username: string) {
  const agent = request.agent(app);
  const response = await agent.post("/api/session").set(XHR).send({ username, password: TEST_PASSWORD });
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${response.text}`);
  return agent;
}
