// Reads an uploaded .xlsx sent as the raw request body, refusing other content types (400) and bodies over
// the size limit (413) — before the spreadsheet reader sees a byte.

import { IMPORT_MAX_BYTES, XLSX_MIME } from "@jiati/shared";
import type { Request } from "express";
import { InvalidInput } from "../core/errors";
import { mediaTypeOf, PayloadTooLarge, readRawBody } from "../http/raw-body";

const ACCEPTED_TYPES = [XLSX_MIME, "application/octet-stream"];

const tooLarge = (maxBytes: number) => () =>
  new PayloadTooLarge(`文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请拆分后再上传`);

/** The request body as one Buffer, at most `maxBytes` long. */
export async function readXlsxBody(req: Request, maxBytes = IMPORT_MAX_BYTES): Promise<Buffer> {
  const type = mediaTypeOf(req);
  if (!ACCEPTED_TYPES.includes(type)) {
    const message = `请把 .xlsx 文件内容直接作为请求体上传（Content-Type: ${XLSX_MIME}），不是 ${type || "空"}`;
    throw new InvalidInput(message, { file: message }, "unsupported_media_type");
  }
  return readRawBody(req, maxBytes, tooLarge(maxBytes));
}
