import {
  areaSchema,
  areaWithCountsSchema,
  createAreaSchema,
  createZoneSchema,
  idSchema,
  patchAreaSchema,
  patchZoneSchema,
  zoneSchema,
  zoneWithCountsSchema,
} from "@jiati/shared";
import { Router } from "express";
import { z } from "zod";
import { requireTaskforce } from "../auth/policy";
import { idParam } from "../http/params";
import { route } from "../http/route";
import type { StructureService } from "./service";

const tag = "structure";

export function structureRoutes(service: StructureService): Router {
  const router = Router();

  route(
    router,
    {
      method: "get",
      path: "/zones",
      tag,
      summary: "Zones with per-stage counts",
      response: z.array(zoneWithCountsSchema),
    },
    async () => (await service.structure()).zones,
  );

  route(
    router,
    {
      method: "get",
      path: "/areas",
      tag,
      summary: "Residential areas with per-stage counts",
      query: z.strictObject({ zoneId: idSchema.optional() }),
      response: z.array(areaWithCountsSchema),
    },
    async ({ query }) => {
      const { areas } = await service.structure();
      return query.zoneId ? areas.filter((area) => area.zoneId === query.zoneId) : areas;
    },
  );

  route(
    router,
    {
      method: "get",
      path: "/areas/:id",
      tag,
      summary: "One residential area with its counts",
      response: areaWithCountsSchema,
    },
    async ({ params }) => service.area(idParam(params)),
  );

  structureWriteRoutes(router, service);
  return router;
}

/** Zones and areas added and renamed (task force). */
function structureWriteRoutes(router: Router, service: StructureService): void {
  route(
    router,
    {
      method: "post",
      path: "/zones",
      allow: (user) => requireTaskforce(user, "createZone"),
      status: 201,
      tag,
      summary: "Add a zone (task force)",
      body: createZoneSchema,
      response: zoneSchema,
    },
    async ({ body, ctx, res }) => {
      res.status(201);
      return service.createZone(ctx, body.name);
    },
  );

  route(
    router,
    {
      method: "patch",
      path: "/zones/:id",
      allow: (user) => requireTaskforce(user, "editZone"),
      tag,
      summary: "Rename a zone (task force)",
      body: patchZoneSchema,
      response: zoneSchema,
    },
    async ({ params, body, ctx }) => service.renameZone(ctx, idParam(params), body.name),
  );

  route(
    router,
    {
      method: "post",
      path: "/areas",
      allow: (user) => requireTaskforce(user, "createArea"),
      status: 201,
      tag,
      summary: "Add a residential area (task force)",
      body: createAreaSchema,
      response: areaSchema,
    },
    async ({ body, ctx, res }) => {
      res.status(201);
      return service.createArea(ctx, body);
    },
  );

  route(
    router,
    {
      method: "patch",
      path: "/areas/:id",
      allow: (user) => requireTaskforce(user, "editArea"),
      tag,
      summary: "Rename an area or move it to another zone (task force)",
      body: patchAreaSchema,
      response: areaSchema,
    },
    async ({ params, body, ctx }) => service.updateArea(ctx, idParam(params), body),
  );
}
