// For every route, requests that draw each status a reader of the document can meet: the success, bad input
// (400), a role or area that may not (403), an unknown id (404), a stale version or a taken name (409). The
// anonymous 401 and the 403 without X-Requested-With are derived from the success by openapi.test.ts.

import { XLSX_MIME } from "@jiati/shared";
import { buildArea, buildBuilding, buildUser, buildZone, TEST_PASSWORD } from "../test/factories";
import { BRIEFING_CASES } from "./briefing-exchanges";
import { REVIEW_CASES } from "./review-exchanges";
import { SUPERVISION_CASES } from "./supervision-exchanges";
import {
  type Actor,
  type Context,
  fresh,
  freshSession,
  ledgerFile,
  newBuilding,
  newPreview,
  preview,
  serial,
  usedKey,
} from "./world";

type Method = "get" | "post" | "put" | "patch" | "delete";

/** What varies between a route's requests; the method and route are the table's. */
export interface Request {
  path: string;
  json?: unknown;
  file?: { type: string; data: Buffer };
  ifMatch?: string;
  idempotencyKey?: string;
  /** Instead of the actor's own session (a fresh one, to end or to stream on). */
  session?: string;
  /** Done once the answer is in (closing a stream held open for the request). */
  after?: () => Promise<void>;
}

export interface Scenario {
  status: number;
  as: Actor;
  /** Why the answer has that status, for the test's messages. */
  why: string;
  request: (ctx: Context) => Promise<Request>;
}

export interface RouteCases {
  method: Method;
  /** As declared, e.g. `/buildings/:id`. */
  route: string;
  scenarios: Scenario[];
}

/** An id no record has. */
const UNKNOWN = 2_000_000_000;

const at = (path: string) => async (): Promise<Request> => ({ path });
const ok = (as: Actor, request: Scenario["request"], status = 200, why = "a valid request"): Scenario => ({
  status,
  as,
  why,
  request,
});
const scenario = (status: number, as: Actor, why: string, request: Scenario["request"]): Scenario => ({
  status,
  as,
  why,
  request,
});

/** The requests of the two pages of an import preview. */
function previewPage(page: "rows" | "errors"): RouteCases {
  const path = (token: string, query = "") => `/api/import/buildings/${token}/${page}${query}`;
  return {
    method: "get",
    route: `/import/buildings/:token/${page}`,
    scenarios: [
      ok("taskforce", async (ctx) => ({ path: path(await preview(ctx)) })),
      ok(
        "otherSecretary",
        async (ctx) => ({ path: path(await preview(ctx, "otherSecretary"), "?limit=10") }),
        200,
        "a preview whose row is an error",
      ),
      scenario(400, "taskforce", "a limit of 0", async (ctx) => ({ path: path(await preview(ctx), "?limit=0") })),
      scenario(403, "leader", "leaders may not import", async (ctx) => ({ path: path(await preview(ctx)) })),
      scenario(403, "secretary", "someone else's preview", async (ctx) => ({ path: path(await preview(ctx)) })),
      scenario(404, "taskforce", "an unknown token", at(path("no-such-preview"))),
    ],
  };
}

