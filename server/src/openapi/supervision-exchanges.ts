// The OpenAPI test's requests for blocker supervision and areas' status lines (see exchanges.ts): each status a
// reader of the document can meet — the success, bad input, another area or role, unknown ids, and the
// photo upload's 409 (too many), 413 (too large) and 415 (not an image).

import { blockerPhotos } from "../core/db/schema";
import { buildBuilding } from "../test/factories";
import { jpegImage, pngImage, pngOfSize } from "../test/images";
import type { RouteCases, Scenario } from "./exchanges";
import { type Context, fresh, usedKey } from "./world";

const UNKNOWN = 2_000_000_000;

const scenario = (status: number, as: Scenario["as"], why: string, request: Scenario["request"]): Scenario => ({
  status,
  as,
  why,
  request,
});

/** A blocked building of the world's area. */
const blocked = ({ t, world }: Context) =>
  buildBuilding(t, { areaId: world.areaId, blockerCategory: "approval", blockedSince: "2022-06-01" });

const notesPath = async (ctx: Context) => `/api/buildings/${(await blocked(ctx)).id}/blocker/notes`;
const photosPath = async (ctx: Context) => `/api/buildings/${(await blocked(ctx)).id}/blocker/photos`;
const NOTES = "/buildings/:id/blocker/notes";
const png = () => ({ type: "image/png", data: pngImage() });

