// The open event streams: which session each belongs to, the caps on them, and their end when their session
// ends — a logout, a password change or a disabled account, on any instance (docs/SECURITY.md).

import { msg } from "@jiati/shared";
import type { ChangeHub } from "../core/changes";
import { TooManyRequests } from "../core/errors";

export interface StreamLimits {
  perSession: number;
  perServer: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perSession: 8, perServer: 2_000 };

export class StreamService {
  /** Session id → the close functions of its open streams. */
  private readonly bySession = new Map<string, Set<() => void>>();
  private total = 0;
  private recheckDue = false;
  private rechecking = false;

  constructor(
    hub: Pick<ChangeHub, "subscribe" | "onResync">,
    /** Whether a session id still belongs to a live session of an enabled account. */
    private readonly sessionAlive: (sessionId: string) => Promise<boolean>,
    readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS,
  ) {
    hub.subscribe((change) => {
      if (change.kind === "users" || change.kind === "session") this.recheck();
    });
    // Logouts and disabled accounts may have been missed while the listener was down.
    hub.onResync(() => this.recheck());
  }

  /** Takes a place for a new stream of `sessionId` (429 beyond the caps); `close` ends it. */
  open(sessionId: string, close: () => void): () => void {
    const mine = this.bySession.get(sessionId) ?? new Set<() => void>();
    if (mine.size >= this.limits.perSession) {
      throw new TooManyRequests(msg("stream.tooManyForSession"), 30);
    }
    if (this.total >= this.limits.perServer) throw new TooManyRequests(msg("stream.full"), 30);
    this.bySession.set(sessionId, mine);
    this.total++;
    const release = () => {
      if (!mine.delete(release)) return;
      this.total--;
      if (mine.size === 0) this.bySession.delete(sessionId);
      close();
    };
    mine.add(release);
    return release;
  }

  count(): number {
    return this.total;
  }

  /** Ends every open stream (at shutdown, so the HTTP server can close). */
  closeAll(): void {
    for (const closes of [...this.bySession.values()]) for (const close of [...closes]) close();
  }

  /** After any account or session change, ends the streams whose session has ended (a failed check keeps them). */
  private recheck(): void {
    this.recheckDue = true;
    if (this.rechecking) return;
    this.rechecking = true;
    void (async () => {
      while (this.recheckDue) {
        this.recheckDue = false;
        await new Promise((resolve) => setImmediate(resolve));
        for (const [sessionId, closes] of [...this.bySession]) {
          if (!(await this.sessionAlive(sessionId).catch(() => true))) for (const close of [...closes]) close();
        }
      }
      this.rechecking = false;
    })();
  }
}
