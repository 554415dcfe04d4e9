// A small HTTP client for tests that talk to a real server: node:http with a bounded keep-alive agent, the
// session cookie, the X-Requested-With header, and raw bodies when a test wants to send broken JSON.

import http from "node:http";

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered.
  body: any;
}

export interface SendOptions {
  /** A JSON value to send; a string is sent as it is (raw). */
  body?: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export class Api {
  cookie = "";
  readonly agent: http.Agent;

  constructor(
    readonly baseUrl: string,
    options: { connections?: number; keepAlive?: boolean } = {},
  ) {
    this.agent = new http.Agent({ keepAlive: options.keepAlive ?? true, maxSockets: options.connections ?? 10 });
  }

  /** A client sharing this one's session but with its own connections. */
  sibling(options: { connections?: number; keepAlive?: boolean } = {}): Api {
    const other = new Api(this.baseUrl, options);
    other.cookie = this.cookie;
    return other;
  }

  send(method: string, path: string, options: SendOptions = {}): Promise<Reply> {
    const url = new URL(path, this.baseUrl);
    const payload =
      options.raw !== undefined
        ? Buffer.from(options.raw)
        : options.body !== undefined
          ? Buffer.from(JSON.stringify(options.body))
          : undefined;
    const headers: Record<string, string> = { "X-Requested-With": "reliability", ...options.headers };
    if (payload) {
      headers["Content-Type"] ??= "application/json";
      headers["Content-Length"] = String(payload.length);
    }
    if (this.cookie) headers.Cookie = this.cookie;
    return new Promise((resolve, reject) => {
      const request = http.request(url, { method, headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          if (String(response.headers["content-type"] ?? "").includes("json")) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body });
        });
      });
      request.setTimeout(options.timeoutMs ?? 60_000, () => request.destroy(new Error(`${method} ${path} timed out`)));
      request.on("error", reject);
      request.end(payload);
    });
  }

  get = (path: string, options?: SendOptions) => this.send("GET", path, options);
  post = (path: string, body?: unknown, options?: SendOptions) => this.send("POST", path, { ...options, body });
  patch = (path: string, body?: unknown, options?: SendOptions) => this.send("PATCH", path, { ...options, body });
  put = (path: string, body?: unknown, options?: SendOptions) => this.send("PUT", path, { ...options, body });

  /** Logs in and keeps the session cookie. */
  async login(username: string, password: string): Promise<void> {
    const reply = await this.post("/api/session", { username, password });
    if (reply.status !== 200) throw new Error(`login as ${username} failed: ${reply.status} ${reply.text}`);
    const setCookie = reply.headers["set-cookie"]?.find((value) => value.startsWith("jt_session="));
    if (!setCookie) throw new Error("login set no session cookie");
    this.cookie = setCookie.split(";")[0];
  }

  close(): void {
    this.agent.destroy();
  }
}
