// GET /api/stream: Server-Sent Events telling open pages what changed, so they refetch just that — or, after
// this instance may have missed changes (its change listener reconnected), a `resync`: refetch everything.

import { Router } from "express";
import { readSessionCookie } from "../auth/cookies";
import type { ChangeHub } from "../core/changes";
import { route } from "../http/route";
import type { StreamService } from "./service";

const HEARTBEAT_MS = 25_000;

export function streamRoutes(hub: ChangeHub, streams: StreamService): Router {
  const router = Router();
  route(
    router,
    {
      method: "get",
      path: "/stream",
      tag: "stream",
      summary: `Server-Sent Events: one \`change\` event per committed change, from any instance; a \`resync\` event when changes may have been missed (refetch everything). Ends with the session; at most ${streams.limits.perSession} per session and ${streams.limits.perServer} per server (429 beyond)`,
      produces: "text/event-stream",
    },
    async ({ req, res }) => {
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
