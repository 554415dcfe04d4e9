// The app's outbox (outbox.ts) in IndexedDB, and how the API layer uses it: a change of the kinds that may
// wait (a stage record, a blocker note, a building edit) goes to the server when it can, and into the outbox
// when the browser is offline or the request never reached the server — never when the server refused it.

import { useSyncExternalStore } from "react";
import { isApiError, request } from "../api/http";
import { newIdempotencyKey, Outbox, type QueuedWrite, type WriteInput } from "./outbox";
import { indexedDbStore } from "./store";
import { startSync } from "./sync";

/** What a change came to: the server's answer, or queued to be sent later. */
export type Outcome<T> = { queued: false; value: T } | { queued: true };

const CHANNEL = "jiati-outbox";
const LOCK = "jiati-outbox";

let channel: BroadcastChannel | null = null;
let afterSent: ((item: QueuedWrite, answer: unknown) => void) | null = null;
let kick: () => void = () => undefined;

const sendItem = (item: QueuedWrite) =>
  request<unknown>(item.path, {
    method: item.method,
    body: item.body,
    version: item.version,
    idempotencyKey: item.key,
  });

export const outbox = new Outbox(indexedDbStore(), {
  send: sendItem,
  onSent: (item, answer) => afterSent?.(item, answer),
  announce: () => channel?.postMessage("changed"),
  // One tab sends at a time, so no change is sent twice.
  exclusive: <T>(task: () => Promise<T>) =>
    navigator.locks ? (navigator.locks.request(LOCK, task) as Promise<T>) : task(),
});

/**
 * Starts the outbox for the logged-in user: their items shown and sent — now, when the network returns, and
 * on a back-off after a failure; `onSent` is told of each item the server takes. Returns what stops it.
 */
export function startOutbox(userId: number, onSent: (item: QueuedWrite, answer: unknown) => void): () => void {
  afterSent = onSent;
  channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
  if (channel) channel.onmessage = () => void outbox.refresh();
  let sync: ReturnType<typeof startSync> | null = null;
  let stopped = false;
  void outbox.setUser(userId).then(() => {
    if (stopped) return;
    sync = startSync(outbox);
    kick = sync.kick;
  });
  return () => {
    stopped = true;
    sync?.stop();
    kick = () => undefined;
    afterSent = null;
    channel?.close();
    channel = null;
  };
}

function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

/**
 * Sends a change, or queues it when the browser is offline, when the request does not reach the server, or
 * when an earlier change to the same building is still waiting (so they arrive in order). A refusal (4xx) is
 * thrown as usual, for the form to show.
 */
export async function sendOrQueue<T>(change: WriteInput): Promise<Outcome<T>> {
  // One key for the change, online or queued: a request that reached the server but whose answer was lost is
  // queued with the key it was sent with, so its resend is answered rather than made twice.
  const write = { ...change, key: change.key ?? newIdempotencyKey() };
  if (isOffline() || outbox.hasWaiting(write.buildingId)) return queue(write);
  try {
    const value = await request<T>(write.path, {
      method: write.method,
      body: write.body,
      version: write.version,
      idempotencyKey: write.key,
    });
    return { queued: false, value };
  } catch (error) {
    if (isApiError(error, 0)) return queue(write);
    throw error;
  }
}

async function queue(write: WriteInput): Promise<{ queued: true }> {
  await outbox.enqueue(write);
  kick();
  return { queued: true };
}

/** The logged-in user's queued changes, in order. */
export function useOutbox(): readonly QueuedWrite[] {
  return useSyncExternalStore(outbox.subscribe, outbox.snapshot);
}

const subscribeOnline = (listener: () => void) => {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
};

/** Whether the browser believes it is online. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}
