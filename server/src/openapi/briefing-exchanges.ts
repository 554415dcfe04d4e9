// The OpenAPI test's requests for the weekly briefings (see exchanges.ts): each status a reader of the document
// can meet — the success, bad input, a role that may not, unknown ids, a stale version or a week's second one.

import type { Briefing } from "@jiati/shared";
import { buildZone } from "../test/factories";
import type { RouteCases, Scenario } from "./exchanges";
import type { Context } from "./world";

const UNKNOWN = 2_000_000_000;

const scenario = (status: number, as: Scenario["as"], why: string, request: Scenario["request"]): Scenario => ({
  status,
  as,
  why,
  request,
});

/** The world's task force member, as a service's context. */
function taskforceContext({ t, world }: Context) {
  const { id, username, displayName, areaId, zoneId } = world.users.taskforce;
  const user = { id, username, displayName, role: "taskforce" as const, areaId, zoneId };
  return { user, requestId: "openapi", today: t.clock.today(), now: t.clock.now() };
}

/** This week's draft of a zone of its own (one briefing per scope and week). */
async function freshDraft(ctx: Context): Promise<Briefing> {
  return ctx.t.services.briefings.create(taskforceContext(ctx), { zoneId: (await buildZone(ctx.t)).id });
}

const zoneBriefings = new WeakMap<Context["t"], Promise<Briefing>>();
/** This week's draft of the world's zone, which its leader reads. */
function zoneDraft(ctx: Context): Promise<Briefing> {
  let briefing = zoneBriefings.get(ctx.t);
  if (!briefing) {
    briefing = ctx.t.services.briefings.create(taskforceContext(ctx), { zoneId: ctx.world.zoneId });
    zoneBriefings.set(ctx.t, briefing);
  }
  return briefing;
}

/** A route of one draft, with its version in If-Match. */
const onDraft = (tail: string, json?: unknown, version?: (briefing: Briefing) => number) => async (ctx: Context) => {
  const briefing = await freshDraft(ctx);
  return {
    path: `/api/briefings/${briefing.id}${tail}`,
    json,
    ifMatch: `"${version ? version(briefing) : briefing.version}"`,
  };
};

const stale = (briefing: Briefing) => briefing.version + 5;

export const BRIEFING_CASES: RouteCases[] = [
  {
    method: "get",
    route: "/briefings",
    scenarios: [
      scenario(200, "leader", "a zone leader's own zone's", async (ctx) => {
        await zoneDraft(ctx);
        return { path: "/api/briefings" };
      }),
      scenario(400, "taskforce", "a scope that is neither town nor an id", async () => ({
        path: "/api/briefings?scope=nowhere",
      })),
      scenario(403, "secretary", "secretaries have no briefings", async () => ({ path: "/api/briefings" })),
    ],
  },
  {
    method: "post",
    route: "/briefings",
    scenarios: [
      scenario(201, "taskforce", "a zone's briefing of this week", async ({ t }) => ({
        path: "/api/briefings",
        json: { zoneId: (await buildZone(t)).id },
      })),
      scenario(400, "taskforce", "a zone named, not numbered", async () => ({
        path: "/api/briefings",
        json: { zoneId: "东片区" },
      })),
      scenario(403, "leader", "leaders only read", async ({ world }) => ({
        path: "/api/briefings",
        json: { zoneId: world.zoneId },
      })),
      scenario(409, "taskforce", "the zone's briefing of this week exists", async (ctx) => {
        await zoneDraft(ctx);
        return { path: "/api/briefings", json: { zoneId: ctx.world.zoneId } };
      }),
    ],
  },
  {
    method: "get",
    route: "/briefings/:id",
    scenarios: [
      scenario(200, "leader", "a briefing of the leader's zone", async (ctx) => ({
        path: `/api/briefings/${(await zoneDraft(ctx)).id}`,
      })),
      scenario(400, "leader", "an id that is no number", async () => ({ path: "/api/briefings/abc" })),
      scenario(403, "secretary", "secretaries have no briefings", async (ctx) => ({
        path: `/api/briefings/${(await zoneDraft(ctx)).id}`,
      })),
      scenario(404, "leader", "an unknown briefing", async () => ({ path: `/api/briefings/${UNKNOWN}` })),
    ],
  },
  {
    method: "get",
    route: "/briefings/:id.docx",
    scenarios: [
      scenario(200, "leader", "a briefing of the leader's zone", async (ctx) => ({
        path: `/api/briefings/${(await zoneDraft(ctx)).id}.docx`,
      })),
      scenario(400, "leader", "an id that is no number", async () => ({ path: "/api/briefings/abc.docx" })),
      scenario(403, "secretary", "secretaries have no briefings", async (ctx) => ({
        path: `/api/briefings/${(await zoneDraft(ctx)).id}.docx`,
      })),
      scenario(404, "leader", "an unknown briefing", async () => ({ path: `/api/briefings/${UNKNOWN}.docx` })),
    ],
  },
  {
    method: "patch",
    route: "/briefings/:id",
    scenarios: [
      scenario(200, "taskforce", "a draft's next steps", onDraft("", { nextSteps: "约谈低层住户" })),
      scenario(400, "taskforce", "next steps too long", onDraft("", { nextSteps: "字".repeat(2001) })),
      scenario(403, "leader", "leaders only read", onDraft("", { nextSteps: "x" })),
      scenario(404, "taskforce", "an unknown briefing", async () => ({
        path: `/api/briefings/${UNKNOWN}`,
        json: { nextSteps: "x" },
        ifMatch: '"1"',
      })),
      scenario(409, "taskforce", "a stale version", onDraft("", { nextSteps: "x" }, stale)),
    ],
  },
  {
    method: "post",
    route: "/briefings/:id/regenerate",
    scenarios: [
      scenario(200, "taskforce", "a draft as of today", onDraft("/regenerate", {})),
      scenario(400, "taskforce", "a day outside the briefing's week", onDraft("/regenerate", { asOf: "2022-01-03" })),
      scenario(403, "leader", "leaders only read", onDraft("/regenerate", {})),
      scenario(404, "taskforce", "an unknown briefing", async () => ({
        path: `/api/briefings/${UNKNOWN}/regenerate`,
        json: {},
        ifMatch: '"1"',
      })),
      scenario(409, "taskforce", "a stale version", onDraft("/regenerate", {}, stale)),
    ],
  },
  {
    method: "post",
    route: "/briefings/:id/issue",
    scenarios: [
      scenario(200, "taskforce", "a draft issued", onDraft("/issue")),
      scenario(400, "taskforce", "an id that is no number", async () => ({
        path: "/api/briefings/abc/issue",
        ifMatch: '"1"',
      })),
      scenario(403, "leader", "leaders only read", onDraft("/issue")),
      scenario(404, "taskforce", "an unknown briefing", async () => ({
        path: `/api/briefings/${UNKNOWN}/issue`,
        ifMatch: '"1"',
      })),
      scenario(409, "taskforce", "a stale version", onDraft("/issue", undefined, stale)),
    ],
  },
];
