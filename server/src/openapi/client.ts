// An HTTP client of a listening test server that holds every answer to the published document (contract.ts):
// an answer the document does not describe throws, whichever test or setup step received it.

import type { Answer, Asked, Contract } from "./contract";

export interface Call extends Asked {
  /** The session cookie (`jt_session=…`); none for an anonymous request. */
  session?: string;
  /** A raw request body and its media type (the ledger upload). */
  file?: { type: string; data: Buffer };
  ifMatch?: string;
  idempotencyKey?: string;
  /** X-Requested-With, which state-changing requests need: sent unless false. */
  xhr?: boolean;
}

export interface HeldAnswer extends Answer {
  /** Ends a response still streaming (an event stream); a no-op once the body was read. */
  close(): Promise<void>;
}

export class CheckedClient {
  constructor(
    private readonly baseUrl: string,
    private readonly contract: Contract,
  ) {}

  /** Sends `call`, reads its answer (an event stream's headers only, then ends it) and checks it. */
  async send(call: Call): Promise<Answer> {
    const { close, ...answer } = await this.open(call);
    await close();
    return answer;
  }

  /** Like send, but an event stream stays open until close(). */
  async open(call: Call): Promise<HeldAnswer> {
    const headers: Record<string, string> = {};
    if (call.xhr !== false) headers["X-Requested-With"] = "openapi-test";
    if (call.session) headers.Cookie = call.session;
    if (call.ifMatch !== undefined) headers["If-Match"] = call.ifMatch;
    if (call.idempotencyKey !== undefined) headers["Idempotency-Key"] = call.idempotencyKey;
    let body: string | Buffer | undefined;
    if (call.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(call.json);
    } else if (call.file) {
      headers["Content-Type"] = call.file.type;
      body = call.file.data;
    }
    const response = await fetch(new URL(call.path, this.baseUrl), {
      method: call.method.toUpperCase(),
      headers,
      body,
      redirect: "manual",
    });
    const contentType = (response.headers.get("content-type") ?? "").replace(/;.*/, "").trim().toLowerCase();
    const streaming = contentType === "text/event-stream";
    const answer: Answer = {
      status: response.status,
      contentType,
      body: streaming ? undefined : await readBody(response, contentType),
    };
    const problems = this.contract.check(call, answer);
    if (problems.length) {
      if (streaming) await response.body?.cancel();
      throw new Error(`the answer breaks the published document:\n${problems.join("\n")}`);
    }
    return { ...answer, close: async () => (streaming ? response.body?.cancel() : undefined) };
  }
}

async function readBody(response: Response, contentType: string): Promise<unknown> {
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length === 0) return undefined;
  if (contentType === "application/json") return JSON.parse(bytes.toString("utf8"));
  if (contentType.startsWith("text/")) return bytes.toString("utf8");
  return bytes;
}
