import {
  type Building,
  buildingDetailSchema,
  buildingListItemSchema,
  buildingListQuerySchema,
  buildingSchema,
  createBuildingSchema,
  pageSchema,
  patchBuildingSchema,
  stageUpdateSchema,
} from "@jiati/shared";
import { Router } from "express";
import { requireWriter } from "../auth/policy";
import { idParam, ifMatchVersion } from "../http/params";
import { route } from "../http/route";
import type { BuildingService } from "./service";

const tag = "buildings";

/** A building's ETag: its version. */
const etagOf = (building: Building) => `"${building.version}"`;

/** The writes the offline outbox resends take its Idempotency-Key, and answer a resend with the same ETag. */
const idempotent = { etag: (answer: unknown) => etagOf(answer as Building) };
export function buildingRoutes(service: BuildingService): Router {
  const router = Router();

  route(
    router,
    {
      method: "get",
      path: "/buildings",
      tag,
      summary: "List buildings, filtered and paged",
      query: buildingListQuerySchema,
      response: pageSchema(buildingListItemSchema),
    },
    async ({ query, ctx }) => service.listJson(query, ctx.today),
  );

  route(
    router,
    {
      method: "get",
      path: "/buildings/:id",
      tag,
      summary: "One building with its full change history",
      response: buildingDetailSchema,
    },
    async ({ params, ctx, res }) => {
      const detail = await service.get(ctx, idParam(params));
      res.setHeader("ETag", `"${detail.building.version}"`);
      return detail;
    },
  );

  buildingWriteRoutes(router, service);
  return router;
}

/** Create, edit and record stages: writers only (docs/DOMAIN.md § Roles). */
function buildingWriteRoutes(router: Router, service: BuildingService): void {
  route(
    router,
    {
      method: "post",
      path: "/buildings",
      allow: requireWriter,
      status: 201,
      tag,
      summary: "Create a building",
      body: createBuildingSchema,
      response: buildingSchema,
    },
    async ({ body, ctx, res }) => {
      const building = await service.create(ctx, body);
      res.status(201).setHeader("ETag", `"${building.version}"`);
      return building;
    },
  );

  route(
    router,
    {
      method: "patch",
      path: "/buildings/:id",
      allow: requireWriter,
      tag,
      summary: "Edit fields, set or clear a blocker, withdraw or restore (If-Match: version)",
      body: patchBuildingSchema,
      response: buildingSchema,
      ifMatch: true,
      idempotent,
    },
    async ({ params, body, ctx, req, res }) => {
      const id = idParam(params);
      const building = await service.patch(ctx, id, ifMatchVersion(req), body);
      res.setHeader("ETag", etagOf(building));
      return building;
    },
  );

  route(
    router,
    {
      method: "post",
      path: "/buildings/:id/stage",
      allow: requireWriter,
      tag,
      summary: "Record, correct or clear a stage date (If-Match: version)",
      body: stageUpdateSchema,
      response: buildingSchema,
      ifMatch: true,
      idempotent,
    },
    async ({ params, body, ctx, req, res }) => {
      const id = idParam(params);
      const building = await service.recordStage(ctx, id, ifMatchVersion(req), body);
      res.setHeader("ETag", etagOf(building));
      return building;
    },
  );
}
