// Property-based fuzzing of every write route with hostile input (fixed seed, 1,000 refused
// requests per route and engine). Each must be answered 4xx in the API's error shape — never 5xx — and leave
// every table as it was. Accepted text with injection strings and unusual Unicode must be stored as sent, less
// its invisible characters (cleanText).

import type http from "node:http";
import type { AddressInfo } from "node:net";
import {
  changePasswordSchema,
  cleanText,
  createAreaSchema,
  createBuildingSchema,
  createUserSchema,
  createZoneSchema,
  idSchema,
  loginSchema,
  patchAreaSchema,
  patchBuildingSchema,
  patchUserSchema,
  patchZoneSchema,
  putLetterSchema,
  putTargetsSchema,
  stageUpdateSchema,
  stallThresholdsSchema,
} from "@jiati/shared";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildArea, buildBuilding, buildUser, buildZone, TEST_PASSWORD } from "../src/test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp } from "../src/test/harness";
import { listen } from "../src/test/streams";
import { type Body, bodyAsReceived, hostileBody, hostileText, NASTY_STRINGS } from "./support/hostile";
import { Api, type Reply } from "./support/http";

const SEED = 20220615;
const INJECTED_USERNAME = "' OR '1'='1";
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

interface Ids {
  areaId: number;
  zoneId: number;
  buildingId: number;
  secretaryId: number;
}

interface RouteFuzz {
  method: string;
  /** The path with `:id` where the generated path segment goes. */
  path: string;
  schema: z.ZodType;
  valid: (ids: Ids) => fc.Arbitrary<Record<string, unknown>>;
  /** Path segments that name a record which exists, for the oracle. */
  existing?: (ids: Ids) => number;
  ifMatch?: boolean;
  anonymous?: boolean;
  /** Bodies the schema accepts are refused all the same (wrong credentials) — for one username. */
  validShapeRefused?: boolean;
}

const text = (min: number, max: number) => fc.string({ minLength: min, maxLength: max, unit: "grapheme" });
const date = fc.constantFrom("2021-03-01", "2022-01-15", "2022-06-15", null);

