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

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidFromZod(result.error);
  return result.data;
}
