// A local admin socket in the data folder, through which `npm run backup` asks the running server for a dump:
// PGlite allows one process per data folder, so while the server runs only the server can read the database.
// The socket is a Unix domain socket in a folder only the server's own OS user can enter — the data folder,
// or for a long data folder path a private folder of that user in the temp folder — and the command talks
// to it only after checking that the folder and the socket are that user's own. Protocol: one JSON line in ({"command":"backup"}); one JSON line out
// ({"ok":true,"bytes":N} or {"ok":false,"error":"…"}), then the N bytes of the dump.

import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Database } from "../core/db";
import { whyNotPrivate } from "../core/files";
import type { Logger } from "../core/logger";
import { dumpPgliteBytes } from "./backup";

/** Unix socket paths are limited to about 104 bytes; a long data folder gets its socket in a private temp folder. */
export function adminSocketPath(dataDir: string): string {
  const inFolder = path.join(dataDir, "admin.sock");
  if (Buffer.byteLength(inFolder) < 100) return inFolder;
  const hash = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `jiati-admin-${process.getuid?.() ?? 0}`, `${hash}.sock`);
}

/** Makes the socket's folder if it is missing; refuses one that is not this user's private folder. */
function preparePrivateFolder(socketPath: string): void {
  const folder = path.dirname(socketPath);
  if (!fs.existsSync(folder)) fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const problem = whyNotPrivate(folder, "folder");
  if (problem) throw new Error(`not serving the admin socket: ${problem}`);
}

/**
 * Serves the admin socket of `dataDir`. Call it while holding the data folder's lock: a socket file found
 * there is left from a process that is gone, and is replaced.
 */
export async function startAdminSocket(options: {
  database: Database;
  dataDir: string;
  logger: Logger;
}): Promise<{ close(): Promise<void> }> {
  const socketPath = adminSocketPath(options.dataDir);
  preparePrivateFolder(socketPath);
  fs.rmSync(socketPath, { force: true });
  const pending = new Set<Promise<void>>();

  const handle = async (socket: net.Socket, line: string) => {
    const reply = (header: object, body?: Uint8Array) => {
      socket.write(`${JSON.stringify(header)}\n`);
      if (body) socket.write(body);
      socket.end();
    };
    let command: unknown;
    try {
      command = (JSON.parse(line) as { command?: unknown }).command;
    } catch {
      return reply({ ok: false, error: "request is not JSON" });
    }
    if (command !== "backup") return reply({ ok: false, error: `unknown command ${String(command)}` });
    try {
      const bytes = await dumpPgliteBytes(options.database);
      options.logger.info(`backup requested on the admin socket: ${bytes.length} bytes sent`);
      reply({ ok: true, bytes: bytes.length }, bytes);
    } catch (error) {
      options.logger.error("backup on the admin socket failed", error);
      reply({ ok: false, error: (error as Error).message });
    }
  };

  const server = net.createServer((socket) => {
    let buffered = "";
    socket.setEncoding("utf8");
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf("\n");
      if (end < 0) {
        if (buffered.length > 10_000) socket.destroy();
        return;
      }
      const line = buffered.slice(0, end);
      buffered = "";
      socket.removeAllListeners("data");
      const work = handle(socket, line).finally(() => pending.delete(work));
      pending.add(work);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    const umask = process.umask(0o177);
    try {
      server.listen(socketPath, resolve);
    } finally {
      process.umask(umask);
    }
  });
  fs.chmodSync(socketPath, 0o600);
  server.unref();

  return {
    /** Stops accepting, waits for dumps being sent, removes the socket file. */
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(pending);
      fs.rmSync(socketPath, { force: true });
    },
  };
}

/**
 * Asks the server running on `dataDir` for a dump. Resolves null when no server listens there (no socket,
 * or one left by a process that is gone).
 */
export function requestDumpFromServer(dataDir: string): Promise<Buffer | null> {
  const socketPath = adminSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) return Promise.resolve(null);
  // Whatever answers there gets to write the backup file: only a socket of this user, in a folder no one
  // else can change, is asked.
  const problem = whyNotPrivate(path.dirname(socketPath), "folder") ?? whyNotPrivate(socketPath, "socket");
  if (problem) return Promise.reject(new Error(`not trusting the admin socket: ${problem}`));
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    const chunks: Buffer[] = [];
    let connected = false;
    socket.on("connect", () => {
      connected = true;
      socket.write(`${JSON.stringify({ command: "backup" })}\n`);
    });
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === "ENOENT" || error.code === "ECONNREFUSED")) resolve(null);
      else reject(new Error(`the server's admin socket ${socketPath} failed: ${error.message}`));
    });
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      if (newline < 0) return reject(new Error("the server closed the admin socket without answering"));
      const header = JSON.parse(all.subarray(0, newline).toString("utf8")) as {
        ok: boolean;
        bytes?: number;
        error?: string;
      };
      if (!header.ok) return reject(new Error(`the server could not write a backup: ${header.error}`));
      const body = all.subarray(newline + 1);
      if (body.length !== header.bytes) {
        return reject(new Error(`the backup was cut short (${body.length} of ${header.bytes} bytes)`));
      }
      resolve(body);
    });
  });
}
