import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FlushResult } from "./outbox";
import { startSync } from "./sync";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A flush answering with the results given, in turn (then "done"). */
function flushing(...results: FlushResult[]) {
  return { flush: vi.fn(async () => results.shift() ?? "done") };
}

describe("startSync", () => {
  it("sends at once when started online, and again when the browser comes back online", async () => {
    const outbox = flushing();
    const events = new EventTarget();
    let online = true;
    const sync = startSync(outbox, { events: events as Window, isOnline: () => online });
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.flush).toHaveBeenCalledTimes(1);

    online = false;
    sync.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.flush).toHaveBeenCalledTimes(1);

    online = true;
    events.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.flush).toHaveBeenCalledTimes(2);
    sync.stop();
  });

  it("retries after a failed send with a growing back-off, and stops retrying once all is sent", async () => {
    const outbox = flushing("retry", "retry", "done");
    const sync = startSync(outbox, { events: new EventTarget() as Window, isOnline: () => true });
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.flush).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(outbox.flush).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(outbox.flush).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(outbox.flush).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(outbox.flush).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(outbox.flush).toHaveBeenCalledTimes(3);
    sync.stop();
  });

  it("stops listening and retrying when stopped", async () => {
    const outbox = flushing("retry");
    const events = new EventTarget();
    const sync = startSync(outbox, { events: events as Window, isOnline: () => true });
    await vi.advanceTimersByTimeAsync(0);
    sync.stop();
    events.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(outbox.flush).toHaveBeenCalledTimes(1);
  });
});