export const ROUTE_CASES: RouteCases[] = [
  {
    method: "get",
    route: "/health",
    scenarios: [
      ok("anonymous", at("/api/health?deep=true")),
      scenario(400, "anonymous", "deep is neither true nor false", at("/api/health?deep=maybe")),
    ],
  },
  { method: "get", route: "/live", scenarios: [ok("anonymous", at("/api/live"))] },
  { method: "get", route: "/openapi.json", scenarios: [ok("anonymous", at("/api/openapi.json"))] },
  { method: "get", route: "/session", scenarios: [ok("leader", at("/api/session"))] },
  {
    method: "post",
    route: "/session",
    scenarios: [
      ok("anonymous", async ({ world }) => ({
        path: "/api/session",
        json: { username: world.users.leader.username, password: TEST_PASSWORD },
      })),
      scenario(400, "anonymous", "no username", async () => ({ path: "/api/session", json: { password: "x" } })),
      scenario(401, "anonymous", "a wrong password", async ({ world }) => ({
        path: "/api/session",
        json: { username: world.users.leader.username, password: "not-the-password" },
      })),
    ],
  },
  {
    method: "delete",
    route: "/session",
    scenarios: [ok("taskforce", async (ctx) => ({ path: "/api/session", session: await freshSession(ctx) }), 204)],
  },
  {
    method: "post",
    route: "/session/password",
    scenarios: [
      ok(
        "leader",
        async (ctx) => ({
          path: "/api/session/password",
          session: await freshSession(ctx, "leader"),
          json: { currentPassword: TEST_PASSWORD, newPassword: "another-long-password" },
        }),
        204,
      ),
      scenario(400, "taskforce", "a wrong current password", async () => ({
        path: "/api/session/password",
        json: { currentPassword: "not-the-password", newPassword: "another-long-password" },
      })),
    ],
  },
  { method: "get", route: "/zones", scenarios: [ok("leader", at("/api/zones"))] },
  {
    method: "get",
    route: "/areas",
    scenarios: [
      ok("secretary", at("/api/areas")),
      ok("secretary", async ({ world }) => ({ path: `/api/areas?zoneId=${world.zoneId}` })),
      scenario(400, "secretary", "a zoneId that is no id", at("/api/areas?zoneId=abc")),
    ],
  },
  {
    method: "get",
    route: "/areas/:id",
    scenarios: [
      ok("leader", async ({ world }) => ({ path: `/api/areas/${world.areaId}` })),
      scenario(400, "leader", "an id that is no number", at("/api/areas/abc")),
      scenario(404, "leader", "an unknown area", at(`/api/areas/${UNKNOWN}`)),
    ],
  },
  {
    method: "post",
    route: "/zones",
    scenarios: [
      ok("taskforce", async () => ({ path: "/api/zones", json: { name: `片区${fresh()}` } }), 201),
      scenario(400, "taskforce", "an empty name", async () => ({ path: "/api/zones", json: { name: "" } })),
      scenario(403, "secretary", "task force only", async () => ({
        path: "/api/zones",
        json: { name: `片区${fresh()}` },
      })),
      scenario(409, "taskforce", "a zone of that name exists", async ({ t }) => ({
        path: "/api/zones",
        json: { name: (await buildZone(t)).name },
      })),
    ],
  },
  {
    method: "patch",
    route: "/zones/:id",
    scenarios: [
      ok("taskforce", async ({ t }) => ({
        path: `/api/zones/${(await buildZone(t)).id}`,
        json: { name: `改名${fresh()}` },
      })),
      scenario(400, "taskforce", "an empty name", async ({ world }) => ({
        path: `/api/zones/${world.zoneId}`,
        json: { name: "" },
      })),
      scenario(403, "leader", "task force only", async ({ world }) => ({
        path: `/api/zones/${world.zoneId}`,
        json: { name: `改名${fresh()}` },
      })),
      scenario(404, "taskforce", "an unknown zone", async () => ({
        path: `/api/zones/${UNKNOWN}`,
        json: { name: "无" },
      })),
    ],
  },
  {
    method: "post",
    route: "/areas",
    scenarios: [
      ok(
        "taskforce",
        async ({ world }) => ({ path: "/api/areas", json: { name: `居民区${fresh()}`, zoneId: world.zoneId } }),
        201,
      ),
      scenario(400, "taskforce", "no zone", async () => ({ path: "/api/areas", json: { name: `居民区${fresh()}` } })),
      scenario(403, "secretary", "task force only", async ({ world }) => ({
        path: "/api/areas",
        json: { name: `居民区${fresh()}`, zoneId: world.zoneId },
      })),
    ],
  },
  {
    method: "patch",
    route: "/areas/:id",
    scenarios: [
      ok("taskforce", async ({ t }) => ({
        path: `/api/areas/${(await buildArea(t)).id}`,
        json: { name: `改名${fresh()}` },
      })),
      scenario(400, "taskforce", "nothing to change", async ({ world }) => ({
        path: `/api/areas/${world.areaId}`,
        json: {},
      })),
      scenario(403, "secretary", "task force only", async ({ world }) => ({
        path: `/api/areas/${world.areaId}`,
        json: { name: `改名${fresh()}` },
      })),
      scenario(404, "taskforce", "an unknown area", async () => ({
        path: `/api/areas/${UNKNOWN}`,
        json: { name: "无" },
      })),
    ],
  },
  {
    method: "get",
    route: "/buildings",
    scenarios: [
      ok("leader", at("/api/buildings?pageSize=500")),
      ok("secretary", async ({ world }) => ({
        path: `/api/buildings?areaId=${world.areaId}&blocked=true&sort=stalled`,
      })),
      scenario(400, "leader", "a page size of 0", at("/api/buildings?pageSize=0")),
    ],
  },
  {
    method: "get",
    route: "/buildings/:id",
    scenarios: [
      ok("leader", async ({ t, world }) => {
        const building = await buildBuilding(t, { areaId: world.areaId, signedOn: "2022-01-05" });
        return { path: `/api/buildings/${building.id}` };
      }),
      scenario(400, "leader", "an id that is no number", at("/api/buildings/abc")),
      scenario(404, "leader", "an unknown building", at(`/api/buildings/${UNKNOWN}`)),
    ],
  },
  {
    method: "post",
    route: "/buildings",
    scenarios: [
      ok(
        "secretary",
        async ({ world }) => ({
          path: "/api/buildings",
          json: { areaId: world.areaId, address: `契约路 ${fresh()}号`, floors: 7, signedOn: "2022-03-01" },
        }),
        201,
      ),
      scenario(400, "secretary", "an empty address", async ({ world }) => ({
        path: "/api/buildings",
        json: { areaId: world.areaId, address: "" },
      })),
      scenario(403, "leader", "leaders only read", async ({ world }) => ({
        path: "/api/buildings",
        json: { areaId: world.areaId, address: `契约路 ${fresh()}号` },
      })),
      scenario(403, "otherSecretary", "another area's building", async ({ world }) => ({
        path: "/api/buildings",
        json: { areaId: world.areaId, address: `契约路 ${fresh()}号` },
      })),
      scenario(409, "secretary", "the address is registered", async (ctx) => ({
        path: "/api/buildings",
        json: { areaId: ctx.world.areaId, address: (await newBuilding(ctx)).address },
      })),
    ],
  },
  {
    method: "patch",
    route: "/buildings/:id",
    scenarios: [
      ok("secretary", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}`,
        ifMatch: '"1"',
        json: { blocker: { category: "approval", note: "规划审批中" }, notes: "更新备注" },
      })),
      scenario(400, "secretary", "no If-Match", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}`,
        json: { notes: "更新备注" },
      })),
      scenario(400, "secretary", "an unknown field", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}`,
        ifMatch: '"1"',
        json: { colour: "red" },
      })),
      scenario(403, "leader", "leaders only read", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}`,
        ifMatch: '"1"',
        json: { notes: "更新备注" },
      })),
      scenario(403, "otherSecretary", "another area's building", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}`,
        ifMatch: '"1"',
        json: { notes: "更新备注" },
      })),
      scenario(404, "secretary", "an unknown building", async () => ({
        path: `/api/buildings/${UNKNOWN}`,
        ifMatch: '"1"',
        json: { notes: "更新备注" },
      })),
      scenario(409, "secretary", "a stale version", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}`,
        ifMatch: '"7"',
        json: { notes: "更新备注" },
      })),
      ok("secretary", async (ctx) => {
        const made = { path: `/api/buildings/${(await newBuilding(ctx)).id}`, ifMatch: '"1"', json: { notes: "重发" } };
        return { ...made, idempotencyKey: await usedKey(ctx, "/buildings/:id", { method: "patch", ...made }) };
      }),
      scenario(422, "secretary", "an Idempotency-Key already used on another building", async (ctx) => {
        const made = { path: `/api/buildings/${(await newBuilding(ctx)).id}`, ifMatch: '"1"', json: { notes: "一次" } };
        return {
          path: `/api/buildings/${(await newBuilding(ctx)).id}`,
          ifMatch: '"1"',
          json: { notes: "另一次" },
          idempotencyKey: await usedKey(ctx, "/buildings/:id", { method: "patch", ...made }),
        };
      }),
    ],
  },
  {
    method: "post",
    route: "/buildings/:id/stage",
    scenarios: [
      ok("secretary", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}/stage`,
        ifMatch: '"1"',
        json: { stage: "signed", date: "2022-05-01" },
      })),
      scenario(400, "secretary", "a date after today", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}/stage`,
        ifMatch: '"1"',
        json: { stage: "signed", date: "2022-12-01" },
      })),
      scenario(403, "leader", "leaders only read", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}/stage`,
        ifMatch: '"1"',
        json: { stage: "signed", date: "2022-05-01" },
      })),
      scenario(404, "secretary", "an unknown building", async () => ({
        path: `/api/buildings/${UNKNOWN}/stage`,
        ifMatch: '"1"',
        json: { stage: "signed", date: "2022-05-01" },
      })),
      scenario(409, "secretary", "a stale version", async (ctx) => ({
        path: `/api/buildings/${(await newBuilding(ctx)).id}/stage`,
        ifMatch: '"3"',
        json: { stage: "signed", date: "2022-05-01" },
      })),
      ok("secretary", async (ctx) => {
        const made = {
          path: `/api/buildings/${(await newBuilding(ctx)).id}/stage`,
          ifMatch: '"1"',
          json: { stage: "signed", date: "2022-05-01" },
        };
        return { ...made, idempotencyKey: await usedKey(ctx, "/buildings/:id/stage", { method: "post", ...made }) };
      }),
      scenario(422, "secretary", "an Idempotency-Key already used on another building", async (ctx) => {
        const json = { stage: "signed", date: "2022-05-01" };
        const made = { path: `/api/buildings/${(await newBuilding(ctx)).id}/stage`, ifMatch: '"1"', json };
        return {
          path: `/api/buildings/${(await newBuilding(ctx)).id}/stage`,
          ifMatch: '"1"',
          json,
          idempotencyKey: await usedKey(ctx, "/buildings/:id/stage", { method: "post", ...made }),
        };
      }),
    ],
  },
  {
    method: "get",
    route: "/targets",
    scenarios: [
      ok("leader", at("/api/targets?year=2022")),
      scenario(400, "leader", "a year before the programme", at("/api/targets?year=1900")),
    ],
  },
  {
    method: "put",
    route: "/targets",
    scenarios: [
      ok("taskforce", async ({ world }) => ({
        path: "/api/targets",
        json: {
          year: 2022,
          targets: [
            { stage: "signed", value: 40 },
            { stage: "signed", areaId: world.areaId, value: 10 + serial() },
            { stage: "started", zoneId: world.zoneId, value: 5 },
          ],
        },
      })),
      scenario(400, "taskforce", "no targets", async () => ({
        path: "/api/targets",
        json: { year: 2022, targets: [] },
      })),
      scenario(403, "secretary", "task force only", async () => ({
        path: "/api/targets",
        json: { year: 2022, targets: [{ stage: "signed", value: 40 }] },
      })),
    ],
  },
  {
    method: "get",
    route: "/targets/letters",
    scenarios: [
      ok("leader", at("/api/targets/letters?year=2022")),
      scenario(400, "leader", "a year that is no number", at("/api/targets/letters?year=abc")),
    ],
  },
  {
    method: "put",
    route: "/targets/letters/:areaId",
    scenarios: [
      ok("taskforce", async ({ world }) => ({
        path: `/api/targets/letters/${world.areaId}`,
        json: {
          year: 2022,
          zoneLeader: `领导${fresh()}`,
          secretary: "书记",
          liaison: "联络员",
          signedOn: "2022-02-01",
        },
      })),
      scenario(400, "taskforce", "no year", async ({ world }) => ({
        path: `/api/targets/letters/${world.areaId}`,
        json: { zoneLeader: "领导", secretary: "书记", liaison: "联络员", signedOn: null },
      })),
      scenario(403, "leader", "task force only", async ({ world }) => ({
        path: `/api/targets/letters/${world.areaId}`,
        json: { year: 2022, zoneLeader: "领导", secretary: "书记", liaison: "联络员", signedOn: null },
      })),
      scenario(404, "taskforce", "an unknown area", async () => ({
        path: `/api/targets/letters/${UNKNOWN}`,
        json: { year: 2022, zoneLeader: "领导", secretary: "书记", liaison: "联络员", signedOn: null },
      })),
    ],
  },
  {
    method: "get",
    route: "/summary",
    scenarios: [
      ok("leader", at("/api/summary?year=2022")),
      ok("leader", async ({ world }) => ({ path: `/api/summary?year=2022&zoneId=${world.zoneId}` })),
      scenario(400, "leader", "a year that is no number", at("/api/summary?year=abc")),
    ],
  },
  {
    method: "get",
    route: "/users",
    scenarios: [ok("taskforce", at("/api/users")), scenario(403, "leader", "task force only", at("/api/users"))],
  },
  {
    method: "post",
    route: "/users",
    scenarios: [
      ok(
        "taskforce",
        async ({ world }) => ({
          path: "/api/users",
          json: {
            username: `u${fresh()}`,
            displayName: "新书记",
            role: "secretary",
            areaId: world.areaId,
            password: "long-enough-pw",
          },
        }),
        201,
      ),
      scenario(400, "taskforce", "a secretary without an area", async () => ({
        path: "/api/users",
        json: { username: `u${fresh()}`, displayName: "新书记", role: "secretary", password: "long-enough-pw" },
      })),
      scenario(403, "secretary", "task force only", async () => ({
        path: "/api/users",
        json: { username: `u${fresh()}`, displayName: "新账号", role: "leader", password: "long-enough-pw" },
      })),
      scenario(409, "taskforce", "the username is taken", async ({ world }) => ({
        path: "/api/users",
        json: {
          username: world.users.leader.username,
          displayName: "重名",
          role: "leader",
          password: "long-enough-pw",
        },
      })),
    ],
  },
  {
    method: "patch",
    route: "/users/:id",
    scenarios: [
      ok("taskforce", async ({ t }) => ({
        path: `/api/users/${(await buildUser(t, "leader")).id}`,
        json: { displayName: "改名" },
      })),
      scenario(400, "taskforce", "nothing to change", async ({ world }) => ({
        path: `/api/users/${world.users.leader.id}`,
        json: {},
      })),
      scenario(403, "leader", "task force only", async ({ world }) => ({
        path: `/api/users/${world.users.leader.id}`,
        json: { displayName: "改名" },
      })),
      scenario(404, "taskforce", "an unknown user", async () => ({
        path: `/api/users/${UNKNOWN}`,
        json: { displayName: "无" },
      })),
    ],
  },
  {
    method: "get",
    route: "/audit",
    scenarios: [
      ok("taskforce", at("/api/audit?limit=200")),
      scenario(400, "taskforce", "a limit of 0", at("/api/audit?limit=0")),
      scenario(403, "secretary", "task force only", at("/api/audit")),
    ],
  },
  { method: "get", route: "/settings/stall", scenarios: [ok("secretary", at("/api/settings/stall"))] },
  { method: "get", route: "/settings/organization", scenarios: [ok("leader", at("/api/settings/organization"))] },
  {
    method: "put",
    route: "/settings/organization",
    scenarios: [
      ok("taskforce", async () => ({
        path: "/api/settings/organization",
        json: { townName: "新泾镇", issuingUnit: "新泾镇加装电梯工作专班" },
      })),
      scenario(400, "taskforce", "an empty issuing unit", async () => ({
        path: "/api/settings/organization",
        json: { townName: "新泾镇", issuingUnit: "  " },
      })),
      scenario(403, "secretary", "task force only", async () => ({
        path: "/api/settings/organization",
        json: { townName: "新泾镇", issuingUnit: "某某" },
      })),
    ],
  },
  {
    method: "get",
    route: "/report-notes",
    scenarios: [
      ok("leader", at("/api/report-notes?year=2022")),
      scenario(400, "leader", "no year", at("/api/report-notes")),
      scenario(404, "leader", "an unknown zone", at(`/api/report-notes?year=2022&zoneId=${UNKNOWN}`)),
    ],
  },
  {
    method: "put",
    route: "/report-notes",
    scenarios: [
      ok("taskforce", async ({ t }) => ({
        path: `/api/report-notes?year=2022&zoneId=${(await buildZone(t)).id}`,
        json: { nextSteps: "一、加快审批；二、协调资金。" },
        ifMatch: '"0"',
      })),
      scenario(400, "taskforce", "next steps too long", async () => ({
        path: "/api/report-notes?year=2022",
        json: { nextSteps: "字".repeat(2001) },
        ifMatch: '"0"',
      })),
      scenario(403, "leader", "task force only", async () => ({
        path: "/api/report-notes?year=2022",
        json: { nextSteps: "领导不能写" },
        ifMatch: '"0"',
      })),
      scenario(404, "taskforce", "an unknown zone", async () => ({
        path: `/api/report-notes?year=2022&zoneId=${UNKNOWN}`,
        json: { nextSteps: "无此片区" },
        ifMatch: '"0"',
      })),
      scenario(409, "taskforce", "a stale version", async ({ t }) => ({
        path: `/api/report-notes?year=2022&zoneId=${(await buildZone(t)).id}`,
        json: { nextSteps: "版本不对" },
        ifMatch: '"3"',
      })),
    ],
  },
  {
    method: "put",
    route: "/settings/stall",
    scenarios: [
      ok("taskforce", async () => ({
        path: "/api/settings/stall",
        json: { signedDays: 90 + (serial() % 50), startedDays: 180 },
      })),
      scenario(400, "taskforce", "a threshold of 0 days", async () => ({
        path: "/api/settings/stall",
        json: { signedDays: 0, startedDays: 180 },
      })),
      scenario(403, "leader", "task force only", async () => ({
        path: "/api/settings/stall",
        json: { signedDays: 90, startedDays: 180 },
      })),
    ],
  },
  {
    method: "get",
    route: "/export/buildings.xlsx",
    scenarios: [
      ok("leader", at("/api/export/buildings.xlsx?year=2022")),
      scenario(400, "leader", "a year before the programme", at("/api/export/buildings.xlsx?year=1900")),
    ],
  },
  { method: "get", route: "/import/template.xlsx", scenarios: [ok("secretary", at("/api/import/template.xlsx"))] },
  {
    method: "post",
    route: "/import/buildings",
    scenarios: [
      ok(
        "taskforce",
        async ({ world }) => ({
          path: "/api/import/buildings?name=ledger.xlsx",
          file: await ledgerFile(world.areaName),
        }),
        201,
      ),
      ok(
        "otherSecretary",
        async ({ world }) => ({ path: "/api/import/buildings", file: await ledgerFile(world.areaName) }),
        201,
        "a ledger of another area: a preview of errors",
      ),
      scenario(400, "taskforce", "not a spreadsheet", async () => ({
        path: "/api/import/buildings",
        file: { type: "text/plain", data: Buffer.from("地址,楼层") },
      })),
      scenario(403, "leader", "leaders may not import", async ({ world }) => ({
        path: "/api/import/buildings",
        file: await ledgerFile(world.areaName),
      })),
      scenario(413, "taskforce", "a body over the size limit", async () => ({
        path: "/api/import/buildings",
        file: { type: XLSX_MIME, data: Buffer.alloc(5 * 1024 * 1024 + 1) },
      })),
    ],
  },
  previewPage("rows"),
  previewPage("errors"),
  {
    method: "post",
    route: "/import/buildings/commit",
    scenarios: [
      ok("taskforce", async (ctx) => ({
        path: "/api/import/buildings/commit",
        json: { token: await newPreview(ctx) },
      })),
      scenario(400, "taskforce", "no token", async () => ({ path: "/api/import/buildings/commit", json: {} })),
      scenario(403, "leader", "leaders may not import", async (ctx) => ({
        path: "/api/import/buildings/commit",
        json: { token: await preview(ctx) },
      })),
      scenario(403, "secretary", "someone else's preview", async (ctx) => ({
        path: "/api/import/buildings/commit",
        json: { token: await preview(ctx) },
      })),
      scenario(404, "taskforce", "an unknown token", async () => ({
        path: "/api/import/buildings/commit",
        json: { token: "no-such-preview" },
      })),
      scenario(409, "taskforce", "a preview committed already", async (ctx) => {
        const token = await newPreview(ctx);
        const first = await ctx.client.send({
          method: "post",
          route: "/import/buildings/commit",
          path: "/api/import/buildings/commit",
          session: ctx.world.sessions.taskforce,
          json: { token },
        });
        if (first.status !== 200) throw new Error(`first commit: ${first.status} ${JSON.stringify(first.body)}`);
        return { path: "/api/import/buildings/commit", json: { token } };
      }),
    ],
  },
  ...SUPERVISION_CASES,
  ...REVIEW_CASES,
  ...BRIEFING_CASES,
  {
    method: "get",
    route: "/stream",
    scenarios: [
      // The test's app allows one stream per session: each request streams on a session of its own.
      ok("taskforce", async (ctx) => ({ path: "/api/stream", session: await freshSession(ctx) })),
      scenario(429, "taskforce", "a second stream on one session", async (ctx) => {
        const session = await freshSession(ctx);
        const first = await ctx.client.open({ method: "get", route: "/stream", path: "/api/stream", session });
        if (first.status !== 200) throw new Error(`first stream: ${first.status}`);
        return { path: "/api/stream", session, after: first.close };
      }),
      scenario(400, "taskforce", "a since longer than any change count", async (ctx) => ({
        path: `/api/stream?since=${"9".repeat(101)}`,
        session: await freshSession(ctx),
      })),
    ],
  },
];
