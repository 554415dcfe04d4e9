// The small world the OpenAPI test's requests act on (exchanges.ts): two areas, a user of each role with a
// session, buildings in every state a list shows, and import previews to read or commit.

import { type Role, XLSX_MIME } from "@jiati/shared";
import { createSession, SESSION_COOKIE } from "../auth/sessions";
import type { users } from "../core/db/schema";
import { ledgerRowOf, ledgerWorkbook } from "../ledger/testing";
import { buildArea, buildBuilding, buildUser } from "../test/factories";
import type { TestApp } from "../test/harness";
import type { CheckedClient } from "./client";

export type Actor = "anonymous" | "taskforce" | "secretary" | "otherSecretary" | "leader";
export type SignedIn = Exclude<Actor, "anonymous">;

/** Two areas (of two zones), a user of each role with a session, and buildings in every state a list shows. */
export interface World {
  zoneId: number;
  areaId: number;
  areaName: string;
  users: Record<SignedIn, typeof users.$inferSelect>;
  /** Each role's session cookie. */
  sessions: Record<SignedIn, string>;
}

export interface Context {
  t: TestApp;
  world: World;
  client: CheckedClient;
}

/**
 * A session cookie of the user, made as logging in makes it but without the password check (which costs
 * 0.6 s of scrypt); logging in itself is POST /session's scenario.
 */
async function sessionOf(t: TestApp, userId: number): Promise<string> {
  return `${SESSION_COOKIE}=${await createSession(t.db, userId, t.clock.now())}`;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const area = await buildArea(t);
  const otherArea = await buildArea(t);
  const roles = {
    taskforce: await buildUser(t, "taskforce"),
    secretary: await buildUser(t, "secretary", { areaId: area.id }),
    otherSecretary: await buildUser(t, "secretary", { areaId: otherArea.id }),
    leader: await buildUser(t, "leader", { zoneId: area.zoneId }),
  };
  await buildBuilding(t, { areaId: area.id });
  await buildBuilding(t, { areaId: area.id, signedOn: "2021-11-02", startedOn: "2022-03-01" });
  await buildBuilding(t, {
    areaId: area.id,
    signedOn: "2021-05-01",
    blockerCategory: "funding",
    blockerNote: "资金未落实",
    blockedSince: "2022-01-10",
  });
  await buildBuilding(t, { areaId: otherArea.id, signedOn: "2020-06-01", withdrawn: true });
  const sessions = {} as Record<SignedIn, string>;
  for (const [role, user] of Object.entries(roles) as [SignedIn, typeof users.$inferSelect][]) {
    sessions[role] = await sessionOf(t, user.id);
  }
  return {
    zoneId: area.zoneId,
    areaId: area.id,
    areaName: area.name,
    users: roles,
    sessions,
  };
}

let counter = 0;
/** A number no earlier call returned, for values that must change from one request to the next. */
export const serial = () => counter++;
/** A name no other request of the run uses. */
export const fresh = () => `${Date.now().toString(36)}-${serial()}`;

export const newBuilding = ({ t, world }: Context) => buildBuilding(t, { areaId: world.areaId });
/**
 * An Idempotency-Key the secretary has committed a write with: `request` (on the route `route`), sent once with
 * it. A request with that key to another path draws a 422.
 */
export async function usedKey(
  { world, client }: Context,
  route: string,
  request: { method: "post" | "patch"; path: string; json: unknown; ifMatch?: string },
): Promise<string> {
  const key = `key-${fresh()}`;
  const answer = await client.send({ ...request, route, idempotencyKey: key, session: world.sessions.secretary });
  if (answer.status >= 300) throw new Error(`the write with a key was refused: ${JSON.stringify(answer.body)}`);
  return key;
}

/** A session of a new user, to end or to stream on. */
export const freshSession = async ({ t }: Context, role: Role = "taskforce") =>
  sessionOf(t, (await buildUser(t, role)).id);

/** A one-row ledger (.xlsx) creating a building of `areaName` at a new address. */
export async function ledgerFile(areaName: string) {
  const data = await ledgerWorkbook([ledgerRowOf({ areaId: areaName, address: `导入路 ${fresh()}号` })]);
  return { type: XLSX_MIME, data };
}

/** Uploads a one-row ledger of the world's area as `uploader`: the preview's token. */
export async function newPreview({ world, client }: Context, uploader: SignedIn = "taskforce"): Promise<string> {
  const answer = await client.send({
    method: "post",
    route: "/import/buildings",
    path: "/api/import/buildings?name=ledger.xlsx",
    session: world.sessions[uploader],
    file: await ledgerFile(world.areaName),
  });
  if (answer.status !== 201) throw new Error(`preview: ${answer.status} ${JSON.stringify(answer.body)}`);
  return (answer.body as { token: string }).token;
}

const previews = new WeakMap<World, Partial<Record<SignedIn, Promise<string>>>>();
/** One preview per uploader, for the requests that only read it or are refused (uploads take 0.3 s). */
export function preview(ctx: Context, uploader: SignedIn = "taskforce"): Promise<string> {
  const byUploader = previews.get(ctx.world) ?? {};
  previews.set(ctx.world, byUploader);
  byUploader[uploader] ??= newPreview(ctx, uploader);
  return byUploader[uploader];
}