export const SUPERVISION_CASES: RouteCases[] = [
  {
    method: "get",
    route: "/buildings/:id/blocker/notes",
    scenarios: [
      scenario(200, "leader", "a blocked building", async (ctx) => {
        const path = await notesPath(ctx);
        await ctx.client.send({
          method: "post",
          route: "/buildings/:id/blocker/notes",
          path,
          session: ctx.world.sessions.secretary,
          json: { text: "已联系燃气公司" },
        });
        return { path };
      }),
      scenario(200, "leader", "a building never blocked", async ({ t, world }) => ({
        path: `/api/buildings/${(await buildBuilding(t, { areaId: world.areaId })).id}/blocker/notes`,
      })),
      scenario(400, "leader", "an id that is no number", async () => ({ path: "/api/buildings/abc/blocker/notes" })),
      scenario(404, "leader", "an unknown building", async () => ({ path: `/api/buildings/${UNKNOWN}/blocker/notes` })),
    ],
  },
  {
    method: "post",
    route: "/buildings/:id/blocker/notes",
    scenarios: [
      scenario(201, "secretary", "a note on its own area's blocker", async (ctx) => ({
        path: await notesPath(ctx),
        json: { text: `第 ${fresh()} 次上门沟通` },
      })),
      scenario(400, "secretary", "an empty note", async (ctx) => ({ path: await notesPath(ctx), json: { text: " " } })),
      scenario(400, "secretary", "a building not blocked", async ({ t, world }) => ({
        path: `/api/buildings/${(await buildBuilding(t, { areaId: world.areaId })).id}/blocker/notes`,
        json: { text: "进展" },
      })),
      scenario(403, "leader", "leaders only read", async (ctx) => ({
        path: await notesPath(ctx),
        json: { text: "x" },
      })),
      scenario(403, "otherSecretary", "another area's building", async (ctx) => ({
        path: await notesPath(ctx),
        json: { text: "x" },
      })),
      scenario(404, "taskforce", "an unknown building", async () => ({
        path: `/api/buildings/${UNKNOWN}/blocker/notes`,
        json: { text: "x" },
      })),
      scenario(201, "secretary", "a resend with its Idempotency-Key (answered as the first time)", async (ctx) => {
        const made = { path: await notesPath(ctx), json: { text: "重发的记录" } };
        return { ...made, idempotencyKey: await usedKey(ctx, NOTES, { method: "post", ...made }) };
      }),
      scenario(422, "secretary", "an Idempotency-Key already used on another building", async (ctx) => ({
        path: await notesPath(ctx),
        json: { text: "另一条" },
        idempotencyKey: await usedKey(ctx, NOTES, {
          method: "post",
          path: await notesPath(ctx),
          json: { text: "一条" },
        }),
      })),
    ],
  },
  {
    method: "post",
    route: "/buildings/:id/blocker/photos",
    scenarios: [
      scenario(201, "secretary", "a PNG of its own area's blocker", async (ctx) => ({
        path: await photosPath(ctx),
        file: png(),
      })),
      scenario(201, "taskforce", "a JPEG sent as octet-stream", async (ctx) => ({
        path: await photosPath(ctx),
        file: { type: "application/octet-stream", data: jpegImage() },
      })),
      scenario(400, "secretary", "a noteId that is no id", async (ctx) => ({
        path: `${await photosPath(ctx)}?noteId=abc`,
        file: png(),
      })),
      scenario(403, "leader", "leaders only read", async (ctx) => ({ path: await photosPath(ctx), file: png() })),
      scenario(403, "otherSecretary", "another area's building", async (ctx) => ({
        path: await photosPath(ctx),
        file: png(),
      })),
      scenario(404, "secretary", "an unknown building", async () => ({
        path: `/api/buildings/${UNKNOWN}/blocker/photos`,
        file: png(),
      })),
      scenario(409, "secretary", "six photos already", async (ctx) => {
        const building = await blocked(ctx);
        const data = pngImage();
        await ctx.t.db.insert(blockerPhotos).values(
          Array.from({ length: 6 }, () => ({
            buildingId: building.id,
            blockedSince: "2022-06-01",
            contentType: "image/png",
            bytes: data.length,
            data,
          })),
        );
        return { path: `/api/buildings/${building.id}/blocker/photos`, file: png() };
      }),
      scenario(413, "secretary", "over 1 MB", async (ctx) => ({
        path: await photosPath(ctx),
        file: { type: "image/png", data: pngOfSize(1024 * 1024 + 1) },
      })),
      scenario(415, "secretary", "text claiming to be a JPEG", async (ctx) => ({
        path: await photosPath(ctx),
        file: { type: "image/jpeg", data: Buffer.from("not a photo") },
      })),
    ],
  },
  {
    method: "get",
    route: "/photos/:id",
    scenarios: [
      scenario(200, "leader", "a photo of a building", async (ctx) => {
        const data = pngImage();
        const [photo] = await ctx.t.db
          .insert(blockerPhotos)
          .values({
            buildingId: (await blocked(ctx)).id,
            blockedSince: "2022-06-01",
            contentType: "image/png",
            bytes: data.length,
            data,
          })
          .returning();
        return { path: `/api/photos/${photo?.id}` };
      }),
      scenario(400, "leader", "an id that is no number", async () => ({ path: "/api/photos/abc" })),
      scenario(404, "leader", "an unknown photo", async () => ({ path: `/api/photos/${UNKNOWN}` })),
    ],
  },
  {
    method: "get",
    route: "/blockers",
    scenarios: [
      scenario(200, "leader", "the leader's zone", async ({ world }) => ({
        path: `/api/blockers?zoneId=${world.zoneId}`,
      })),
      scenario(200, "secretary", "overdue in an area", async ({ world }) => ({
        path: `/api/blockers?areaId=${world.areaId}&overdue=true&limit=20`,
      })),
      scenario(400, "leader", "overdue is neither true nor false", async () => ({
        path: "/api/blockers?overdue=maybe",
      })),
    ],
  },
  {
    method: "get",
    route: "/areas/:id/blocker-owners",
    scenarios: [
      scenario(200, "secretary", "its own area", async ({ world }) => ({
        path: `/api/areas/${world.areaId}/blocker-owners`,
      })),
      scenario(400, "taskforce", "an id that is no number", async () => ({ path: "/api/areas/abc/blocker-owners" })),
      scenario(403, "otherSecretary", "another area", async ({ world }) => ({
        path: `/api/areas/${world.areaId}/blocker-owners`,
      })),
      scenario(404, "taskforce", "an unknown area", async () => ({ path: `/api/areas/${UNKNOWN}/blocker-owners` })),
    ],
  },
  {
    method: "post",
    route: "/areas/:id/status",
    scenarios: [
      scenario(201, "secretary", "its own area", async ({ world }) => ({
        path: `/api/areas/${world.areaId}/status`,
        json: { text: `本周再次协调 ${fresh()}` },
      })),
      scenario(400, "secretary", "an empty line", async ({ world }) => ({
        path: `/api/areas/${world.areaId}/status`,
        json: { text: "" },
      })),
      scenario(403, "leader", "leaders only read", async ({ world }) => ({
        path: `/api/areas/${world.areaId}/status`,
        json: { text: "x" },
      })),
      scenario(403, "otherSecretary", "another area", async ({ world }) => ({
        path: `/api/areas/${world.areaId}/status`,
        json: { text: "x" },
      })),
      scenario(404, "taskforce", "an unknown area", async () => ({
        path: `/api/areas/${UNKNOWN}/status`,
        json: { text: "x" },
      })),
    ],
  },
  {
    method: "get",
    route: "/area-statuses",
    scenarios: [
      scenario(200, "leader", "the leader's zone", async ({ world }) => ({
        path: `/api/area-statuses?zoneId=${world.zoneId}`,
      })),
      scenario(400, "leader", "a zoneId that is no id", async () => ({ path: "/api/area-statuses?zoneId=abc" })),
    ],
  },
  {
    method: "get",
    route: "/areas/:id/statuses",
    scenarios: [
      scenario(200, "leader", "an area's lines", async ({ world }) => ({
        path: `/api/areas/${world.areaId}/statuses`,
      })),
      scenario(400, "leader", "an id that is no number", async () => ({ path: "/api/areas/abc/statuses" })),
      scenario(404, "leader", "an unknown area", async () => ({ path: `/api/areas/${UNKNOWN}/statuses` })),
    ],
  },
];
