import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/http";
import { buildBuilding } from "../test/factories";
import type { WriteInput } from "./outbox";
import { outbox, sendOrQueue } from "./queue";

/** What the server accepts as an Idempotency-Key. */
const KEY = /^[A-Za-z0-9_-]{8,100}$/;

const base = buildBuilding({ id: 3, version: 5, signedOn: "2022-01-05" });
const write: WriteInput = {
  kind: "stage",
  buildingId: 3,
  path: "/buildings/3/stage",
  method: "POST",
  body: { stage: "started", date: "2022-05-10" },
  version: 5,
  base,
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function queueSpy() {
  return vi.spyOn(outbox, "enqueue").mockImplementation(async (input) => ({
    ...input,
    key: input.key ?? "not-given",
    id: "x",
    seq: 1,
    userId: 1,
    queuedAt: 0,
    state: "waiting",
    attempts: 0,
  }));
}

describe("sendOrQueue", () => {
  it("sends the change with its version when online, and does not queue it", async () => {
    const enqueue = queueSpy();
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ...base, version: 6 }), { status: 200 }));
    vi.stubGlobal("fetch", fetch);
    const outcome = await sendOrQueue(write);
    expect(outcome).toEqual({ queued: false, value: expect.objectContaining({ version: 6 }) });
    expect(fetch).toHaveBeenCalledWith("/api/buildings/3/stage", expect.objectContaining({ method: "POST" }));
    expect(enqueue).not.toHaveBeenCalled();
  });

  it("queues the change without asking the network when the browser is offline", async () => {
    const enqueue = queueSpy();
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    expect(await sendOrQueue(write)).toEqual({ queued: true });
    expect(fetch).not.toHaveBeenCalled();
    expect(enqueue).toHaveBeenCalledWith({ ...write, key: expect.stringMatching(KEY) });
  });

  it("queues the change when the request does not reach the server", async () => {
    const enqueue = queueSpy();
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await sendOrQueue(write)).toEqual({ queued: true });
    expect(enqueue).toHaveBeenCalledWith({ ...write, key: expect.stringMatching(KEY) });
  });

  it("sends each change with a key of its own, and queues a change whose answer was lost with the key it was sent with", async () => {
    const enqueue = queueSpy();
    const keys: string[] = [];
    vi.stubGlobal("fetch", async (_path: string, init: RequestInit) => {
      keys.push((init.headers as Record<string, string>)["Idempotency-Key"] as string);
      if (keys.length === 3) throw new TypeError("Failed to fetch");
      return new Response(JSON.stringify({ ...base, version: 6 }), { status: 200 });
    });
    await sendOrQueue(write);
    await sendOrQueue(write);
    expect(keys[0]).toMatch(KEY);
    expect(keys[1]).toMatch(KEY);
    expect(keys[1]).not.toBe(keys[0]);
    // The request may have reached the server: its resend from the outbox must carry the same key.
    expect(await sendOrQueue(write)).toEqual({ queued: true });
    expect(enqueue).toHaveBeenCalledWith({ ...write, key: keys[2] });
    expect(new Set(keys).size).toBe(3);
  });

  it("never queues a change the server refused: the refusal goes to the form", async () => {
    const enqueue = queueSpy();
    for (const status of [400, 403, 409]) {
      const body = { error: { code: "x", message: `refused ${status}` } };
      vi.stubGlobal("fetch", async () => new Response(JSON.stringify(body), { status }));
      const refusal = await sendOrQueue(write).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ApiError);
      expect((refusal as ApiError).status).toBe(status);
    }
    expect(enqueue).not.toHaveBeenCalled();
  });

  it("queues behind an earlier change to the same building that is still waiting, so they arrive in order", async () => {
    const enqueue = queueSpy();
    vi.spyOn(outbox, "hasWaiting").mockImplementation((id) => id === 3);
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    expect(await sendOrQueue(write)).toEqual({ queued: true });
    expect(fetch).not.toHaveBeenCalled();
    expect(enqueue).toHaveBeenCalled();
  });
});
