// The outbox's store in memory, for unit tests: like IndexedDB, it hands out copies (structured clones), so a
// test sees what was stored, not the object the outbox still holds.

import type { OutboxStore, QueuedWrite } from "../offline/outbox";

export function memoryOutboxStore(initial: QueuedWrite[] = []): OutboxStore & { rows: Map<string, QueuedWrite> } {
  const rows = new Map(initial.map((item) => [item.id, structuredClone(item)]));
  return {
    rows,
    list: async () => [...rows.values()].map((item) => structuredClone(item)).sort((a, b) => a.seq - b.seq),
    put: async (item) => void rows.set(item.id, structuredClone(item)),
    remove: async (id) => void rows.delete(id),
  };
}
