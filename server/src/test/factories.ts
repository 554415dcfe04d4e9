// Factories that insert a valid record and its parents from a few overrides, so a test states only what
// matters to it (after Outline's server/test/factories.ts).

import { randomBytes } from "node:crypto";
import { addressKey, RECORDED_STAGES, type Role, STAGE_DATE_FIELD } from "@jiati/shared";
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

export async function buildZone(db: Db, overrides: Partial<typeof zones.$inferInsert> = {}) {
  const [zone] = await db
    .insert(zones)
    .values({ name: `片区-${unique()}`, ...overrides })
    .returning();
  return zone;
}

export async function buildArea(db: Db, overrides: Partial<typeof areas.$inferInsert> = {}) {
  const zoneId = overrides.zoneId ?? (await buildZone(db)).id;
  const [area] = await db
    .insert(areas)
    .values({ name: `居民区-${unique()}`, ...overrides, zoneId })
    .returning();
  return area;
}

export async function buildBuilding(db: Db, overrides: Partial<typeof buildings.$inferInsert> = {}) {
  const areaId = overrides.areaId ?? (await buildArea(db)).id;
  const address = overrides.address ?? `测试路 ${unique()}弄 1号`;
  const [building] = await db
    .insert(buildings)
    .values({ floors: 6, households: 24, ...overrides, areaId, address, addressKey: addressKey(address) })
    .returning();
  for (const stage of RECORDED_STAGES) {
    const date = building[STAGE_DATE_FIELD[stage]];
    if (date) await db.insert(stageEvents).values({ buildingId: building.id, stage, toDate: date });
  }
  return building;
}

export async function buildUser(
  db: Db,
  role: Role,
  overrides: Partial<typeof users.$inferInsert> = {},
): Promise<typeof users.$inferSelect> {
  const [user] = await db
    .insert(users)
    .values({
      username: `${role}-${unique()}`,
      displayName: `测试${role}`,
      role,
      passwordHash: await testPasswordHash(),
      ...overrides,
    })
    .returning();
  return user;
}

export async function buildTarget(db: Db, values: typeof targets.$inferInsert) {
  const [target] = await db.insert(targets).values(values).returning();
  return target;
}

/** A supertest agent holding a session of `username`. */
export async function loginAs(app: Parameters<typeof request.agent>[0], username: string) {
  const agent = request.agent(app);
  const response = await agent.post("/api/session").set(XHR).send({ username, password: TEST_PASSWORD });
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${response.text}`);
  return agent;
}
