// GET /api/stream: Server-Sent Events telling open pages what changed, so they refetch just that — or, after
// this instance may have missed changes (its change listener reconnected), a `resync`: refetch everything.

import { Router } from "express";
import { z } from "zod";
import { readSessionCookie } from "../auth/cookies";
import { type ChangeHub, changeCount } from "../core/changes";
import { route } from "../http/route";
import type { StreamService } from "./service";

const HEARTBEAT_MS = 25_000;

const streamQuerySchema = z.strictObject({
  /** The change count the page's server-rendered figures were read at (`<instance>.<generation>`). */
  since: z.string().max(100).optional(),
});

export function streamRoutes(hub: ChangeHub, streams: StreamService): Router {
  const router = Router();
  route(
    router,
    {
      method: "get",
      path: "/stream",
      tag: "stream",
      summary: `Server-Sent Events: one \`change\` event per committed change, from any instance; a \`resync\` event when changes may have been missed (refetch everything) — at once when \`since\` (the change count a page's server-rendered figures were read at) is not the current one. Ends with the session; at most ${streams.limits.perSession} per session and ${streams.limits.perServer} per server (429 beyond)`,
      produces: "text/event-stream",
      query: streamQuerySchema,
    },
    async ({ req, res, query }) => {
      let heartbeat: NodeJS.Timeout | undefined;
      let unsubscribe: () => unknown = () => undefined;
      let unsubscribeResync: () => unknown = () => undefined;
      const release = streams.open(readSessionCookie(req) ?? "", () => {
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeResync();
        res.end();
      });
      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.write("retry: 3000\n: connected\n\n");
      // Changes made since the page's figures were read (pages/firstScreen.ts) were never sent to it: refetch.
      if (query.since !== undefined && query.since !== changeCount(hub)) res.write("event: resync\ndata: {}\n\n");
      unsubscribe = hub.subscribe((change) => {
        if (change.kind === "session") return;
        res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
      });
      unsubscribeResync = hub.onResync(() => res.write("event: resync\ndata: {}\n\n"));
      heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
      req.on("close", release);
      return undefined;
    },
  );
  return router;
}
