// GET /api/openapi.json: an OpenAPI 3.1 description generated from the route declarations and their shared zod
// schemas. Its schemas are JSON Schema 2020-12, the dialect of OpenAPI 3.1, so a nullable value reads as what it
// means (`anyOf: [{ enum: [...] }, { type: "null" }]`) to any JSON Schema validator.

import { apiErrorSchema, idSchema, yearSchema } from "@jiati/shared";
import { z } from "zod";
import { type RouteDoc, routeDocs } from "./http/route";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // The dialect is the document's (OpenAPI 3.1's default), not repeated in each schema.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  if ("$defs" in rest) throw new Error("openapi: a schema with $defs cannot be inlined; give it a component");
  return rest;
}

/** The path parameters the routes use, by name: what the handler accepts (http/params.ts, ledger/routes.ts). */
const PATH_PARAMETERS: Record<string, JsonSchema> = {
  id: jsonSchema(idSchema, "input"),
  areaId: jsonSchema(idSchema, "input"),
  year: jsonSchema(yearSchema, "input"),
  token: { type: "string", pattern: "^[A-Za-z0-9_-]{1,100}$" },
};

/** What the error middleware sends: a 409 for a stale version also carries the current record. */
const errorSchema = apiErrorSchema.extend({
  error: apiErrorSchema.shape.error.extend({
    current: z.unknown().optional().describe("With a 409 for a stale version: the record as it is now"),
  }),
});

const ERROR_STATUSES = ["400", "401", "403", "404", "409", "429"] as const;

function pathParameter(name: string) {
  const schema = PATH_PARAMETERS[name];
  if (!schema) throw new Error(`openapi: no schema for the path parameter :${name}`);
  return { name, in: "path", required: true, schema };
}

function successResponse(doc: RouteDoc) {
  if (doc.status === 204) return { description: "No content" };
  if (doc.produces) {
    const types = typeof doc.produces === "string" ? [doc.produces] : doc.produces;
    return { description: "OK", content: Object.fromEntries(types.map((type) => [type, {}])) };
  }
  // A route without a declared response schema still answers JSON (route() sends what the handler returns).
  const schema = doc.response ? jsonSchema(doc.response, "output") : {};
  return { description: "OK", content: { "application/json": { schema } } };
}

/** The document's path of a route as declared: `/buildings/:id` → `/api/buildings/{id}`. */
export function openApiPath(route: string): string {
  return `/api${route.replace(/:(\w+)/g, "{$1}")}`;
}

function operation(doc: RouteDoc, errorResponse: JsonSchema) {
  const path = openApiPath(doc.path);
  const parameters: unknown[] = [...path.matchAll(/\{(\w+)\}/g)].map((match) => pathParameter(match[1] ?? ""));
  if (doc.query) {
    const schema = jsonSchema(doc.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      parameters.push({ name, in: "query", required: schema.required?.includes(name) ?? false, schema: property });
    }
  }
  const changesState = doc.method !== "get";
  if (changesState) {
    parameters.push({
      name: "X-Requested-With",
      in: "header",
      required: true,
      schema: { type: "string", minLength: 1 },
      description: "Any value; a state-changing request without it is refused (403)",
    });
  }
  if (doc.ifMatch) {
    parameters.push({
      name: "If-Match",
      in: "header",
      required: true,
      schema: { type: "string" },
      description: "The record's version",
    });
  }
  if (doc.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      schema: { type: "string", pattern: "^[A-Za-z0-9_-]{8,100}$" },
      description:
        "A key of the client's own making for this change (8–100 of A–Z a–z 0–9 _ -; 400 otherwise), the same on every resend: a key already committed by the same user to the same method and path is answered with the first answer (status and body, header Idempotent-Replayed: true) and changes nothing; used by another user or for another request, 422. Kept 7 days",
    });
  }
  const errors: Record<string, unknown> = Object.fromEntries(ERROR_STATUSES.map((status) => [status, errorResponse]));
  if (doc.idempotent)
    errors["422"] = { ...errorResponse, description: "Idempotency-Key already used for another request" };
  for (const status of doc.alsoAnswers ?? []) errors[String(status)] = errorResponse;
  // Every request body passes the 1 MB JSON limit (the import upload its own): 413 beyond.
  if (changesState) errors["413"] = { ...errorResponse, description: "Request body too large" };
  return {
    path,
    method: doc.method,
    value: {
      tags: [doc.tag],
      summary: doc.summary,
      security: doc.access === "public" ? [] : [{ session: [] }],
      parameters,
      ...requestBody(doc),
      responses: { [String(doc.status ?? 200)]: successResponse(doc), ...errors },
    },
  };
}

/** The request body: JSON with its schema, or a raw file in one of its media types. */
function requestBody(doc: RouteDoc) {
  if (doc.body) {
    return {
      requestBody: { required: true, content: { "application/json": { schema: jsonSchema(doc.body, "input") } } },
    };
  }
  if (doc.rawBody) {
    return { requestBody: { required: true, content: Object.fromEntries(doc.rawBody.map((type) => [type, {}])) } };
  }
  return {};
}

export function openApiDocument() {
  const errorResponse = {
    description: "Error",
    content: { "application/json": { schema: jsonSchema(errorSchema, "output") } },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of routeDocs) {
    const { path, method, value } = operation(doc, errorResponse);
    paths[path] ??= {};
    paths[path][method] = value;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "加梯进度 API",
      version: "1.0.0",
      description:
        "Progress of a town's elevator-retrofit programme. State-changing requests need the X-Requested-With header.",
    },
    components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "jt_session" } } },
    paths,
  };
}
