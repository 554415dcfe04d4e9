// The outbox kept in IndexedDB: one object store of items by id, read in their order of making. IndexedDB
// outlives reloads and browser restarts, and every tab of the app sees the same items.

import type { OutboxStore, QueuedWrite } from "./outbox";

const DB_NAME = "jiati-offline";
const STORE = "outbox";

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id" });
  return promised(request);
}

export function indexedDbStore(): OutboxStore {
  let db: Promise<IDBDatabase> | null = null;
  const connect = () => {
    db ??= open();
    return db;
  };
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const transaction = (await connect()).transaction(STORE, mode);
    // Stored only once the transaction completes, not when the request succeeds.
    const committed = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    const result = await promised(work(transaction.objectStore(STORE)));
    await committed;
    return result;
  };
  return {
    list: async () =>
      ((await run("readonly", (store) => store.getAll())) as QueuedWrite[]).sort((a, b) => a.seq - b.seq),
    put: async (item) => void (await run("readwrite", (store) => store.put(item))),
    remove: async (id) => void (await run("readwrite", (store) => store.delete(id))),
  };
}
