// Validates a request's parts with their zod schemas; the first broken rule becomes the API's 400, named by
// its field (InvalidInput.fromZod).

import { msg } from "@jiati/shared";
import type { z } from "zod";
import { fieldName, InvalidInput } from "../core/errors";

/** A lone UTF-16 surrogate: not Unicode text; PostgreSQL would store it as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path of the first string (or key) that PostgreSQL cannot store as sent — one holding NUL, which text
 * columns refuse, or a lone surrogate — or null. Request bodies are shallow; deeper values are left to zod.
 */
function unstorableText(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  const bad = (text: string) => text.includes("\u0000") || LONE_SURROGATE.test(text);
  if (typeof value === "string") return bad(value) ? path : null;
  if (!value || typeof value !== "object" || path.length > 8) return null;
  for (const [key, child] of Object.entries(value)) {
    if (bad(key)) return [...path, key];
    const found = unstorableText(child, [...path, key]);
    if (found) return found;
  }
  return null;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const unstorable = unstorableText(value);
  if (unstorable) throw InvalidInput.field(fieldName(unstorable), msg("error.unstorableText"));
  const result = schema.safeParse(value);
  if (!result.success) throw InvalidInput.fromZod(result.error);
  return result.data;
}
