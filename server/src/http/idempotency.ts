// The HTTP side of idempotency keys (docs/ARCHITECTURE.md § Offline): a write route that takes an
// Idempotency-Key answers a key already committed — by the same user, to the same method and path, with the
// same body — with the stored answer and writes nothing; the write itself records the key (core/idempotency.ts).

import { msg } from "@jiati/shared";
import type { Request, RequestHandler, Response } from "express";
import type { RequestContext } from "../core/context";
import type { Db } from "../core/db";
import { IdempotencyKeyReused, InvalidInput } from "../core/errors";
import { findIdempotencyKey, type IdempotencyClaim, requestHash } from "../core/idempotency";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** Sent with a stored answer given again. */
export const REPLAYED_HEADER = "Idempotent-Replayed";
const KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** What a route that takes keys says about its answer. */
export interface Idempotent {
  /** The ETag sent with the answer, sent again with a replay. */
  etag?: (answer: unknown) => string;
}

/** Makes the database of committed keys known to the routes. */
export function idempotencyKeys(db: Db): RequestHandler {
  return (req, _res, next) => {
    req.idempotencyKeys = db;
    next();
  };
}

/** The request's key (none without the header); 400 naming the header when it is malformed. */
export function claimOf(req: Request, spec: Idempotent, status: number): IdempotencyClaim | undefined {
  const key = req.get(IDEMPOTENCY_HEADER);
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw InvalidInput.field(IDEMPOTENCY_HEADER, msg("error.idempotencyKeyInvalid"), "invalid_idempotency_key");
  }
  const path = req.originalUrl.split("?")[0] as string;
  return { key, method: req.method, path, status, etagOf: spec.etag, requestHash: requestHash(req.body) };
}

/**
 * Answers the request from its key's stored answer if its write has committed — the first time, or by a
 * concurrent request with the same key; 422 when the key was used by another user or for another request
 * (another method, path or body).
 * False when the key has not been used.
 */
async function replayed(req: Request, res: Response, claim: IdempotencyClaim): Promise<boolean> {
  const db = req.idempotencyKeys;
  if (!db) throw new Error("idempotency keys: the idempotencyKeys middleware is not installed");
  const stored = await findIdempotencyKey(db, claim.key);
  if (!stored) return false;
  if (
    stored.userId !== req.user?.id ||
    stored.method !== claim.method ||
    stored.path !== claim.path ||
    // Keys committed before fingerprints were recorded have none.
    (stored.requestHash !== null && stored.requestHash !== claim.requestHash)
  ) {
    throw new IdempotencyKeyReused();
  }
  res.status(stored.status).setHeader(REPLAYED_HEADER, "true");
  if (stored.etag) res.setHeader("ETag", stored.etag);
  res.json(stored.body);
  return true;
}

/** What `once` returns when it has answered the request from its key. */
export const REPLAYED = Symbol("replayed");

/**
 * Runs a write route's handler for a request with a key, unless the key's write has committed: then the request
 * is answered as that one was, before the handler or — when a concurrent request with the same key committed
 * first, and this one met the version it moved or its key — after the handler failed.
 */
export async function once(
  req: Request,
  res: Response,
  claim: IdempotencyClaim,
  run: (ctx: RequestContext) => unknown,
): Promise<unknown> {
  if (await replayed(req, res, claim)) return REPLAYED;
  try {
    return await run({ ...(req.context as RequestContext), idempotency: claim });
  } catch (error) {
    if (await replayedAfterFailure(req, res, claim)) return REPLAYED;
    throw error;
  }
}

/** Whether a failed request's key has committed meanwhile; false when it cannot be looked up. */
async function replayedAfterFailure(req: Request, res: Response, claim: IdempotencyClaim): Promise<boolean> {
  try {
    return await replayed(req, res, claim);
  } catch (error) {
    if (error instanceof IdempotencyKeyReused) throw error;
    return false;
  }
}
