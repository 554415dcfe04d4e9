import { putTargetsSchema, yearOf, yearSchema } from "@jiati/shared";
import { Router } from "express";
import { z } from "zod";
import { route } from "../http/route";
import { type TargetService, targetsResponseSchema } from "./service";

const tag = "targets";

export function targetRoutes(service: TargetService): Router {
  const router = Router();

  route(
    router,
    {
      method: "get",
      path: "/targets",
      tag,
      summary: "The year's targets: the town's, and per zone and area",
      query: z.strictObject({ year: yearSchema.optional() }),
      response: targetsResponseSchema,
    },
    async ({ query, ctx }) => service.get(query.year ?? yearOf(ctx.today)),
  );

  route(
    router,
    {
      method: "put",
      path: "/targets",
      tag,
      summary: "Set targets (task force); value null removes one",
      body: putTargetsSchema,
      response: targetsResponseSchema,
    },
    async ({ body, ctx }) => service.put(ctx, body),
  );

  return router;
}
