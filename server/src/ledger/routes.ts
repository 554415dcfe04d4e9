// The Excel ledger's routes: export and template (files), upload → preview, and commit.

import {
  IMPORT_MAX_BYTES,
  importCommitResultSchema,
  importCommitSchema,
  importPreviewSchema,
  importUploadQuerySchema,
  ledgerExportQuerySchema,
  XLSX_MIME,
  yearOf,
} from "@jiati/shared";
import { Router } from "express";
import { requireImport } from "../auth/policy";
import { route } from "../http/route";
import type { LedgerExport } from "./export";
import type { LedgerService } from "./service";
import { readXlsxBody } from "./upload";

const tag = "ledger";
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
        "The ledger (台账) as .xlsx, streamed: one row per building of the town or of `areaId`, and a summary sheet of `year`'s targets and actuals",
      query: ledgerExportQuerySchema,
      produces: XLSX_MIME,
    },
    async ({ query, ctx, res }) => {
      await exporter.write(res, ctx, { areaId: query.areaId, year: query.year ?? yearOf(ctx.today) });
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

  return router;
}
