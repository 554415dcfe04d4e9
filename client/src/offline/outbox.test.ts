import type { Building } from "@jiati/shared";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/http";
import { buildBuilding } from "../test/factories";
import { memoryOutboxStore } from "../test/memoryOutboxStore";
import { newIdempotencyKey, Outbox, type OutboxStore, type QueuedWrite, retryDelay, type WriteInput } from "./outbox";

const ME = 7;

/** A stage record on building `id`, made on `version`. */
function start(id: number, version: number, date = "2022-05-10"): WriteInput {
  return {
    kind: "stage",
    buildingId: id,
    path: `/buildings/${id}/stage`,
    method: "POST",
    body: { stage: "started", date },
    version,
    base: buildBuilding({ id, version, signedOn: "2022-01-05" }),
  };
}

function note(id: number, text: string): WriteInput {
  return {
    kind: "note",
    buildingId: id,
    path: `/buildings/${id}/blocker/notes`,
    method: "POST",
    body: { text },
    base: buildBuilding({ id, version: 2, blockerCategory: "pipelines" }),
  };
}

/**
 * A server that answers each write with the building one version on — or, for the paths given, with the
 * error given — and records what it was sent.
 */
function fakeServer(errors: Record<string, ApiError[]> = {}) {
  const sent: { path: string; version: number | undefined; body: unknown }[] = [];
  const send = vi.fn(async (item: QueuedWrite) => {
    const error = errors[item.path]?.shift();
    if (error) throw error;
    sent.push({ path: item.path, version: item.version, body: item.body });
    if (item.kind === "note") return { id: sent.length, text: (item.body as { text: string }).text };
    return buildBuilding({ id: item.buildingId, version: (item.version ?? 0) + 1 });
  });
  return { sent, send };
}

async function outboxOf(store: OutboxStore, send: (item: QueuedWrite) => Promise<unknown>, user = ME) {
  const outbox = new Outbox(store, { send });
  await outbox.setUser(user);
  return outbox;
}

const offline = () => new ApiError(0, "network", "网络连接失败");
const stale = (current: Building) => new ApiError(409, "stale_version", "已被他人修改", {}, current);

