// GET /api/audit: the change log (task force).

import { auditPageSchema, auditQuerySchema } from "@jiati/shared";
import { Router } from "express";
import { requireTaskforce } from "../auth/policy";
import { route } from "../http/route";
import type { AuditService } from "./service";

export function auditRoutes(service: AuditService): Router {
  const router = Router();
  route(
    router,
    {
      method: "get",
      path: "/audit",
      allow: (user) => requireTaskforce(user, "viewAudit"),
      tag: "audit",
      summary: "The change log, newest first, filtered by area, user, action and date range (task force)",
      query: auditQuerySchema,
      response: auditPageSchema,
    },
    async ({ query, ctx }) => service.list(ctx, query),
  );
  return router;
}
