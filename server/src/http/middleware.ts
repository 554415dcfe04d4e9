// Cross-cutting HTTP concerns: request ids, the X-Requested-With guard, and the one error handler.

import { randomUUID } from "node:crypto";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, Forbidden } from "../core/errors";
import type { Logger } from "../core/logger";

export const requestId: RequestHandler = (req, res, next) => {
  req.id = randomUUID();
  res.setHeader("X-Request-Id", req.id);
  next();
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * State-changing requests must carry X-Requested-With: a cross-site form cannot set it, and a cross-site
 * script cannot without a CORS preflight that this API never grants.
 */
export const requireXhrHeader: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.get("X-Requested-With")) return next();
  next(new Forbidden("缺少请求头 X-Requested-With"));
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

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const send = (status: number, body: Record<string, unknown>, headers?: Record<string, string>) => {
      if (headers) res.set(headers);
      res.status(status).json({ error: { ...body, requestId: req.id } });
    };
    if (error instanceof AppError) {
      const extra = "current" in error && error.current !== undefined ? { current: error.current } : {};
      send(error.status, { code: error.code, message: error.message, fields: error.fields, ...extra }, error.headers);
      return;
    }
    // Errors raised by express.json() (body-parser).
    const httpError = error as { type?: string; status?: number; expose?: boolean };
    if (httpError.type === "entity.too.large") {
      send(413, { code: "payload_too_large", message: "请求体过大" });
      return;
    }
    if (httpError.type === "entity.parse.failed") {
      send(400, { code: "invalid_json", message: "请求体不是有效的 JSON", fields: { body: "不是有效的 JSON" } });
      return;
    }
    // Client errors raised by Express itself, such as a path with broken percent-encoding (a URIError
    // given status 400 by the router, without `expose`).
    if (httpError.status && httpError.status >= 400 && httpError.status < 500) {
      const message = httpError.expose ? String((error as Error).message) : "请求格式不正确";
      send(httpError.status, { code: "bad_request", message });
      return;
    }
    const pgError = pgErrorOf(error);
    if (pgError?.code === "23505") {
      send(409, { code: "duplicate", message: "已存在相同的记录" });
      return;
    }
    if (pgError?.code === "23503" || pgError?.code === "23514" || pgError?.code === "22P02") {
      send(400, { code: "invalid_input", message: "数据不符合约束" });
      return;
    }
    if (pgError?.code === "40001" || pgError?.code === "40P01") {
      send(409, { code: "conflict", message: "并发冲突，请重试" });
      return;
    }
    logger.error(`request ${req.id} ${req.method} ${req.originalUrl} failed`, error);
    send(500, { code: "internal", message: `服务器内部错误（请求编号 ${req.id}）` });
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
