import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/http";
import { buildBuilding } from "../test/factories";
import type { WriteInput } from "./outbox";
import { outbox, sendOrQueue } from "./queue";

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
    expect(enqueue).toHaveBeenCalledWith(write);
  });

  it("queues the change when the request does not reach the server", async () => {
    const enqueue = queueSpy();
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await sendOrQueue(write)).toEqual({ queued: true });
    expect(enqueue).toHaveBeenCalledWith(write);
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
