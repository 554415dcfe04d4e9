// GET /api/openapi.json: generated from the route declarations and their shared zod schemas.

import { apiErrorSchema } from "@jiati/shared";
import { z } from "zod";
import { type RouteDoc, routeDocs } from "./http/route";

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "openapi-3.0" }) as Record<string, unknown>;
}

function operation(doc: RouteDoc) {
  const path = doc.path.replace(/:(\w+)/g, "{$1}");
  const parameters: unknown[] = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "integer" },
  }));
  if (doc.query) {
    const schema = jsonSchema(doc.query, "input") as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      parameters.push({ name, in: "query", required: schema.required?.includes(name) ?? false, schema: property });
    }
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
  const errorResponse = {
    description: "Error",
    content: { "application/json": { schema: jsonSchema(apiErrorSchema, "output") } },
  };
  const success = doc.produces
    ? { description: "OK", content: { [doc.produces]: {} } }
    : doc.response
      ? { description: "OK", content: { "application/json": { schema: jsonSchema(doc.response, "output") } } }
      : { description: "OK" };
  return {
    path,
    method: doc.method,
    value: {
      tags: [doc.tag],
      summary: doc.summary,
      security: doc.access === "public" ? [] : [{ session: [] }],
      parameters,
      ...(doc.body
        ? {
            requestBody: { required: true, content: { "application/json": { schema: jsonSchema(doc.body, "input") } } },
          }
        : {}),
      responses: {
        [String(doc.status ?? 200)]: doc.status === 204 ? { description: "No content" } : success,
        "400": errorResponse,
        "401": errorResponse,
        "403": errorResponse,
        "404": errorResponse,
        "409": errorResponse,
        "429": errorResponse,
      },
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of routeDocs) {
    const { path, method, value } = operation(doc);
    paths[`/api${path}`] ??= {};
    paths[`/api${path}`][method] = value;
  }
  return {
    openapi: "3.0.3",
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
