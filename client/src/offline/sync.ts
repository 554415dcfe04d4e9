// When the outbox sends: at once when the browser says it is online again, when the app starts with items
// waiting, and after a failed send, again after a back-off (2 s, doubling, at most a minute) — a "online"
// event in a stairwell does not mean the server can be reached.

import { type FlushResult, retryDelay } from "./outbox";

interface Flushable {
  flush(): Promise<FlushResult>;
}

interface SyncOptions {
  /** Where "online" events come from (window in the app). */
  events?: Pick<Window, "addEventListener" | "removeEventListener">;
  isOnline?: () => boolean;
}

/** Starts sending the outbox whenever it may get through; returns what stops it. */
export function startSync(outbox: Flushable, { events = window, isOnline = () => navigator.onLine }: SyncOptions = {}) {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void attempt();
    }, retryDelay(failures));
  };
  const attempt = async () => {
    if (stopped) return;
    if (!isOnline()) return; // the "online" event starts the next attempt
    const result = await outbox.flush().catch((): FlushResult => "retry");
    if (stopped) return;
    if (result === "retry") {
      failures += 1;
      schedule();
    } else {
      failures = 0;
    }
  };
  const onOnline = () => {
    failures = 0;
    void attempt();
  };

  events.addEventListener("online", onOnline);
  void attempt();
  return {
    /** Sends now (a new item, a conflict redone), outside the back-off. */
    kick: () => void attempt(),
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      events.removeEventListener("online", onOnline);
    },
  };
}
