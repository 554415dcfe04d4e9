// The authorisation matrix (docs/DOMAIN.md § Roles): every route × {anonymous, task force, secretary of this area,
// secretary of another area, leader} → the expected status; nothing is written where a request is refused.

import { DEFAULT_AWARD_RULE, XLSX_MIME } from "@jiati/shared";
import { eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockerPhotos, targets, users, yearReviews } from "../core/db/schema";
import { routeDocs } from "../http/route";
import { ledgerRowOf, ledgerWorkbook } from "../ledger/testing";
import { buildArea, buildBuilding, buildUser, buildZone, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";
import { pngImage } from "../test/images";

type Actor = "anonymous" | "taskforce" | "ownSecretary" | "otherSecretary" | "leader";
const ACTORS: Actor[] = ["anonymous", "taskforce", "ownSecretary", "otherSecretary", "leader"];

interface World {
  areaId: number;
  areaName: string;
  otherAreaId: number;
  zoneId: number;
  leaderId: number;
}

interface Case {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** The route as declared, to check that every route is covered. */
  route: string;
  /** Builds the request: a fresh target record for each attempt, so each actor meets version 1. */
  prepare: (
    t: TestApp,
    world: World,
  ) => Promise<{ path: string; body?: object; ifMatch?: number; contentType?: string }>;
  expect: Record<Actor, number>;
}

const READ = { anonymous: 401, taskforce: 200, ownSecretary: 200, otherSecretary: 200, leader: 200 };
const TASKFORCE_READ = { anonymous: 401, taskforce: 200, ownSecretary: 403, otherSecretary: 403, leader: 403 };
const TASKFORCE_WRITE = (ok: number) => ({
  anonymous: 401,
  taskforce: ok,
  ownSecretary: 403,
  otherSecretary: 403,
  leader: 403,
});
const AREA_WRITE = (ok: number) => ({
  anonymous: 401,
  taskforce: ok,
  ownSecretary: ok,
  otherSecretary: 403,
  leader: 403,
});
const PUBLIC = { anonymous: 200, taskforce: 200, ownSecretary: 200, otherSecretary: 200, leader: 200 };

let counter = 0;
const fresh = () => `${Date.now().toString(36)}-${counter++}`;
const staticPath = (path: string) => async () => ({ path });

const CASES: Case[] = [
  { method: "get", route: "/health", prepare: staticPath("/api/health"), expect: PUBLIC },
  { method: "get", route: "/openapi.json", prepare: staticPath("/api/openapi.json"), expect: PUBLIC },
  { method: "get", route: "/live", prepare: staticPath("/api/live"), expect: PUBLIC },
  { method: "get", route: "/session", prepare: staticPath("/api/session"), expect: READ },
  { method: "get", route: "/zones", prepare: staticPath("/api/zones"), expect: READ },
  { method: "get", route: "/areas", prepare: staticPath("/api/areas"), expect: READ },
  { method: "get", route: "/areas/:id", prepare: async (_t, w) => ({ path: `/api/areas/${w.areaId}` }), expect: READ },
  { method: "get", route: "/buildings", prepare: staticPath("/api/buildings"), expect: READ },
  {
    method: "get",
    route: "/buildings/:id",
    prepare: async (t, w) => ({ path: `/api/buildings/${(await buildBuilding(t, { areaId: w.areaId })).id}` }),
    expect: READ,
  },
  { method: "get", route: "/targets", prepare: staticPath("/api/targets?year=2022"), expect: READ },
  { method: "get", route: "/targets/letters", prepare: staticPath("/api/targets/letters?year=2022"), expect: READ },
  { method: "get", route: "/summary", prepare: staticPath("/api/summary?year=2022"), expect: READ },
  { method: "get", route: "/settings/stall", prepare: staticPath("/api/settings/stall"), expect: READ },
  {
    method: "get",
    route: "/settings/organization",
    prepare: staticPath("/api/settings/organization"),
    expect: READ,
  },
  { method: "get", route: "/report-notes", prepare: staticPath("/api/report-notes?year=2022"), expect: READ },
  { method: "get", route: "/users", prepare: staticPath("/api/users"), expect: TASKFORCE_READ },
  { method: "get", route: "/audit", prepare: staticPath("/api/audit"), expect: TASKFORCE_READ },
  {
    method: "post",
    route: "/buildings",
    prepare: async (_t, w) => ({ path: "/api/buildings", body: { areaId: w.areaId, address: `矩阵路 ${fresh()}号` } }),
    expect: AREA_WRITE(201),
  },
  {
    method: "patch",
    route: "/buildings/:id",
    prepare: async (t, w) => ({
      path: `/api/buildings/${(await buildBuilding(t, { areaId: w.areaId })).id}`,
      body: { notes: "更新备注" },
      ifMatch: 1,
    }),
    expect: AREA_WRITE(200),
  },
  {
    method: "post",
    route: "/buildings/:id/stage",
    prepare: async (t, w) => ({
      path: `/api/buildings/${(await buildBuilding(t, { areaId: w.areaId })).id}/stage`,
      body: { stage: "signed", date: "2022-05-01" },
      ifMatch: 1,
    }),
    expect: AREA_WRITE(200),
  },
  {
    method: "put",
    route: "/targets",
    prepare: async (_t, w) => ({
      path: "/api/targets",
      body: { year: 2022, targets: [{ stage: "signed", areaId: w.areaId, value: 10 + counter++ }] },
    }),
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "put",
    route: "/targets/letters/:areaId",
    prepare: async (_t, w) => ({
      path: `/api/targets/letters/${w.areaId}`,
      body: { year: 2022, zoneLeader: `领导${fresh()}`, secretary: "书记", liaison: "联络员", signedOn: "2022-02-01" },
    }),
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "post",
    route: "/zones",
    prepare: async () => ({ path: "/api/zones", body: { name: `新片区${fresh()}` } }),
    expect: TASKFORCE_WRITE(201),
  },
  {
    method: "patch",
    route: "/zones/:id",
    prepare: async (_t, w) => ({ path: `/api/zones/${w.zoneId}`, body: { name: `改名片区${fresh()}` } }),
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "post",
    route: "/areas",
    prepare: async (_t, w) => ({ path: "/api/areas", body: { name: `新居民区${fresh()}`, zoneId: w.zoneId } }),
    expect: TASKFORCE_WRITE(201),
  },
  {
    method: "patch",
    route: "/areas/:id",
    prepare: async (t) => ({
      path: `/api/areas/${(await buildArea(t)).id}`,
      body: { name: `改名居民区${fresh()}` },
    }),
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "post",
    route: "/users",
    prepare: async () => ({
      path: "/api/users",
      body: { username: `u${fresh()}`, displayName: "新账号", role: "leader", password: "long-enough-pw" },
    }),
    expect: TASKFORCE_WRITE(201),
  },
  {
    method: "patch",
    route: "/users/:id",
    prepare: async (t) => ({
      path: `/api/users/${(await buildUser(t, "leader")).id}`,
      body: { displayName: "改名" },
    }),
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "put",
    route: "/settings/stall",
    prepare: async () => ({
      path: "/api/settings/stall",
      body: { signedDays: 90 + (counter++ % 50), startedDays: 180 },
    }),
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "put",
    route: "/settings/organization",
    prepare: async () => ({
      path: "/api/settings/organization",
      body: { townName: "新泾镇", issuingUnit: `新泾镇加梯专班${counter++ % 9}` },
    }),
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "put",
    route: "/report-notes",
    // A fresh zone's report each time: every actor meets version 0.
    prepare: async (t) => ({
      path: `/api/report-notes?year=2022&zoneId=${(await buildZone(t)).id}`,
      body: { nextSteps: "下一步：加快审批" },
      ifMatch: 0,
    }),
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "post",
    route: "/session/password",
    prepare: async () => ({
      path: "/api/session/password",
      body: { currentPassword: "not-the-password", newPassword: "whatever-123" },
    }),
    // Every role may change its own password; a wrong current password is a 400, not a refusal.
    expect: { anonymous: 401, taskforce: 400, ownSecretary: 400, otherSecretary: 400, leader: 400 },
  },
  { method: "get", route: "/export/buildings.xlsx", prepare: staticPath("/api/export/buildings.xlsx"), expect: READ },
  { method: "get", route: "/import/template.xlsx", prepare: staticPath("/api/import/template.xlsx"), expect: READ },
  {
    method: "post",
    route: "/import/buildings",
    prepare: async (_t, w) => ({
      path: "/api/import/buildings",
      body: await ledgerWorkbook([ledgerRowOf({ areaId: w.areaName, address: `导入路 ${fresh()}号` })]),
      contentType: XLSX_MIME,
    }),
    // Another area's secretary gets a preview whose rows are errors (see ledger/import.test.ts); leaders may not.
    expect: { anonymous: 401, taskforce: 201, ownSecretary: 201, otherSecretary: 201, leader: 403 },
  },
  ...(["rows", "errors"] as const).map(
    (page): Case => ({
      method: "get",
      route: `/import/buildings/:token/${page}`,
      prepare: async (t, w) => {
        // A preview uploaded by the task force: only its uploader may read its pages.
        const [uploader] = await t.db.select().from(users).where(eq(users.role, "taskforce"));
        const agent = await loginAs(t.app, uploader.username);
        const file = await ledgerWorkbook([ledgerRowOf({ areaId: w.areaName, address: `分页路 ${fresh()}号` })]);
        const preview = await agent.post("/api/import/buildings").set(XHR).set("Content-Type", XLSX_MIME).send(file);
        return { path: `/api/import/buildings/${preview.body.token}/${page}` };
      },
      expect: { anonymous: 401, taskforce: 200, ownSecretary: 403, otherSecretary: 403, leader: 403 },
    }),
  ),
  {
    method: "post",
    route: "/import/buildings/commit",
    prepare: async (t, w) => {
      // A preview uploaded by the task force: only its uploader may commit it.
      const [uploader] = await t.db.select().from(users).where(eq(users.role, "taskforce"));
      const agent = await loginAs(t.app, uploader.username);
      const file = await ledgerWorkbook([ledgerRowOf({ areaId: w.areaName, address: `提交路 ${fresh()}号` })]);
      const preview = await agent.post("/api/import/buildings").set(XHR).set("Content-Type", XLSX_MIME).send(file);
      return { path: "/api/import/buildings/commit", body: { token: preview.body.token } };
    },
    expect: { anonymous: 401, taskforce: 200, ownSecretary: 403, otherSecretary: 403, leader: 403 },
  },
];

/** A blocked building of the world's area, for the supervision routes. */
const blockedBuilding = (t: TestApp, w: World) =>
  buildBuilding(t, { areaId: w.areaId, blockerCategory: "funding", blockedSince: "2022-06-01" });

/** Blocker supervision and areas' status lines (docs/DOMAIN.md § Blocker supervision). */
const SUPERVISION_CASES: Case[] = [
  {
    method: "get",
    route: "/buildings/:id/blocker/notes",
    prepare: async (t, w) => ({ path: `/api/buildings/${(await blockedBuilding(t, w)).id}/blocker/notes` }),
    expect: READ,
  },
  {
    method: "post",
    route: "/buildings/:id/blocker/notes",
    prepare: async (t, w) => ({
      path: `/api/buildings/${(await blockedBuilding(t, w)).id}/blocker/notes`,
      body: { text: "上门沟通" },
    }),
    expect: AREA_WRITE(201),
  },
  {
    method: "post",
    route: "/buildings/:id/blocker/photos",
    prepare: async (t, w) => ({
      path: `/api/buildings/${(await blockedBuilding(t, w)).id}/blocker/photos`,
      body: pngImage(),
      contentType: "image/png",
    }),
    expect: AREA_WRITE(201),
  },
  {
    method: "get",
    route: "/photos/:id",
    prepare: async (t, w) => {
      const building = await blockedBuilding(t, w);
      const data = pngImage();
      const [photo] = await t.db
        .insert(blockerPhotos)
        .values({
          buildingId: building.id,
          blockedSince: "2022-06-01",
          contentType: "image/png",
          bytes: data.length,
          data,
        })
        .returning();
      return { path: `/api/photos/${photo?.id}` };
    },
    expect: READ,
  },
  { method: "get", route: "/blockers", prepare: staticPath("/api/blockers?overdue=true"), expect: READ },
  {
    method: "get",
    route: "/areas/:id/blocker-owners",
    prepare: async (_t, w) => ({ path: `/api/areas/${w.areaId}/blocker-owners` }),
    // Asked by those who choose an owner: who may supervise the area.
    expect: { anonymous: 401, taskforce: 200, ownSecretary: 200, otherSecretary: 403, leader: 403 },
  },
  {
    method: "post",
    route: "/areas/:id/status",
    prepare: async (_t, w) => ({ path: `/api/areas/${w.areaId}/status`, body: { text: `本周协调 ${fresh()}` } }),
    expect: AREA_WRITE(201),
  },
  { method: "get", route: "/area-statuses", prepare: staticPath("/api/area-statuses"), expect: READ },
  {
    method: "get",
    route: "/areas/:id/statuses",
    prepare: async (_t, w) => ({ path: `/api/areas/${w.areaId}/statuses` }),
    expect: READ,
  },
];
CASES.push(...SUPERVISION_CASES);

/**
 * The year's stored review put in `state` at version 1 (docs/DOMAIN.md § Year-end review), with a target in 2012
 * so the years from then on have something to review.
 */
async function reviewOf(t: TestApp, year: number, state: "draft" | "confirmed") {
  await t.db.insert(targets).values({ year: 2012, stage: "signed", value: 1 }).onConflictDoNothing();
  await t.db.delete(yearReviews).where(eq(yearReviews.year, year));
  const town = { actual: 0, target: null, percent: null, met: null };
  await t.db.insert(yearReviews).values({
    year,
    rule: DEFAULT_AWARD_RULE,
    overrides: [],
    ...(state === "confirmed"
      ? {
          status: "confirmed",
          frozen: {
            asOf: `${year}-12-31`,
            rows: [],
            town: { signed: town, started: town, completed: town },
            confirmedBy: "专班",
          },
          confirmedAt: t.clock.now(),
        }
      : {}),
  });
  return { path: `/api/reviews/${year}`, ifMatch: 1 };
}

/** The year-end review: the task force writes; leaders read a draft, secretaries only a confirmed one. */
const REVIEW_CASES: Case[] = [
  { method: "get", route: "/reviews", prepare: staticPath("/api/reviews"), expect: READ },
  {
    method: "get",
    route: "/reviews/:year",
    prepare: async (t) => reviewOf(t, 2017, "draft"),
    expect: { anonymous: 401, taskforce: 200, ownSecretary: 403, otherSecretary: 403, leader: 200 },
  },
  {
    method: "put",
    route: "/reviews/:year",
    prepare: async (t) => ({
      ...(await reviewOf(t, 2016, "draft")),
      body: { rule: { ...DEFAULT_AWARD_RULE, excellentCount: 3 }, overrides: [] },
    }),
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "post",
    route: "/reviews/:year/confirm",
    prepare: async (t) => {
      const { path, ifMatch } = await reviewOf(t, 2015, "draft");
      return { path: `${path}/confirm`, ifMatch };
    },
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "post",
    route: "/reviews/:year/reopen",
    prepare: async (t) => {
      const { path, ifMatch } = await reviewOf(t, 2014, "confirmed");
      return { path: `${path}/reopen`, ifMatch, body: { reason: "重新评议" } };
    },
    expect: TASKFORCE_WRITE(200),
  },
];
CASES.push(...REVIEW_CASES);

/** Each engine's app has its own task force member who generates the briefings. */
const briefingAuthors = new WeakMap<TestApp, Promise<Awaited<ReturnType<typeof buildUser>>>>();

/** A draft briefing of a zone of its own (one briefing per scope and week), generated by the task force. */
async function draftBriefing(t: TestApp, issued = false): Promise<{ id: number; version: number }> {
  if (!briefingAuthors.has(t)) briefingAuthors.set(t, buildUser(t, "taskforce"));
  const { id, username, displayName, role, areaId, zoneId } = await (briefingAuthors.get(t) as ReturnType<
    typeof buildUser
  >);
  const user = { id, username, displayName, role: role as "taskforce", areaId, zoneId };
  const ctx = { user, requestId: "matrix", today: t.clock.today(), now: t.clock.now() };
  const draft = await t.services.briefings.create(ctx, { zoneId: (await buildZone(t)).id });
  return issued ? t.services.briefings.issue(ctx, draft.id, draft.version) : draft;
}

const BRIEFING_READ = { anonymous: 401, taskforce: 200, ownSecretary: 403, otherSecretary: 403, leader: 200 };

/** Weekly briefings (docs/DOMAIN.md § Weekly briefing): the task force writes; leaders read issued ones. */
const BRIEFING_CASES: Case[] = [
  { method: "get", route: "/briefings", prepare: staticPath("/api/briefings"), expect: BRIEFING_READ },
  {
    method: "post",
    route: "/briefings",
    // A zone of its own each time: one briefing per scope and week.
    prepare: async (t) => ({ path: "/api/briefings", body: { zoneId: (await buildZone(t)).id } }),
    expect: TASKFORCE_WRITE(201),
  },
  {
    method: "get",
    route: "/briefings/:id",
    // A draft: the leader of the matrix has no zone, and reads issued briefings only.
    prepare: async (t) => ({ path: `/api/briefings/${(await draftBriefing(t)).id}` }),
    expect: { ...BRIEFING_READ, leader: 403 },
  },
  {
    method: "get",
    route: "/briefings/:id.docx",
    prepare: async (t) => ({ path: `/api/briefings/${(await draftBriefing(t, true)).id}.docx` }),
    expect: BRIEFING_READ,
  },
  {
    method: "patch",
    route: "/briefings/:id",
    prepare: async (t) => {
      const { id, version } = await draftBriefing(t);
      return { path: `/api/briefings/${id}`, body: { nextSteps: "督办" }, ifMatch: version };
    },
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "post",
    route: "/briefings/:id/regenerate",
    prepare: async (t) => {
      const { id, version } = await draftBriefing(t);
      return { path: `/api/briefings/${id}/regenerate`, body: {}, ifMatch: version };
    },
    expect: TASKFORCE_WRITE(200),
  },
  {
    method: "post",
    route: "/briefings/:id/issue",
    prepare: async (t) => {
      const { id, version } = await draftBriefing(t);
      return { path: `/api/briefings/${id}/issue`, ifMatch: version };
    },
    expect: TASKFORCE_WRITE(200),
  },
];
CASES.push(...BRIEFING_CASES);

// Routes covered elsewhere: login/logout (auth.test.ts) and the event stream (stream.test.ts).
const COVERED_ELSEWHERE = ["post /session", "delete /session", "get /stream"];

describe.each(ENGINES)("authorisation matrix on %s", (engine) => {
  let t: TestApp;
  let world: World;
  const agents = {} as Record<Actor, request.Agent | null>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const area = await buildArea(t);
    const otherArea = await buildArea(t);
    const leader = await buildUser(t, "leader");
    world = {
      areaId: area.id,
      areaName: area.name,
      otherAreaId: otherArea.id,
      zoneId: area.zoneId,
      leaderId: leader.id,
    };
    agents.anonymous = null;
    agents.taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    agents.ownSecretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: area.id })).username);
    agents.otherSecretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: otherArea.id })).username);
    agents.leader = await loginAs(t.app, leader.username);
  });
  afterAll(() => t.close());

  it("covers every declared route", () => {
    const declared = routeDocs.map((doc) => `${doc.method} ${doc.path}`).sort();
    const covered = [...CASES.map((c) => `${c.method} ${c.route}`), ...COVERED_ELSEWHERE].sort();
    expect(covered).toEqual(declared);
  });

  for (const testCase of CASES) {
    for (const actor of ACTORS) {
      const expected = testCase.expect[actor];
      it(`${testCase.method.toUpperCase()} ${testCase.route} as ${actor} → ${expected}`, async () => {
        const { path, body, ifMatch, contentType } = await testCase.prepare(t, world);
        const before = expected >= 400 && testCase.method !== "get" ? await databaseFingerprint(t.database) : null;
        const agent = agents[actor];
        const client = agent ?? t.anonymous();
        let req = client[testCase.method](path).set(XHR);
        if (ifMatch != null) req = req.set("If-Match", `"${ifMatch}"`);
        if (contentType) req = req.set("Content-Type", contentType);
        const response = body ? await req.send(body) : await req;
        expect(response.status, JSON.stringify(response.body)).toBe(expected);
        if (expected >= 400) expect(response.body.error?.code).toBeTypeOf("string");
        if (before) expect(await databaseFingerprint(t.database)).toEqual(before);
      });
    }
  }

  it("checks the role before the input: a malformed request from a role that may not call the route gets 403", async () => {
    for (const testCase of CASES) {
      if (testCase.method === "get" || testCase.route === "/session/password") continue;
      // Secretaries are refused by role on task-force routes; on the import commit, by whose preview it is.
      const byRole: Actor[] = testCase.route === "/import/buildings/commit" ? ["leader"] : ["ownSecretary", "leader"];
      for (const actor of byRole) {
        if (testCase.expect[actor] !== 403) continue;
        const { path } = await testCase.prepare(t, world);
        const before = await databaseFingerprint(t.database);
        const response = await (agents[actor] as request.Agent)
          [testCase.method](path)
          .set(XHR)
          .set("If-Match", "not-a-version")
          .send({ unexpected: ["field"], year: "never" });
        expect(
          response.status,
          `${testCase.method} ${testCase.route} as ${actor}: ${JSON.stringify(response.body)}`,
        ).toBe(403);
        expect(await databaseFingerprint(t.database)).toEqual(before);
      }
    }
  });

  it("refuses a secretary moving a building of their area into another area", async () => {
    const building = await buildBuilding(t, { areaId: world.areaId });
    const before = await databaseFingerprint(t.database);
    const response = await agents.ownSecretary
      ?.patch(`/api/buildings/${building.id}`)
      .set(XHR)
      .set("If-Match", '"1"')
      .send({ areaId: world.otherAreaId });
    expect(response?.status).toBe(403);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("refuses a secretary creating a building in another area", async () => {
    const response = await agents.ownSecretary
      ?.post("/api/buildings")
      .set(XHR)
      .send({ areaId: world.otherAreaId, address: `越权路 ${fresh()}号` });
    expect(response?.status).toBe(403);
  });
});
