// Reads a server's /api/stream as a browser would: each event with its name, data and when it arrived.

import http from "node:http";

export interface StreamEvent {
  event: string;
  data: string;
  at: number;
}

export interface OpenStream {
  events: StreamEvent[];
  close(): void;
}

/** Opens the change stream of `baseUrl` with the session `cookie`; resolves once the server has answered. */
export function openStream(baseUrl: string, cookie: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const events: StreamEvent[] = [];
    const request = http.get(new URL("/api/stream", baseUrl), { headers: { Cookie: cookie } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream answered ${response.statusCode}`));
        return;
      }
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? "", at: Date.now() });
        }
      });
      response.on("error", () => {});
      resolve({ events, close: () => request.destroy() });
    });
    request.on("error", reject);
  });
}
