import { idSchema, msg } from "@jiati/shared";
import type { Request } from "express";
import { InvalidInput } from "../core/errors";

/** The numeric `:id` (or other) path parameter, or 400 naming it. */
export function idParam(params: Record<string, string>, name = "id"): number {
  const parsed = idSchema.safeParse(params[name]);
  if (!parsed.success) throw InvalidInput.field(name, msg("error.idExpected"));
  return parsed.data;
}

/** The version in If-Match (`"3"`, `W/"3"` or `3`), which every edit of a versioned record must send. */
export function ifMatchVersion(req: Request): number {
  const header = req.get("If-Match");
  if (!header) throw InvalidInput.field("If-Match", msg("error.ifMatchMissing"));
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw InvalidInput.field("If-Match", msg("error.ifMatchInvalid"));
  return Number(match[1]);
}
