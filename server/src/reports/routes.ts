import { reportNotesInputSchema, reportNotesQuerySchema, reportNotesSchema } from "@jiati/shared";
import { Router } from "express";
import { requireTaskforce } from "../auth/policy";
import { ifMatchVersion } from "../http/params";
import { route } from "../http/route";
import type { ReportNotesService } from "./service";

const tag = "reports";

export function reportRoutes(service: ReportNotesService): Router {
  const router = Router();
  route(
    router,
    {
      method: "get",
      path: "/report-notes",
      tag,
      summary: "The progress report's next steps (下一步工作) of a year, for the town or one zone",
      query: reportNotesQuerySchema,
      response: reportNotesSchema,
    },
    async ({ query, ctx }) => service.read(ctx, query),
  );
  route(
    router,
    {
      method: "put",
      path: "/report-notes",
      allow: (user) => requireTaskforce(user, "setReportNotes"),
      tag,
      summary: "Write the report's next steps (task force; If-Match: version, 0 before the first write)",
      query: reportNotesQuerySchema,
      body: reportNotesInputSchema,
      response: reportNotesSchema,
      ifMatch: true,
    },
    async ({ query, body, req, ctx }) => service.write(ctx, query, ifMatchVersion(req), body),
  );
  return router;
}
