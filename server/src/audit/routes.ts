import { auditRowSchema } from "@jiati/shared";
import { Router } from "express";
import { z } from "zod";
import { requireTaskforce } from "../auth/policy";
import type { Deps } from "../core/deps";
import { route } from "../http/route";
import { auditQuerySchema, listAudit } from "./service";

export function auditRoutes(deps: Deps): Router {
  const router = Router();
  route(
    router,
    {
      method: "get",
      path: "/audit",
      allow: (user) => requireTaskforce(user, "查看变更记录"),
      tag: "audit",
      summary: "The change log, newest first, filtered by area, user, action and date range (task force)",
      query: auditQuerySchema,
      response: z.object({ items: z.array(auditRowSchema), nextBefore: z.number().nullable() }),
    },
    async ({ query, ctx }) => {
      requireTaskforce(ctx.user, "查看变更记录");
      return listAudit(deps.db, query);
    },
  );
  return router;
}