describe("the outbox", () => {
  it("sends its changes in the order they were made, each with the version it was made on", async () => {
    const store = memoryOutboxStore();
    const server = fakeServer();
    const outbox = await outboxOf(store, server.send);
    await outbox.enqueue(start(1, 3));
    await outbox.enqueue(note(2, "管线单位已进场"));
    await outbox.enqueue(start(4, 9));
    expect(outbox.snapshot().map((item) => item.buildingId)).toEqual([1, 2, 4]);

    expect(await outbox.flush()).toBe("done");
    expect(server.sent).toEqual([
      { path: "/buildings/1/stage", version: 3, body: { stage: "started", date: "2022-05-10" } },
      { path: "/buildings/2/blocker/notes", version: undefined, body: { text: "管线单位已进场" } },
      { path: "/buildings/4/stage", version: 9, body: { stage: "started", date: "2022-05-10" } },
    ]);
    expect(outbox.snapshot()).toEqual([]);
    expect(store.rows.size).toBe(0);
  });

  it("keeps its changes in the store, so a reload (a new outbox on the same store) still has and sends them", async () => {
    const store = memoryOutboxStore();
    const before = await outboxOf(store, fakeServer().send);
    await before.enqueue(start(1, 3));
    await before.enqueue(note(2, "已约谈"));

    const server = fakeServer();
    const after = await outboxOf(store, server.send);
    expect(after.snapshot().map((item) => [item.kind, item.state])).toEqual([
      ["stage", "waiting"],
      ["note", "waiting"],
    ]);
    await after.flush();
    expect(server.sent.map((sent) => sent.path)).toEqual(["/buildings/1/stage", "/buildings/2/blocker/notes"]);
  });

  it("stops at a change that does not reach the server, keeps it and all after it, and sends them in order later", async () => {
    const store = memoryOutboxStore();
    const server = fakeServer({ "/buildings/2/blocker/notes": [offline()] });
    const outbox = await outboxOf(store, server.send);
    await outbox.enqueue(start(1, 3));
    await outbox.enqueue(note(2, "第一条"));
    await outbox.enqueue(start(4, 9));

    expect(await outbox.flush()).toBe("retry");
    expect(server.sent.map((sent) => sent.path)).toEqual(["/buildings/1/stage"]);
    expect(outbox.snapshot().map((item) => [item.buildingId, item.attempts])).toEqual([
      [2, 1],
      [4, 0],
    ]);

    expect(await outbox.flush()).toBe("done");
    expect(server.sent.map((sent) => sent.path)).toEqual([
      "/buildings/1/stage",
      "/buildings/2/blocker/notes",
      "/buildings/4/stage",
    ]);
  });

  it("sends a change with the same key on every attempt, across a reload, so a resend is not made twice", async () => {
    const store = memoryOutboxStore();
    const attempts: { path: string; key: string }[] = [];
    // The first two attempts of the note get no answer (the signal dropped after they were sent).
    let lost = 2;
    const send = async (item: QueuedWrite) => {
      attempts.push({ path: item.path, key: item.key });
      if (item.kind === "note" && lost-- > 0) throw offline();
      return buildBuilding({ id: item.buildingId, version: (item.version ?? 0) + 1 });
    };
    const outbox = await outboxOf(store, send);
    await outbox.enqueue(note(2, "管线单位已进场"));
    await outbox.enqueue(start(4, 9));
    const [noteKey, stageKey] = outbox.snapshot().map((item) => item.key);
    expect(noteKey).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(stageKey).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    expect(stageKey).not.toBe(noteKey);

    expect(await outbox.flush()).toBe("retry");
    const reloaded = await outboxOf(store, send);
    expect(await reloaded.flush()).toBe("retry");
    expect(await reloaded.flush()).toBe("done");
    expect(attempts).toEqual([
      { path: "/buildings/2/blocker/notes", key: noteKey },
      { path: "/buildings/2/blocker/notes", key: noteKey },
      { path: "/buildings/2/blocker/notes", key: noteKey },
      { path: "/buildings/4/stage", key: stageKey },
    ]);
  });

  it("makes keys without crypto.randomUUID too (a page served over plain HTTP has none)", () => {
    const getRandomValues = crypto.getRandomValues.bind(crypto);
    vi.stubGlobal("crypto", { getRandomValues });
    try {
      const keys = new Set([newIdempotencyKey(), newIdempotencyKey(), newIdempotencyKey()]);
      expect(keys.size).toBe(3);
      for (const key of keys)
        expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("keeps the key a change was first sent with online, when it is queued after its answer was lost", async () => {
    const outbox = await outboxOf(memoryOutboxStore(), fakeServer().send);
    const item = await outbox.enqueue({ ...start(1, 3), key: "sent-online-once" });
    expect(item.key).toBe("sent-online-once");
    expect(outbox.snapshot()[0]?.key).toBe("sent-online-once");
  });

  it("treats a server error or an expired session as not reached: kept, to be tried again", async () => {
    for (const error of [new ApiError(503, "database_unavailable", "数据库暂时不可用"), new ApiError(401, "x", "")]) {
      const server = fakeServer({ "/buildings/1/stage": [error] });
      const outbox = await outboxOf(memoryOutboxStore(), server.send);
      await outbox.enqueue(start(1, 3));
      expect(await outbox.flush()).toBe("retry");
      expect(outbox.snapshot()[0]?.state).toBe("waiting");
    }
  });

  it("hands a change that meets a newer version over as a conflict, with the building as it is now", async () => {
    const current = buildBuilding({ id: 1, version: 4, floors: 7, signedOn: "2022-01-05" });
    const store = memoryOutboxStore();
    const server = fakeServer({ "/buildings/1/stage": [stale(current)] });
    const outbox = await outboxOf(store, server.send);
    await outbox.enqueue(start(1, 3));
    await outbox.enqueue(note(2, "已协调"));

    expect(await outbox.flush()).toBe("done");
    const [conflict] = outbox.snapshot();
    expect(conflict).toMatchObject({ state: "conflict", version: 3, current: { version: 4, floors: 7 } });
    expect(conflict?.base.version).toBe(3);
    // The other building's change is not held up by it.
    expect(server.sent.map((sent) => sent.path)).toEqual(["/buildings/2/blocker/notes"]);
    // Nothing is dropped: the conflict stays, across a reload, until redone or discarded.
    expect(await outbox.flush()).toBe("done");
    const reloaded = await outboxOf(store, server.send);
    expect(reloaded.snapshot().map((item) => item.state)).toEqual(["conflict"]);
  });

  it("redoes a conflicted change on the current version: the same change, sent with the new version", async () => {
    const current = buildBuilding({ id: 1, version: 4, floors: 7 });
    const server = fakeServer({ "/buildings/1/stage": [stale(current)] });
    const outbox = await outboxOf(memoryOutboxStore(), server.send);
    const item = await outbox.enqueue(start(1, 3));
    await outbox.flush();

    expect(await outbox.redo(item.id)).toBe("done");
    expect(server.sent).toEqual([
      { path: "/buildings/1/stage", version: 4, body: { stage: "started", date: "2022-05-10" } },
    ]);
    // A new request, the refused one having changed nothing: a new key.
    expect(server.send.mock.calls.map(([sent]) => sent.key)).toEqual([item.key, expect.not.stringMatching(item.key)]);
    expect(outbox.snapshot()).toEqual([]);
  });

  it("keeps a refused change (400, 403) with the server's message until the user discards it", async () => {
    const refusal = new ApiError(400, "invalid", "开工日期不能早于签约日期", { date: "开工日期不能早于签约日期" });
    const server = fakeServer({
      "/buildings/1/stage": [refusal],
      "/buildings/2/blocker/notes": [new ApiError(403, "forbidden", "只能修改本居民区的楼栋")],
    });
    const store = memoryOutboxStore();
    const outbox = await outboxOf(store, server.send);
    await outbox.enqueue(start(1, 3, "2021-01-01"));
    await outbox.enqueue(note(2, "x"));
    await outbox.enqueue(start(5, 1));

    expect(await outbox.flush()).toBe("done");
    expect(outbox.snapshot().map((item) => [item.buildingId, item.state, item.error?.message])).toEqual([
      [1, "refused", "开工日期不能早于签约日期"],
      [2, "refused", "只能修改本居民区的楼栋"],
    ]);
    expect(outbox.snapshot()[0]?.error?.fields).toEqual({ date: "开工日期不能早于签约日期" });
    expect(server.sent.map((sent) => sent.path)).toEqual(["/buildings/5/stage"]);

    // Flushing again does not resend a refused change.
    await outbox.flush();
    expect(server.send).toHaveBeenCalledTimes(3);
    const [first] = outbox.snapshot();
    await outbox.discard(first?.id ?? "");
    expect(outbox.snapshot().map((item) => item.buildingId)).toEqual([2]);
    expect([...store.rows.values()].map((item) => item.buildingId)).toEqual([2]);
  });

  it("holds a building's later changes behind its unresolved one, so they arrive in order", async () => {
    const current = buildBuilding({ id: 1, version: 4 });
    const server = fakeServer({ "/buildings/1/stage": [stale(current)] });
    const outbox = await outboxOf(memoryOutboxStore(), server.send);
    await outbox.enqueue(start(1, 3));
    await outbox.enqueue(note(1, "之后的进展"));
    await outbox.flush();
    expect(server.sent).toEqual([]);
    expect(outbox.snapshot().map((item) => item.state)).toEqual(["conflict", "waiting"]);
    expect(outbox.hasWaiting(1)).toBe(true);
  });

  it("moves a building's later change onto the version its earlier change produced", async () => {
    const server = fakeServer();
    const outbox = await outboxOf(memoryOutboxStore(), server.send);
    await outbox.enqueue(start(1, 3));
    const edit: WriteInput = {
      ...start(1, 3),
      kind: "patch",
      method: "PATCH",
      path: "/buildings/1",
      body: { floors: 6 },
    };
    await outbox.enqueue(edit);
    await outbox.flush();
    expect(server.sent.map((sent) => [sent.path, sent.version])).toEqual([
      ["/buildings/1/stage", 3],
      ["/buildings/1", 4],
    ]);
  });

  it("shows and sends only the logged-in user's changes", async () => {
    const store = memoryOutboxStore();
    const theirs = await outboxOf(store, fakeServer().send, 99);
    await theirs.enqueue(start(1, 3));
    const server = fakeServer();
    const mine = await outboxOf(store, server.send, ME);
    await mine.enqueue(start(2, 5));
    expect(mine.snapshot().map((item) => item.buildingId)).toEqual([2]);
    await mine.flush();
    expect(server.sent.map((sent) => sent.path)).toEqual(["/buildings/2/stage"]);
    expect([...store.rows.values()].map((item) => item.userId)).toEqual([99]);
  });

  it("sends each change once when asked to flush twice at the same time", async () => {
    const server = fakeServer();
    const outbox = await outboxOf(memoryOutboxStore(), server.send);
    await outbox.enqueue(start(1, 3));
    await outbox.enqueue(start(2, 3));
    await Promise.all([outbox.flush(), outbox.flush()]);
    expect(server.send).toHaveBeenCalledTimes(2);
  });

  it("tells each change the server took, with its answer", async () => {
    const onSent = vi.fn();
    const outbox = new Outbox(memoryOutboxStore(), { send: fakeServer().send, onSent });
    await outbox.setUser(ME);
    await outbox.enqueue(start(1, 3));
    await outbox.flush();
    expect(onSent).toHaveBeenCalledWith(
      expect.objectContaining({ buildingId: 1 }),
      expect.objectContaining({ version: 4 }),
    );
  });
});

describe("retryDelay", () => {
  it("waits 2 s, doubling with each failure, at most a minute", () => {
    expect([1, 2, 3, 4, 6, 10].map(retryDelay)).toEqual([2_000, 4_000, 8_000, 16_000, 60_000, 60_000]);
  });
});
