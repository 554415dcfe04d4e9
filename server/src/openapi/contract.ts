// The published OpenAPI document as its readers take it: every answer's status must be one the document lists
// for the operation, and its body must match the schema given there — checked with Ajv (JSON Schema 2020-12,
// strict mode), a validator this project did not write. Test support: nothing in the server imports it.

import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiPath } from "../openapi";

type JsonSchema = Record<string, unknown>;
type Method = "get" | "post" | "put" | "patch" | "delete";

interface MediaType {
  schema?: JsonSchema;
}
interface ResponseObject {
  description: string;
  content?: Record<string, MediaType>;
}
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: JsonSchema;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<Method, Operation>>>;
}

/** A request as the test made it: the route as declared (`/buildings/:id`) and the path it asked for. */
export interface Asked {
  method: Method;
  route: string;
  /** With the query string, e.g. `/api/buildings/7?x=1`. */
  path: string;
  /** The JSON body sent, if any. */
  json?: unknown;
}

export interface Answer {
  status: number;
  /** The media type, without parameters. */
  contentType: string;
  /** JSON parsed; text or bytes for other media types; undefined when empty. */
  body: unknown;
}

export class Contract {
  /** Responses and request bodies, exactly as published. */
  private readonly strict = addFormats(new Ajv2020({ strict: true, allErrors: true }));
  /** Path and query parameters arrive as text: "7" stands for the integer 7. */
  private readonly coercing = addFormats(new Ajv2020({ strict: true, allErrors: true, coerceTypes: true }));
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {}

  operation(method: Method, route: string): Operation | undefined {
    return this.document.paths[openApiPath(route)]?.[method];
  }

  /** Every schema of the document, by where it is: each must compile. */
  *schemas(): Generator<{ where: string; schema: JsonSchema }> {
    for (const [path, operations] of Object.entries(this.document.paths)) {
      for (const [method, operation] of Object.entries(operations) as [Method, Operation][]) {
        const at = `${method.toUpperCase()} ${path}`;
        for (const parameter of operation.parameters ?? []) {
          yield { where: `${at} parameter ${parameter.name}`, schema: parameter.schema };
        }
        for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
          if (media.schema) yield { where: `${at} request ${type}`, schema: media.schema };
        }
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (media.schema) yield { where: `${at} ${status} ${type}`, schema: media.schema };
          }
        }
      }
    }
  }

  /** Compiles (once per distinct schema) with the strict validator, or the coercing one for parameters. */
  validator(schema: JsonSchema, coerce = false): ValidateFunction {
    const key = `${coerce}:${JSON.stringify(schema)}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = (coerce ? this.coercing : this.strict).compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** What is wrong with `answer` to `asked` by the document; empty when it holds. */
  check(asked: Asked, answer: Answer): string[] {
    const at = `${asked.method.toUpperCase()} ${asked.path} → ${answer.status}`;
    const operation = this.operation(asked.method, asked.route);
    if (!operation) return [`${at}: the document has no ${asked.method} ${openApiPath(asked.route)}`];
    const documented = operation.responses[String(answer.status)];
    if (!documented) {
      return [`${at}: status not documented (documented: ${Object.keys(operation.responses).join(", ")})`];
    }
    const problems: string[] = [];
    const media = documented.content ?? {};
    if (Object.keys(media).length === 0) {
      if (answer.body !== undefined) problems.push(`${at}: a body where the document says there is none`);
    } else if (!(answer.contentType in media)) {
      problems.push(`${at}: content type ${answer.contentType || "none"}, documented ${Object.keys(media).join(", ")}`);
    } else if (answer.contentType === "application/json") {
      const schema = media[answer.contentType]?.schema;
      if (!schema) problems.push(`${at}: no schema for its JSON body`);
      else problems.push(...this.errors(`${at} body`, schema, answer.body));
    }
    // Whatever the server took, the document must take too: a generated client would send the same.
    if (answer.status < 300) problems.push(...this.checkRequest(at, operation, asked));
    return problems;
  }

  private checkRequest(at: string, operation: Operation, asked: Asked): string[] {
    const url = new URL(asked.path, "http://api.test");
    const pattern = new RegExp(`^${openApiPath(asked.route).replace(/\{\w+\}/g, "([^/]+)")}$`);
    const match = pattern.exec(url.pathname);
    if (!match) return [`${at}: the path does not match ${openApiPath(asked.route)}`];
    const names = [...asked.route.matchAll(/:(\w+)/g)].map((param) => param[1]);
    const path = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")]));
    const query = Object.fromEntries(url.searchParams);
    const problems = [
      ...this.errors(`${at} path`, parametersSchema(operation, "path"), path, true),
      ...this.errors(`${at} query`, parametersSchema(operation, "query"), query, true),
    ];
    if (asked.json !== undefined) {
      const schema = operation.requestBody?.content["application/json"]?.schema;
      if (!schema) problems.push(`${at}: a JSON request body the document does not describe`);
      else problems.push(...this.errors(`${at} request body`, schema, asked.json));
    }
    return problems;
  }

  /** Where `value` breaks `schema`, or that the schema itself is broken. */
  private errors(at: string, schema: JsonSchema, value: unknown, coerce = false): string[] {
    let validate: ValidateFunction;
    try {
      validate = this.validator(schema, coerce);
    } catch (error) {
      return [`${at}: the document's schema does not compile: ${(error as Error).message}`];
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (error) => `${at}${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`,
    );
  }
}

/** The parameters `where` as one object schema: each documented one, the required ones, and no others. */
function parametersSchema(operation: Operation, where: "path" | "query"): JsonSchema {
  const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === where);
  return {
    type: "object",
    properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
    required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    additionalProperties: false,
  };
}
