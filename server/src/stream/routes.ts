// GET /api/stream: Server-Sent Events telling open pages what changed, so they refetch just that. A stream
// lives only as long as its session: a logout, a password change or a disabled account (on any instance)
// ends it. Streams are capped per session and per server.

import { Router } from "express";
import { readSessionCookie } from "../auth/cookies";
import type { ChangeHub } from "../core/changes";
import { TooManyRequests } from "../core/errors";
import { route } from "../http/route";

const HEARTBEAT_MS = 25_000;

export interface StreamLimits {
  perSession: number;
  perServer: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perSession: 8, perServer: 2_000 };

export function streamRoutes(
  hub: ChangeHub,
  /** Whether a session id still belongs to a live session of an enabled account. */
  sessionAlive: (sessionId: string) => Promise<boolean>,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): { router: Router; closeAll(): void; count(): number } {
  const router = Router();
  /** Session id → the close functions of its open streams. */
  const bySession = new Map<string, Set<() => void>>();
  let total = 0;
  let recheckDue = false;
  let rechecking = false;

  /** After any account or session change, ends the streams whose session has ended (a failed check keeps them). */
  const recheck = () => {
    recheckDue = true;
    if (rechecking) return;
    rechecking = true;
    void (async () => {
      while (recheckDue) {
        recheckDue = false;
        await new Promise((resolve) => setImmediate(resolve));
        for (const [sessionId, closes] of [...bySession]) {
          if (!(await sessionAlive(sessionId).catch(() => true))) for (const close of [...closes]) close();
        }
      }
      rechecking = false;
    })();
  };
  hub.subscribe((change) => {
    if (change.kind === "users" || change.kind === "session") recheck();
  });

  route(
    router,
    {
      method: "get",
      path: "/stream",
      tag: "stream",
      summary: `Server-Sent Events: one \`change\` event per committed change, from any instance. Ends with the session; at most ${limits.perSession} per session and ${limits.perServer} per server (429 beyond)`,
      produces: "text/event-stream",
    },
    async ({ req, res }) => {
      const sessionId = readSessionCookie(req) ?? "";
      const mine = bySession.get(sessionId) ?? new Set<() => void>();
      if (mine.size >= limits.perSession) {
        throw new TooManyRequests("此登录打开的实时连接过多，请关闭多余的页面", 30);
      }
      if (total >= limits.perServer) throw new TooManyRequests("服务器的实时连接已满，请稍后再试", 30);
      bySession.set(sessionId, mine);
      total++;

      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.write("retry: 3000\n: connected\n\n");
      const unsubscribe = hub.subscribe((change) => {
        if (change.kind === "session") return;
        res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
      const close = () => {
        if (!mine.delete(close)) return;
        total--;
        if (mine.size === 0) bySession.delete(sessionId);
        clearInterval(heartbeat);
        unsubscribe();
        res.end();
      };
      mine.add(close);
      req.on("close", close);
      return undefined;
    },
  );
  return {
    router,
    /** Ends every open stream (at shutdown, so the HTTP server can close). */
    closeAll() {
      for (const closes of [...bySession.values()]) for (const close of [...closes]) close();
    },
    count: () => total,
  };
}
