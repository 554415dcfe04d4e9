// Turns zod issues into the API's 400: the first message, named by its field, plus one message per field.

import type { z } from "zod";
import { InvalidInput } from "../errors";

export function fieldName(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "body";
}

export function invalidFromZod(error: z.ZodError): InvalidInput {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    // An unknown key is reported on the key itself, not on the object holding it.
    const keys = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of keys) {
      const name = fieldName(path);
      fields[name] ??= issue.code === "unrecognized_keys" ? "不支持的字段" : issue.message;
    }
  }
  const [first] = Object.entries(fields);
  return new InvalidInput(first ? `${first[0]}: ${first[1]}` : "输入无效", fields);
}

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
  if (unstorable) throw InvalidInput.field(fieldName(unstorable), "含有无法保存的字符（NUL 或不成对的代理项）");
  const result = schema.safeParse(value);
  if (!result.success) throw invalidFromZod(result.error);
  return result.data;
}
