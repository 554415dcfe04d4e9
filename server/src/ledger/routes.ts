// The Excel ledger's routes: export and template (files), upload → preview, and commit.

import {
  IMPORT_MAX_BYTES,
  IMPORT_PREVIEW_ROWS,
  importCommitResultSchema,
  importCommitSchema,
  importErrorsPageSchema,
  importErrorsQuerySchema,
  importPreviewSchema,
  importRowsPageSchema,
  importRowsQuerySchema,
  importUploadQuerySchema,
  ledgerExportQuerySchema,
  msg,
  XLSX_MIME,
  yearOf,
} from "@jiati/shared";
import { Router } from "express";
import { requireImport } from "../auth/policy";
import { NotFound } from "../core/errors";
import { route } from "../http/route";
import type { LedgerExport } from "./export";
import type { LedgerService } from "./service";
import { readXlsxBody } from "./upload";

const tag = "ledger";

/** A preview token from the path: what randomBytes(24) base64url makes, else no preview can match. */
function tokenParam(params: Record<string, string>): string {
  const token = params.token ?? "";
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(token)) throw new NotFound(msg("notFound.preview"));
  return token;
}
const MB = IMPORT_MAX_BYTES / 1024 / 1024;

export function ledgerRoutes(service: LedgerService, exporter: LedgerExport): Router {
  const router = Router();

  route(
    router,
    {
      method: "get",
      path: "/export/buildings.xlsx",
      tag,
      summary:
        "The ledger (台账) as .xlsx, streamed: one row per building of the town, of `zoneId` or of `areaId`, and a summary sheet of `year`'s targets and actuals for the same scope",
      query: ledgerExportQuerySchema,
      produces: XLSX_MIME,
    },
    async ({ query, ctx, res }) => {
      const { areaId, zoneId } = query;
      await exporter.write(res, ctx, { areaId, zoneId, year: query.year ?? yearOf(ctx.today) });
      return undefined;
    },
  );

  route(
    router,
    {
      method: "get",
      path: "/import/template.xlsx",
      tag,
      summary: "The empty ledger to fill in for an import, with an instructions sheet",
      produces: XLSX_MIME,
    },
    async ({ ctx, res }) => {
      await exporter.template(res, ctx);
      return undefined;
    },
  );

  importRoutes(router, service);
  return router;
}

/** Upload → preview (read page by page) → commit. */
function importRoutes(router: Router, service: LedgerService): void {
  route(
    router,
    {
      method: "post",
      path: "/import/buildings",
      allow: requireImport,
      status: 201,
      tag,
      summary: `Upload a ledger to import: the .xlsx file is the raw request body (Content-Type ${XLSX_MIME} or application/octet-stream, at most ${MB} MB, else 413; optional ?name= file name). Nothing is written: the response is a preview — per row create/update/unchanged/error, field-by-field changes, every error by row and column — under a token to commit within an hour. 400 when the file is not a readable ledger; 403 for leaders`,
      query: importUploadQuerySchema,
      response: importPreviewSchema,
    },
    async ({ query, ctx, req, res }) => {
      requireImport(ctx.user);
      const file = await readXlsxBody(req);
      const preview = await service.preview(ctx, file, query.name || "台账.xlsx");
      res.status(201);
      return preview;
    },
  );

  route(
    router,
    {
      method: "get",
      path: "/import/buildings/:token/rows",
      allow: requireImport,
      tag,
      summary: `A page of an import preview's rows (\`action\`: what they do, or \`changes\`), with their errors; for the uploader only (403 otherwise, 404 when expired). At most ${IMPORT_PREVIEW_ROWS} come with the preview itself`,
      query: importRowsQuerySchema,
      response: importRowsPageSchema,
    },
    async ({ params, query, ctx }) => service.rowsPage(ctx, tokenParam(params), query),
  );

  route(
    router,
    {
      method: "get",
      path: "/import/buildings/:token/errors",
      allow: requireImport,
      tag,
      summary: "A page of an import preview's errors, by row and column; for the uploader only",
      query: importErrorsQuerySchema,
      response: importErrorsPageSchema,
    },
    async ({ params, query, ctx }) => service.errorsPage(ctx, tokenParam(params), query),
  );

  route(
    router,
    {
      method: "post",
      path: "/import/buildings/commit",
      allow: requireImport,
      tag,
      summary:
        "Apply a previewed import, all or nothing, in one transaction: 400 if the preview has errors or a needed `reason` is missing, 409 if any building changed since the preview (nothing applied), 404 when the token is unknown or expired",
      body: importCommitSchema,
      response: importCommitResultSchema,
    },
    async ({ body, ctx }) => service.commit(ctx, body),
  );
}
