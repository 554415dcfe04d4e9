import { idSchema } from "@jiati/shared";
import type { Request } from "express";
import { InvalidInput } from "../core/errors";

/** The numeric `:id` (or other) path parameter, or 400 naming it. */
export function idParam(params: Record<string, string>, name = "id"): number {
  const parsed = idSchema.safeParse(params[name]);
  if (!parsed.success) throw InvalidInput.field(name, "应为正整数编号");
  return parsed.data;
}

/** The version in If-Match (`"3"`, `W/"3"` or `3`), which every edit of a versioned record must send. */
export function ifMatchVersion(req: Request): number {
  const header = req.get("If-Match");
  if (!header) throw InvalidInput.field("If-Match", "修改需要带上记录的版本号（If-Match 请求头）");
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw InvalidInput.field("If-Match", "版本号格式不正确");
  return Number(match[1]);
}
