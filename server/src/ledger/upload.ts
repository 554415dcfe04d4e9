// Reads an uploaded .xlsx sent as the raw request body, refusing other content types (400) and bodies over
// the size limit (413) — before the spreadsheet reader sees a byte.

import { IMPORT_MAX_BYTES, msg, XLSX_MIME } from "@jiati/shared";
import type { Request } from "express";
import { InvalidInput } from "../core/errors";
import { mediaTypeOf, PayloadTooLarge, readRawBody } from "../http/raw-body";

const ACCEPTED_TYPES = [XLSX_MIME, "application/octet-stream"];

const tooLarge = (maxBytes: number) => () =>
  new PayloadTooLarge(msg("upload.tooLarge", { mb: Math.round(maxBytes / 1024 / 1024) }));

/** The request body as one Buffer, at most `maxBytes` long. */
export async function readXlsxBody(req: Request, maxBytes = IMPORT_MAX_BYTES): Promise<Buffer> {
  const type = mediaTypeOf(req);
  if (!ACCEPTED_TYPES.includes(type)) {
    const message = msg("upload.wrongType", { mime: XLSX_MIME, type: type || msg("upload.noType") });
    throw new InvalidInput(message, { file: message }, "unsupported_media_type");
  }
  return readRawBody(req, maxBytes, tooLarge(maxBytes));
}
