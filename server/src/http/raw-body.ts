// Reads a raw request body (a file sent as the body itself, not multipart) into one Buffer, refusing it with
// 413 as soon as it is known to be too large — by its Content-Length before a byte is read, or while a
// chunked body streams in — so an upload route never holds more than its limit.

import { AsyncResource } from "node:async_hooks";
import { msg } from "@jiati/shared";
import type { Request } from "express";
import { AppError, InvalidInput } from "../core/errors";

export class PayloadTooLarge extends AppError {
  constructor(message: string) {
    super(413, "payload_too_large", message);
  }
}

/** The request's media type, without parameters, lower case ("" when absent). */
export function mediaTypeOf(req: Request): string {
  return (req.get("Content-Type") ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
}

/** The request body as one Buffer, at most `maxBytes` long, else `tooLarge` (a 413). */
export async function readRawBody(req: Request, maxBytes: number, tooLarge: () => AppError): Promise<Buffer> {
  const encoding = (req.get("Content-Encoding") ?? "identity").toLowerCase();
  if (encoding !== "identity") throw InvalidInput.field("file", msg("upload.compressed"));
  const declared = Number(req.get("Content-Length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge();

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
      reject(tooLarge());
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
