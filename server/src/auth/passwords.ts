// Password hashing with scrypt (N=2^17, r=8, p=1), stored as scrypt$N$r$p$salt$hash (base64). Each
// derivation takes 128 MiB and ~0.6 s of a libuv thread — the pool that compression and file reads use too —
// so at most two run at once and a few more wait; beyond that the request is refused (429), and a flood of
// logins cannot starve pages or memory.

import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { msg } from "@jiati/shared";
import { TooManyRequests } from "../core/errors";

const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
// scrypt needs 128·N·r bytes; leave headroom above the 32 MB default.
const MAX_MEM = 256 * 1024 * 1024;

export const MAX_CONCURRENT_HASHES = 2;
export const MAX_WAITING_HASHES = 16;

/** 429: more password checks are waiting than the server takes on. */
export class ServerBusy extends TooManyRequests {
  constructor() {
    super(msg("auth.busy"), 2);
  }
}

let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) {
    if (waiting.length >= MAX_WAITING_HASHES) throw new ServerBusy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter, or is freed.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return withHashSlot(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEM }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the user does not exist, so that both cases take the same time. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString("hex"));
  return dummyHash;
}
