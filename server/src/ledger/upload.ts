// Reads an uploaded .xlsx sent as the raw request body, refusing other content types (400) and bodies over
// the size limit (413) — before the spreadsheet reader sees a byte.

import { AsyncResource } from "node:async_hooks";
import { IMPORT_MAX_BYTES, msg, XLSX_MIME } from "@jiati/shared";
import type { Request } from "express";
import { AppError, InvalidInput } from "../core/errors";

const ACCEPTED_TYPES = [XLSX_MIME, "application/octet-stream"];

export class PayloadTooLarge extends AppError {
  constructor(maxBytes: number) {
    super(413, "payload_too_large", msg("upload.tooLarge", { mb: Math.round(maxBytes / 1024 / 1024) }));
  }
}

/** The request body as one Buffer, at most `maxBytes` long. */
export async function readXlsxBody(req: Request, maxBytes = IMPORT_MAX_BYTES): Promise<Buffer> {
  const type = (req.get("Content-Type") ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (!ACCEPTED_TYPES.includes(type)) {
    const message = msg("upload.wrongType", { mime: XLSX_MIME, type: type || msg("upload.noType") });
    throw new InvalidInput(message, { file: message }, "unsupported_media_type");
  }
  const encoding = (req.get("Content-Encoding") ?? "identity").toLowerCase();
  if (encoding !== "identity") throw InvalidInput.field("file", msg("upload.compressed"));
  const declared = Number(req.get("Content-Length") ?? Number.NaN);
  if (declared > maxBytes) throw new PayloadTooLarge(maxBytes);

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // The body's events are bound to the request, so the refusals below are said in its language.
    const onData = AsyncResource.bind((chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop keeping the body but let it flow (and be discarded), so the client reads the 413.
      req.off("data", onData);
      req.resume();
      reject(new PayloadTooLarge(maxBytes));
    });
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks, Math.min(size, maxBytes))));
    req.once("error", reject);
    req.once(
      "close",
      AsyncResource.bind(() => {
        if (!req.complete) reject(InvalidInput.field("file", msg("upload.interrupted")));
      }),
    );
  });
}
