// The weekly briefings' routes (docs/DOMAIN.md § Weekly briefing): list, generate, read, download as .docx,
// regenerate, edit 下一步工作, issue. Writes are the task force's; reads the task force's and the leaders'.

import {
  briefingListQuerySchema,
  briefingListSchema,
  briefingSchema,
  createBriefingSchema,
  patchBriefingSchema,
  regenerateBriefingSchema,
} from "@jiati/shared";
import { Router } from "express";
import { requireBriefingsReader, requireTaskforce } from "../auth/policy";
import { idParam, ifMatchVersion } from "../http/params";
import { route } from "../http/route";
import { contentDisposition } from "../ledger/export";
import { DOCX_MIME } from "./docx";
import type { BriefingService } from "./service";

const tag = "briefings";
const manage = (user: Parameters<typeof requireTaskforce>[0]) => requireTaskforce(user, "manageBriefings");

export function briefingRoutes(service: BriefingService): Router {
  const router = Router();

  route(
    router,
    {
      method: "get",
      path: "/briefings",
      tag,
      summary:
        "The briefings the caller may read, newest week first: the task force all; a zone leader their zone's; a leader without a zone the issued ones; secretaries none (403)",
      query: briefingListQuerySchema,
      response: briefingListSchema,
      allow: requireBriefingsReader,
    },
    ({ query, ctx }) => service.list(ctx, query),
  );

  route(
    router,
    {
      method: "post",
      path: "/briefings",
      tag,
      summary:
        "Generates the week's draft briefing of the town (zoneId null) or a zone, as of `asOf` (default today); 409 `briefing_exists` when that scope's briefing of the week exists (its id in `current`)",
      body: createBriefingSchema,
      response: briefingSchema,
      status: 201,
      allow: manage,
    },
    async ({ body, ctx, res }) => {
      const briefing = await service.create(ctx, body);
      res.status(201);
      return briefing;
    },
  );

  // Before /briefings/:id, which would otherwise take "12.docx" for its id.
  route(
    router,
    {
      method: "get",
      path: "/briefings/:id.docx",
      tag,
      summary: "The briefing as a Word document (A4), with the same text as its page",
      produces: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    async ({ params, ctx, res }) => {
      const { data, fileName, asciiName } = await service.docx(ctx, idParam(params));
      res.status(200);
      res.setHeader("Content-Type", DOCX_MIME);
      res.setHeader("Content-Disposition", contentDisposition(fileName, asciiName));
      res.setHeader("Cache-Control", "no-store");
      res.send(data);
    },
  );

  route(
    router,
    {
      method: "get",
      path: "/briefings/:id",
      tag,
      summary: "One briefing: its generated content, 下一步工作, status and what the caller may do with it",
      response: briefingSchema,
    },
    ({ params, ctx }) => service.get(ctx, idParam(params)),
  );

  route(
    router,
    {
      method: "patch",
      path: "/briefings/:id",
      tag,
      summary:
        "Edits a draft's 下一步工作 (If-Match: its version); an issued briefing is frozen (409 `briefing_issued`)",
      body: patchBriefingSchema,
      response: briefingSchema,
      ifMatch: true,
      allow: manage,
    },
    ({ params, body, req, ctx }) => service.patch(ctx, idParam(params), ifMatchVersion(req), body),
  );

  route(
    router,
    {
      method: "post",
      path: "/briefings/:id/regenerate",
      tag,
      summary:
        "Generates a draft's content afresh as of a day of its week (`asOf`; default today, or the week's Sunday once it is over)",
      body: regenerateBriefingSchema,
      response: briefingSchema,
      ifMatch: true,
      allow: manage,
    },
    ({ params, body, req, ctx }) => service.regenerate(ctx, idParam(params), ifMatchVersion(req), body),
  );

  route(
    router,
    {
      method: "post",
      path: "/briefings/:id/issue",
      tag,
      summary:
        "Issues a draft (If-Match: its version): its content and 下一步工作 are frozen and it takes the scope's next number of the year (第N期)",
      response: briefingSchema,
      ifMatch: true,
      allow: manage,
    },
    ({ params, req, ctx }) => service.issue(ctx, idParam(params), ifMatchVersion(req)),
  );

  return router;
}
