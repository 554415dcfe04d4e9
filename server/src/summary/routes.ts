import { summaryQuerySchema, summarySchema, yearOf } from "@jiati/shared";
import { Router } from "express";
import { route } from "../http/route";
import type { SummaryService } from "./service";

export function summaryRoutes(service: SummaryService): Router {
  const router = Router();
  route(
    router,
    {
      method: "get",
      path: "/summary",
      tag: "summary",
      summary:
        "The year's progress: per stage actual/target/expected/forecast, monthly series, per-zone and per-area table; `asOf` counts as at the end of a past day",
      query: summaryQuerySchema,
      response: summarySchema,
    },
    async ({ query, ctx }) =>
      service.summaryJson(query.year ?? yearOf(ctx.today), query.zoneId ?? null, ctx.today, query.asOf),
  );
  return router;
}