const ROUTES: RouteFuzz[] = [
  {
    method: "POST",
    path: "/api/buildings",
    schema: createBuildingSchema,
    valid: (ids) =>
      fc.record(
        {
          areaId: fc.constant(ids.areaId),
          address: text(1, 30),
          estate: text(0, 20),
          floors: fc.integer({ min: 2, max: 40 }),
          households: fc.integer({ min: 0, max: 100 }),
          consentRate: fc.double({ min: 0, max: 100, noNaN: true }),
          signedOn: date,
          notes: text(0, 50),
        },
        { requiredKeys: ["areaId", "address"] },
      ),
  },
  {
    method: "PATCH",
    path: "/api/buildings/:id",
    schema: patchBuildingSchema,
    existing: (ids) => ids.buildingId,
    ifMatch: true,
    valid: () =>
      fc.record({
        notes: text(0, 50),
        floors: fc.integer({ min: 2, max: 40 }),
        blocker: fc.constant({ category: "funding", note: "资金" }),
        withdrawn: fc.boolean(),
        reason: text(1, 20),
      }),
  },
  {
    method: "POST",
    path: "/api/buildings/:id/stage",
    schema: stageUpdateSchema,
    existing: (ids) => ids.buildingId,
    ifMatch: true,
    valid: () => fc.record({ stage: fc.constantFrom("signed", "started", "completed"), date, reason: text(0, 20) }),
  },
  {
    method: "PUT",
    path: "/api/targets",
    schema: putTargetsSchema,
    valid: (ids) =>
      fc.record({
        year: fc.integer({ min: 2011, max: 2100 }),
        targets: fc.array(
          fc.record({
            stage: fc.constantFrom("signed", "started", "completed"),
            areaId: fc.constantFrom(ids.areaId, null),
            value: fc.integer({ min: 0, max: 500 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
  },
  {
    method: "POST",
    path: "/api/users",
    schema: createUserSchema,
    valid: () =>
      fc.record({
        username: fc.stringMatching(/^[a-z][a-z0-9_.-]{2,20}$/),
        displayName: text(1, 20),
        role: fc.constant("taskforce"),
        password: fc.constant("a-long-password"),
      }),
  },
  {
    method: "PATCH",
    path: "/api/users/:id",
    schema: patchUserSchema,
    existing: (ids) => ids.secretaryId,
    valid: () => fc.record({ displayName: text(1, 20), disabled: fc.boolean() }),
  },
  { method: "POST", path: "/api/zones", schema: createZoneSchema, valid: () => fc.record({ name: text(1, 20) }) },
  {
    method: "PATCH",
    path: "/api/zones/:id",
    schema: patchZoneSchema,
    existing: (ids) => ids.zoneId,
    valid: () => fc.record({ name: text(1, 20) }),
  },
  {
    method: "POST",
    path: "/api/areas",
    schema: createAreaSchema,
    valid: (ids) => fc.record({ name: text(1, 20), zoneId: fc.constant(ids.zoneId) }),
  },
  {
    method: "PATCH",
    path: "/api/areas/:id",
    schema: patchAreaSchema,
    existing: (ids) => ids.areaId,
    valid: (ids) => fc.record({ name: text(1, 20), zoneId: fc.constant(ids.zoneId) }),
  },
  {
    method: "PUT",
    path: "/api/targets/letters/:id",
    schema: putLetterSchema,
    existing: (ids) => ids.areaId,
    valid: () =>
      fc.record({
        year: fc.integer({ min: 2011, max: 2100 }),
        zoneLeader: text(0, 10),
        secretary: text(0, 10),
        liaison: text(0, 10),
        signedOn: date,
      }),
  },
  {
    method: "PUT",
    path: "/api/settings/stall",
    schema: stallThresholdsSchema,
    valid: () =>
      fc.record({ signedDays: fc.integer({ min: 1, max: 3650 }), startedDays: fc.integer({ min: 1, max: 3650 }) }),
  },
  {
    method: "POST",
    path: "/api/session",
    schema: loginSchema,
    anonymous: true,
    validShapeRefused: true,
    // Wrong passwords for one name only: each costs a password hash (scrypt) until, after ten, the rate
    // limit answers at once. Other well-formed logins are skipped.
    valid: () => fc.record({ username: fc.constant(INJECTED_USERNAME), password: fc.string({ minLength: 1 }) }),
  },
  {
    method: "POST",
    path: "/api/session/password",
    schema: changePasswordSchema,
    valid: () => fc.record({ currentPassword: text(1, 20), newPassword: fc.constant("a-new-long-password") }),
  },
];

/** Path segments: the record's own id, ids of nothing, and text that is no id at all (raw, percent-encoded). */
const pathSegment = (own: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(String(own)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "0",
        "-1",
        "1.5",
        "abc",
        "1e0",
        "0x1",
        "%201",
        "%00",
        "%E0%A4%A",
        "%F0%9F%98%80",
        "99999999999999999999",
        "2147483648",
        "NaN",
        "Infinity",
        "1%3Bdrop%20table%20buildings",
        "%3Cscript%3E",
        "999999",
      ),
    },
  );

const ifMatchHeader = fc.option(
  fc.constantFrom('"1"', "1", 'W/"1"', '"2"', '"0"', "*", '"abc"', "-1", '"9999999999"', '"1", "2"', "W/1", ""),
  { freq: 4 },
);

interface Case {
  segment: string | null;
  ifMatch: string | null;
  body: Body;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text PostgreSQL cannot store as sent (NUL, lone surrogates), which the API refuses. */
function unstorable(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000") || LONE_SURROGATE.test(value);
  if (!value || typeof value !== "object" || depth > 8) return false;
  return Object.entries(value).some(([key, child]) => unstorable(key) || unstorable(child, depth + 1));
}

/** Whether the server may rightly accept this request (then it is not a hostile case, and is skipped). */
function acceptable(route: RouteFuzz, ids: Ids, c: Case): boolean {
  if (route.existing && c.segment !== null) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(c.segment);
    } catch {
      return false;
    }
    const id = idSchema.safeParse(decoded);
    if (!id.success || id.data !== route.existing(ids)) return false;
  }
  if (route.ifMatch) {
    const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec((c.ifMatch ?? "").trim());
    if (!c.ifMatch || !match || Number(match[1]) !== 1) return false;
  }
  const received = bodyAsReceived(c.body);
  if (received === "unparsable" || unstorable(received)) return false;
  const parsed = route.schema.safeParse(received);
  if (!parsed.success) return false;
  if (!route.validShapeRefused) return true;
  return (parsed.data as { username?: string }).username !== INJECTED_USERNAME;
}

function caseArbitrary(route: RouteFuzz, ids: Ids, keys: string[]): fc.Arbitrary<Case> {
  return fc.record({
    segment: route.existing ? pathSegment(route.existing(ids)) : fc.constant(null),
    ifMatch: route.ifMatch ? ifMatchHeader : fc.constant(null),
    body: hostileBody(route.valid(ids), keys),
  });
}

function isErrorShape(reply: Reply): boolean {
  const error = reply.body?.error;
  return typeof error?.code === "string" && typeof error?.message === "string" && error.message.length > 0;
}

describe.each(ENGINES)("hostile input on %s", (engine) => {
  let t: TestApp;
  let server: http.Server;
  let taskforce: Api;
  let anonymous: Api;
  let ids: Ids;
  const counts: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
    const zone = await buildZone(t);
    const area = await buildArea(t, { zoneId: zone.id });
    const building = await buildBuilding(t, { areaId: area.id });
    const secretary = await buildUser(t, "secretary", { areaId: area.id });
    const admin = await buildUser(t, "taskforce");
    ids = { areaId: area.id, zoneId: zone.id, buildingId: building.id, secretaryId: secretary.id };
    server = await listen(t.app);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    taskforce = new Api(url, { connections: 4 });
    anonymous = new Api(url, { connections: 4 });
    await taskforce.login(admin.username, TEST_PASSWORD);
  });
  afterAll(async () => {
    console.log(`hostile requests refused on ${engine}:\n${counts.join("\n")}`);
    taskforce?.close();
    anonymous?.close();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "refuses hostile %s with a 4xx in the error shape and writes nothing",
    async (name, route) => {
      const keys = Object.keys((route.schema as unknown as { shape?: object }).shape ?? {});
      const fieldKeys = keys.length ? keys : Object.keys(fc.sample(route.valid(ids), { seed: SEED, numRuns: 1 })[0]);
      const before = await databaseFingerprint(t.database);
      const statuses = new Map<number, number>();
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(caseArbitrary(route, ids, fieldKeys), async (c) => {
          fc.pre(!acceptable(route, ids, c));
          const api = route.anonymous ? anonymous : taskforce;
          const path = route.path.replace(":id", c.segment ?? "");
          const headers: Record<string, string> = {};
          if (c.ifMatch !== null) headers["If-Match"] = c.ifMatch;
          const reply =
            c.body.kind === "json"
              ? await api.send(route.method, path, { raw: JSON.stringify(c.body.value) ?? "", headers })
              : await api.send(route.method, path, {
                  raw: c.body.text,
                  headers: { ...headers, "Content-Type": c.body.contentType },
                });
          cases++;
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          expect(reply.status, `${route.method} ${path} ${reply.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          expect(reply.status, `${route.method} ${path} ${reply.text.slice(0, 300)}`).toBeLessThan(500);
          expect(isErrorShape(reply), reply.text.slice(0, 300)).toBe(true);
        }),
        { seed: SEED, numRuns: RUNS, maxSkipsPerRun: 1000 },
      );
      expect(cases).toBeGreaterThanOrEqual(RUNS);
      expect(await databaseFingerprint(t.database), "no table changed").toEqual(before);
      const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
      counts.push(`  ${name}: ${cases} cases (${byStatus.join(", ")})`);
    },
  );

  it("stores accepted injection strings and unusual Unicode as plain text, as sent less invisible characters", async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...NASTY_STRINGS), hostileText, fc.string({ unit: "binary", maxLength: 50 })),
        async (notes) => {
          const body = { areaId: ids.areaId, address: `注入测试路 ${cases++}号`, notes };
          const valid = createBuildingSchema.safeParse(body).success && !unstorable(body);
          const reply = await taskforce.post("/api/buildings", body);
          if (!valid) {
            expect(reply.status, reply.text.slice(0, 300)).toBe(400);
            expect(isErrorShape(reply)).toBe(true);
            return;
          }
          expect(reply.status, reply.text.slice(0, 300)).toBe(201);
          const stored = await taskforce.get(`/api/buildings/${reply.body.id}`);
          expect(stored.body.building.notes).toBe(cleanText(notes));
        },
      ),
      { seed: SEED, numRuns: Math.min(RUNS, 200) },
    );
    counts.push(`  stored verbatim (POST /api/buildings notes): ${cases} cases`);
  });
});
