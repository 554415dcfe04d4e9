// GET /api/stream: Server-Sent Events telling open pages what changed, so they refetch just that.

import { Router } from "express";
import { route } from "../http/route";
import type { ChangeHub } from "./changes";

const HEARTBEAT_MS = 25_000;

export function streamRoutes(hub: ChangeHub): { router: Router; closeAll(): void } {
  const router = Router();
  const open = new Set<() => void>();
  route(
    router,
    {
      method: "get",
      path: "/stream",
      tag: "stream",
      summary: "Server-Sent Events: one `change` event per committed change, from any instance",
      produces: "text/event-stream",
    },
    async ({ req, res }) => {
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
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(close);
        res.end();
      };
      open.add(close);
      req.on("close", close);
      return undefined;
    },
  );
  return {
    router,
    /** Ends every open stream (at shutdown, so the HTTP server can close). */
    closeAll() {
      for (const close of [...open]) close();
    },
  };
}
