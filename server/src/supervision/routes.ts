// Blocker supervision (督办) and areas' status lines: a blocker's thread, notes and photos; the open blockers
// of a scope; who may own a blocker; an area's status line (docs/DOMAIN.md § Blocker supervision).

import {
  areaStatusesQuerySchema,
  areaStatusInputSchema,
  areaStatusSchema,
  blockerListQuerySchema,
  blockerListSchema,
  blockerNoteInputSchema,
  blockerNoteSchema,
  blockerOwnerOptionSchema,
  blockerPhotoSchema,
  blockerThreadSchema,
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  PHOTOS_PER_EPISODE,
  photoUploadQuerySchema,
} from "@jiati/shared";
import { Router } from "express";
import { z } from "zod";
import { requireWriter } from "../auth/policy";
import { idParam } from "../http/params";
import { mediaTypeOf, PayloadTooLarge, readRawBody } from "../http/raw-body";
import { route } from "../http/route";
import { photoExtension, photoTooLargeMessage, UnsupportedPhoto } from "./photos";
import type { SupervisionService } from "./service";
import type { AreaStatusService } from "./statuses";

const tag = "supervision";

export function supervisionRoutes(service: SupervisionService, statuses: AreaStatusService): Router {
  const router = Router();
  threadRoutes(router, service);
  photoRoutes(router, service);

  route(
    router,
    {
      method: "get",
      path: "/blockers",
      tag,
      summary:
        "Open blockers (set, building not withdrawn) of the town, a zone or an area, overdue first, then by due date (none last), then the longest blocked; overdue=true keeps the overdue ones (due before the server's today)",
      query: blockerListQuerySchema,
      response: blockerListSchema,
    },
    async ({ query, ctx }) => service.list(query, ctx.today),
  );

  route(
    router,
    {
      method: "get",
      path: "/areas/:id/blocker-owners",
      tag,
      summary:
        "Who may own a blocker of the area: enabled task force members and the area's secretaries; for those who may supervise the area (403 otherwise)",
      response: z.array(blockerOwnerOptionSchema),
    },
    async ({ params, ctx }) => service.owners(ctx, idParam(params)),
  );

  statusRoutes(router, statuses);
  return router;
}

/** A building's blocker thread, and adding a progress note to it. */
function threadRoutes(router: Router, service: SupervisionService): void {
  route(
    router,
    {
      method: "get",
      path: "/buildings/:id/blocker/notes",
      tag,
      summary:
        "The building's blocker: owner, due date, days blocked, and its progress notes and photos — the current episode's first, each newest first, then earlier episodes' (kept as history)",
      response: blockerThreadSchema,
    },
    async ({ params, ctx }) => service.thread(ctx, idParam(params)),
  );

  route(
    router,
    {
      method: "post",
      path: "/buildings/:id/blocker/notes",
      allow: requireWriter,
      status: 201,
      tag,
      summary:
        "Add a dated progress note (≤ 500 characters, trimmed, not empty) to the building's open blocker: the task force anywhere, a secretary in their own area; 400 when the building is not blocked",
      body: blockerNoteInputSchema,
      response: blockerNoteSchema,
      // The offline outbox resends a note whose answer was lost: its key keeps it from being stored twice.
      idempotent: {},
    },
    async ({ params, body, ctx, res }) => {
      const note = await service.addNote(ctx, idParam(params), body);
      res.status(201);
      return note;
    },
  );
}

const MB = PHOTO_MAX_BYTES / 1024 / 1024;

/** Uploading a photo (the raw body) and reading one. */
function photoRoutes(router: Router, service: SupervisionService): void {
  route(
    router,
    {
      method: "post",
      path: "/buildings/:id/blocker/photos",
      allow: requireWriter,
      status: 201,
      tag,
      summary: `Add a site photo to the building's open blocker, or with ?noteId= to one of its current notes: the image is the raw request body, JPEG, PNG or WebP as its own bytes show (415 otherwise, whatever Content-Type claims), at most ${MB} MB (413), at most ${PHOTOS_PER_EPISODE} per blocker episode (409 too_many_photos). Nothing is stored when refused`,
      query: photoUploadQuerySchema,
      rawBody: [...PHOTO_TYPES, "application/octet-stream"],
      alsoAnswers: [415],
      response: blockerPhotoSchema,
    },
    async ({ params, query, ctx, req, res }) => {
      const id = idParam(params);
      // A JSON body has been read by the JSON parser already, and is no image anyway.
      if (mediaTypeOf(req) === "application/json") throw new UnsupportedPhoto();
      await service.checkPhotoUpload(ctx, id, query.noteId);
      const data = await readRawBody(req, PHOTO_MAX_BYTES, () => new PayloadTooLarge(photoTooLargeMessage()));
      const photo = await service.addPhoto(ctx, id, query.noteId, data);
      res.status(201);
      return photo;
    },
  );

  route(
    router,
    {
      method: "get",
      path: "/photos/:id",
      tag,
      summary:
        "A blocker photo's bytes, for a session that may read its building: its own Content-Type, Cache-Control private, X-Content-Type-Options nosniff",
      produces: PHOTO_TYPES,
    },
    async ({ params, ctx, res }) => {
      const id = idParam(params);
      const photo = await service.photo(ctx, id);
      res.status(200);
      res.setHeader("Content-Type", photo.contentType);
      res.setHeader("Content-Length", String(photo.data.length));
      res.setHeader("Cache-Control", "private, max-age=86400");
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Content-Disposition", `inline; filename="photo-${id}.${photoExtension(photo.contentType)}"`);
      res.end(photo.data);
      return undefined;
    },
  );
}

/** Areas' status lines: write one, the latest of each area, one area's recent ones. */
function statusRoutes(router: Router, statuses: AreaStatusService): void {
  route(
    router,
    {
      method: "post",
      path: "/areas/:id/status",
      allow: requireWriter,
      status: 201,
      tag,
      summary:
        "Write the area's status line for today (≤ 120 characters): its secretary or the task force; the latest is shown beside the area",
      body: areaStatusInputSchema,
      response: areaStatusSchema,
    },
    async ({ params, body, ctx, res }) => {
      const status = await statuses.write(ctx, idParam(params), body);
      res.status(201);
      return status;
    },
  );

  route(
    router,
    {
      method: "get",
      path: "/area-statuses",
      tag,
      summary:
        "The latest status line of every area that has one (of zoneId): area id, text, date, author's display name — for everyone logged in",
      query: areaStatusesQuerySchema,
      response: z.array(areaStatusSchema),
    },
    async ({ query }) => statuses.latest(query.zoneId),
  );

  route(
    router,
    {
      method: "get",
      path: "/areas/:id/statuses",
      tag,
      summary: "The area's recent status lines, newest first (at most 10)",
      response: z.array(areaStatusSchema),
    },
    async ({ params }) => statuses.history(idParam(params)),
  );
}
