// Declares an API route once: Express registration with validation and authentication, plus the entry
// that the generated OpenAPI description is built from.

import type { NextFunction, Request, Response, Router } from "express";
import type { z } from "zod";
import type { RequestContext, SessionUser } from "../core/context";
import { Unauthenticated } from "../core/errors";
import { JsonText } from "../core/json-text";
import { claimOf, type Idempotent, once, REPLAYED } from "./idempotency";
import { parseOrThrow } from "./validate";

export type Access = "public" | "user";
type Method = "get" | "post" | "put" | "patch" | "delete";

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access?: Access;
  body?: B;
  query?: Q;
  response?: z.ZodType;
  /** A non-JSON response (file, stream): its media type or types, for the description. */
  produces?: string | readonly string[];
  /** A raw request body (a file, not JSON): the media types it may be sent as, for the description. */
  rawBody?: readonly string[];
  /** Error statuses the route answers beyond the usual ones (415 for a file of the wrong type, say). */
  alsoAnswers?: readonly number[];
  /** Takes If-Match with the record's version. */
  ifMatch?: boolean;
  /**
   * Takes an Idempotency-Key (http/idempotency.ts): a key already committed is answered as the first time. The
   * handler's write must record it (`recordIdempotency` in its transaction).
   */
  idempotent?: Idempotent;
  /** The success status, for the description (the handler sets it): 200 unless said. */
  status?: 200 | 201 | 204;
  /**
   * The part of the route's policy that needs only the user (a `require…` of auth/policy.ts), checked before
   * the input is validated: a user who may not call the route gets 403 whatever they send. The service
   * still checks everything that depends on the data.
   */
  allow?: (user: SessionUser) => void;
}

export interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  produces?: string | readonly string[];
  rawBody?: readonly string[];
  alsoAnswers?: readonly number[];
  ifMatch?: boolean;
  idempotent?: Idempotent;
  status?: 200 | 201 | 204;
}

export const routeDocs: RouteDoc[] = [];

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface Input<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  req: Request;
  res: Response;
  /** Present on every route but public ones. */
  ctx: RequestContext;
}

/**
 * Registers `handler` on `router`. The handler's return value is sent as JSON with the status the handler
 * set (200 by default); a handler that writes the response itself returns undefined.
 */
export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  router: Router,
  spec: RouteSpec<B, Q>,
  handler: (input: Input<Infer<B>, Infer<Q>>) => Promise<unknown> | unknown,
): void {
  const access = spec.access ?? "user";
  if (spec.idempotent && access !== "user") throw new Error(`route ${spec.path}: keys belong to a user`);
  if (!routeDocs.some((doc) => doc.method === spec.method && doc.path === spec.path)) {
    routeDocs.push({ ...spec, access } as RouteDoc);
  }
  router[spec.method](spec.path, async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (access === "user" && !req.user) throw new Unauthenticated();
      if (spec.allow && req.user) spec.allow(req.user);
      const claim = spec.idempotent ? claimOf(req, spec.idempotent, spec.status ?? 200) : undefined;
      const { body, query } = parsedInput(spec, req);
      const run = (ctx: RequestContext) =>
        handler({ body, query, params: req.params as Record<string, string>, req, res, ctx });
      const result = claim ? await once(req, res, claim, run) : await run(req.context as RequestContext);
      if (result === REPLAYED) return;
      send(res, result);
    } catch (error) {
      next(error);
    }
  });
}

/** The request's body and query, validated by the route's schemas (400 naming the field). */
function parsedInput<B extends z.ZodType | undefined, Q extends z.ZodType | undefined>(
  spec: RouteSpec<B, Q>,
  req: Request,
): { body: Infer<B>; query: Infer<Q> } {
  const body = spec.body ? parseOrThrow(spec.body, req.body ?? {}) : undefined;
  const query = spec.query ? parseOrThrow(spec.query, req.query) : undefined;
  return { body: body as Infer<B>, query: query as Infer<Q> };
}

/** Sends a handler's result: nothing (204 unless the handler answered), cached JSON text, or JSON. */
function send(res: Response, result: unknown): void {
  if (result === undefined) {
    if (!res.headersSent) res.status(204).end();
    return;
  }
  if (result instanceof JsonText) {
    res.setHeader("ETag", result.etag);
    res.type("application/json").send(result.text);
    return;
  }
  res.json(result);
}
