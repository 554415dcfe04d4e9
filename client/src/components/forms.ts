// Glue between antd forms, the shared zod schemas and the API's field errors, so a form validates with
// the same schema as the server and shows the server's errors on the field they name.

import type { FormInstance } from "antd";
import type { Rule } from "antd/es/form";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { isApiError } from "../api/http";

/**
 * A required dropdown: its message says 请选择 (antd's default for any required field is 请输入, which reads
 * wrong under a list of choices).
 */
export function chooseRule(t: TFunction, label: string): Rule {
  return { required: true, message: t("common.chooseField", { field: label }) };
}

/** An antd rule that checks one field's value with a zod schema (its first issue is the message). */
export function zodRule(schema: z.ZodType): Rule {
  return {
    validator: (_rule, value) => {
      if (value === undefined || value === null || value === "") return Promise.resolve();
      const result = schema.safeParse(value);
      return result.success ? Promise.resolve() : Promise.reject(new Error(result.error.issues[0]?.message));
    },
  };
}

/**
 * Checks a whole request body with its schema; puts each issue on the form field it names (path[0]).
 * Returns the parsed body, or null when there were issues.
 */
export function parseInto<S extends z.ZodType>(form: FormInstance, schema: S, body: unknown): z.infer<S> | null {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const byField = new Map<string, string>();
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    const name = known.has(field) ? field : [...known][0];
    if (name && !byField.has(name)) byField.set(name, issue.message);
  }
  form.setFields([...byField].map(([name, message]) => ({ name, errors: [message] })));
  return null;
}

/** Shows an API error's `fields` on the form; returns whether any field error was shown. */
export function applyServerErrors(form: FormInstance, error: unknown, rename: Record<string, string> = {}): boolean {
  if (!isApiError(error) || !error.fields) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = Object.entries(error.fields)
    .map(([field, message]) => ({ name: rename[field] ?? field, errors: [message] }))
    .filter((entry) => known.has(entry.name));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
