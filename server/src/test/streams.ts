// Test helpers for the live stream: a real HTTP server around an app, and an /api/stream reader.

import http from "node:http";

/** Opens /api/stream (or `path`) on `port` with `cookie` and collects the `change` events (and `resync` as `{ resync: true }`). */
export async function openStream(port: number, cookie: string, path = "/api/stream") {
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { cookie },
    signal: controller.signal,
  });
  const events: unknown[] = [];
  let endedByServer = false;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          endedByServer = true;
          return;
        }
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith("event: change")) events.push(JSON.parse(block.split("\ndata: ")[1]));
          if (block.startsWith("event: resync")) events.push({ resync: true });
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    events,
    async waitFor(predicate: (event: unknown) => boolean, timeoutMs = 2000) {
      const start = Date.now();
      while (Date.now() - start < timeoutMs) {
        if (events.some(predicate)) return Date.now() - start;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
    },
    /** Waits until the server ends the stream; false if it is still open after `timeoutMs`. */
    async endsWithin(timeoutMs: number) {
      const start = Date.now();
      while (!endedByServer && Date.now() - start < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 20));
      return endedByServer;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

export function listen(app: http.RequestListener): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = http.createServer(app);
    // The client (fetch) closes an idle connection after 4 s; the server's own 5 s default is so close that on a
    // loaded machine a request can go out on a connection the server is just closing (ECONNRESET). A server that
    // waits far longer leaves the closing to the client, as the production server does (index.ts: 65 s).
    server.keepAliveTimeout = 60_000;
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}
