// Cross-cutting HTTP concerns: request ids, the request's language, the X-Requested-With guard, and the one
// error handler.

import { randomUUID } from "node:crypto";
import { DEFAULT_LANGUAGE, type Language, languageOf, messageIn, msg, type PlainMessageKey } from "@jiati/shared";
import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import { type DatabaseFault, databaseFault } from "../core/db/faults";
import { AppError, DatabaseUnavailable, DiskFull, Forbidden } from "../core/errors";
import { inLanguage } from "../core/language";
import type { Logger } from "../core/logger";

export const requestId: RequestHandler = (req, res, next) => {
  req.id = randomUUID();
  res.setHeader("X-Request-Id", req.id);
  next();
};

/**
 * The language of the request's messages: the UI's choice (X-Language, which the client sends with every
 * request), else the browser's Accept-Language, else Chinese.
 */
export function requestLanguage(req: Request): Language {
  return languageOf(req.get("X-Language")) ?? languageOf(req.get("Accept-Language")) ?? DEFAULT_LANGUAGE;
}

/** Serves the rest of the request in its language (core/language.ts): every message it makes is said in it. */
export const chooseLanguage: RequestHandler = (req, _res, next) => {
  req.language = requestLanguage(req);
  inLanguage(req.language, next);
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * State-changing requests must carry X-Requested-With: a cross-site form cannot set it, and a cross-site
 * script cannot without a CORS preflight that this API never grants.
 */
export const requireXhrHeader: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.get("X-Requested-With")) return next();
  next(new Forbidden(msg("error.missingXhrHeader")));
};

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** The PostgreSQL error behind a drizzle error, if any. */
function pgErrorOf(error: unknown): PgError | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as PgError & { cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

interface ErrorAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The answer to an error the API raised itself (AppError). */
function appErrorAnswer(error: AppError): ErrorAnswer {
  const extra = "current" in error && error.current !== undefined ? { current: error.current } : {};
  return {
    status: error.status,
    body: { code: error.code, message: error.message, fields: error.fields, ...extra },
    headers: error.headers,
  };
}

/** The answer to a client error raised by express.json() or Express itself, or null. */
function httpErrorAnswer(error: unknown, say: Say): ErrorAnswer | null {
  const httpError = error as { type?: string; status?: number; expose?: boolean };
  if (httpError.type === "entity.too.large") {
    return { status: 413, body: { code: "payload_too_large", message: say("error.payloadTooLarge") } };
  }
  if (httpError.type === "entity.parse.failed") {
    return {
      status: 400,
      body: {
        code: "invalid_json",
        message: say("error.invalidJson"),
        fields: { body: say("error.invalidJsonField") },
      },
    };
  }
  // Such as a path with broken percent-encoding (a URIError given status 400 by the router, without `expose`).
  if (httpError.status && httpError.status >= 400 && httpError.status < 500) {
    const message = httpError.expose ? String((error as Error).message) : say("error.badRequest");
    return { status: httpError.status, body: { code: "bad_request", message } };
  }
  return null;
}

const PG_ANSWERS: Record<string, { status: number; code: string; message: PlainMessageKey }> = {
  "23505": { status: 409, code: "duplicate", message: "error.duplicate" },
  "23503": { status: 400, code: "invalid_input", message: "error.constraint" },
  "23514": { status: 400, code: "invalid_input", message: "error.constraint" },
  "22P02": { status: 400, code: "invalid_input", message: "error.constraint" },
  "40001": { status: 409, code: "conflict", message: "error.concurrent" },
  "40P01": { status: 409, code: "conflict", message: "error.concurrent" },
};

/** A parameterless message in the request's language. */
type Say = (key: PlainMessageKey) => string;

/** The answer to the database being unreachable (503) or out of disk space (507), or null. */
function faultAnswer(fault: DatabaseFault | null, say: Say): ErrorAnswer | null {
  if (fault === "unavailable") return appErrorAnswer(new DatabaseUnavailable(say("error.databaseUnavailable")));
  if (fault === "disk_full") return appErrorAnswer(new DiskFull(say("error.diskFull")));
  return null;
}

/** The answer to an error that is not an AppError: Express's, the database's faults, PostgreSQL's codes. */
function otherErrorAnswer(error: unknown, say: Say): ErrorAnswer | null {
  const pg = PG_ANSWERS[pgErrorOf(error)?.code ?? ""];
  return (
    httpErrorAnswer(error, say) ??
    faultAnswer(databaseFault(error), say) ??
    (pg ? { status: pg.status, body: { code: pg.code, message: say(pg.message) } } : null)
  );
}

function noteFault(
  logger: Logger,
  req: Request,
  error: unknown,
  fault: DatabaseFault,
  onFault?: (fault: DatabaseFault) => void,
): void {
  logger.warn(`request ${req.id} ${req.method} ${req.originalUrl}: database ${fault}: ${(error as Error).message}`);
  onFault?.(fault);
}

/**
 * The one error handler of the API: every error becomes `{ error: { code, message, fields?, requestId } }`.
 * `onFault` hears of each database fault (the disk watch re-checks the free space on a full disk).
 */
export function errorHandler(logger: Logger, onFault?: (fault: DatabaseFault) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const language = req.language ?? requestLanguage(req);
    const say: Say = (key) => messageIn(language, key);
    let answer = error instanceof AppError ? appErrorAnswer(error) : otherErrorAnswer(error, say);
    const fault = error instanceof AppError ? null : databaseFault(error);
    if (fault) noteFault(logger, req, error, fault, onFault);
    if (!answer) {
      logger.error(`request ${req.id} ${req.method} ${req.originalUrl} failed`, error);
      answer = {
        status: 500,
        body: { code: "internal", message: messageIn(language, "error.internal", { requestId: req.id }) },
      };
    }
    if (answer.headers) res.set(answer.headers);
    res.status(answer.status).json({ error: { ...answer.body, requestId: req.id } });
  };
}

/**
 * The last handler outside `/api` (the built client's files): a missing asset or a malformed path answers
 * with its status and a short text — never Express's default page, which shows the file system path and,
 * outside production, the stack.
 */
export function pageErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      res
        .status(status)
        .type("text")
        .send(status === 404 ? "Not Found" : "Bad Request");
      return;
    }
    logger.error(`request ${req.id} ${req.method} ${req.originalUrl} failed`, error);
    res.status(500).type("text").send(`Internal Server Error (${req.id})`);
  };
}
