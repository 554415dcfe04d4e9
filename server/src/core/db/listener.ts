// A LISTEN connection to PostgreSQL that comes back: after any drop (a restart, a crash, the network) it
// reconnects with backoff until stopped, and says when it went down and when it is back, so the change hub
// can stop trusting its caches meanwhile and resynchronise after (docs/OPERATIONS.md).

import pg from "pg";

export interface ListenEvents {
  /** The connection dropped (or could not be made): notices may be missed from now on. */
  onDown?(error: Error): void;
  /** Listening again after a drop: notices sent meanwhile were missed. */
  onUp?(): void;
}

/** Waits between reconnection attempts: 100 ms doubling up to 2 s, with ±20 % jitter so instances spread. */
export function reconnectDelay(attempt: number): number {
  const base = Math.min(2_000, 100 * 2 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Listens on `channel` over its own connection. Resolves once the first LISTEN has succeeded (rejects if
 * it fails: the caller decides about start-up); afterwards drops are survived. Returns what stops it.
 */
export async function listenWithReconnect(
  url: string,
  channel: string,
  handler: (payload: string) => void,
  events: ListenEvents = {},
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<pg.Client> => {
    // Keep-alive probes find a connection whose peer vanished without a word (a power cut, a dropped route).
    const next = new pg.Client({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    let dropped = false;
    const drop = (error: Error) => {
      if (dropped) return;
      dropped = true;
      next.end().catch(() => {});
      if (stopped || client !== next) return;
      client = undefined;
      events.onDown?.(error);
      scheduleReconnect(0);
    };
    next.on("error", drop);
    next.on("end", () => drop(new Error("the listening connection ended")));
    next.on("notification", (message) => {
      if (message.channel === channel) handler(message.payload ?? "");
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${channel.replaceAll('"', "")}"`);
    } catch (error) {
      dropped = true;
      await next.end().catch(() => {});
      throw error;
    }
    return next;
  };

  const scheduleReconnect = (attempt: number) => {
    if (stopped) return;
    retry = setTimeout(async () => {
      try {
        const next = await connect();
        if (stopped) {
          await next.end().catch(() => {});
          return;
        }
        client = next;
        events.onUp?.();
      } catch {
        scheduleReconnect(attempt + 1);
      }
    }, reconnectDelay(attempt));
    retry.unref();
  };

  client = await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const current = client;
    client = undefined;
    await current?.end().catch(() => {});
  };
}
