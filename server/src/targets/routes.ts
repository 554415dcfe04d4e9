import {
  putLetterSchema,
  putTargetsSchema,
  targetLetterSchema,
  targetsResponseSchema,
  yearOf,
  yearSchema,
} from "@jiati/shared";
import { Router } from "express";
import { z } from "zod";
import { requireTaskforce } from "../auth/policy";
import { idParam } from "../http/params";
import { route } from "../http/route";
import type { LetterService } from "./letters";
import type { TargetService } from "./service";

const tag = "targets";

export function targetRoutes(service: TargetService, letters: LetterService): Router {
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
      allow: (user) => requireTaskforce(user, "setTargets"),
      tag,
      summary: "Set targets (task force); value null removes one",
      body: putTargetsSchema,
      response: targetsResponseSchema,
    },
    async ({ body, ctx }) => service.put(ctx, body),
  );

  route(
    router,
    {
      method: "get",
      path: "/targets/letters",
      tag,
      summary: "Each area's target letter (目标任务书) for the year",
      query: z.strictObject({ year: yearSchema.optional() }),
      response: z.array(targetLetterSchema),
    },
    async ({ query, ctx }) => letters.list(query.year ?? yearOf(ctx.today)),
  );

  route(
    router,
    {
      method: "put",
      path: "/targets/letters/:areaId",
      allow: (user) => requireTaskforce(user, "editLetters"),
      tag,
      summary: "Record an area's target letter for a year (task force)",
      body: putLetterSchema,
      response: targetLetterSchema,
    },
    async ({ params, body, ctx }) => letters.put(ctx, idParam(params, "areaId"), body),
  );

  return router;
}
