import type { Request, Response } from "express";
import { ABSOLUTE_LIFETIME_MS, SESSION_COOKIE } from "./sessions";

/** What a session id looks like (createSession: 32 random bytes, base64url). */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The session id the request's cookie carries; anything that cannot be one counts as no session. */
export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    const value = rest.join("=");
    return SESSION_ID.test(value) ? value : undefined;
  }
  return undefined;
}

export function setSessionCookie(req: Request, res: Response, id: string): void {
  res.cookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.secure,
    path: "/",
    maxAge: ABSOLUTE_LIFETIME_MS,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/" });
}
