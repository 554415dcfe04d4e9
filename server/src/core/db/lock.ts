// One process per PGlite data folder: a lock file holding the owner's pid (and, on Linux, its start time).
// A lock left by a process that no longer runs (after a crash or SIGKILL) is taken over; one held by a live
// process refuses the start. Taking the lock and taking a stale one over are atomic (docs/OPERATIONS.md):
// the lock file appears whole through link(2), which fails when it exists, and a stale one is removed only
// under a takeover mutex (mkdir), after checking it is still the very file judged stale — so of processes
// started in the same instant after a crash, exactly one gets the folder.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface FolderLock {
  release(): void;
}

export class FolderLockedError extends Error {}

/** Lock files held by this process: a second open of the same folder in one process is refused too. */
const heldHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** When the process started (clock ticks since boot, /proc/<pid>/stat field 22), or "" where unknown. */
function startTimeOf(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    return "";
  }
}

/**
 * Whether the lock's owner still runs. The pid alone can mislead after a crash: in a container the server
 * often gets the same pid at every start (so the lock names ourselves), and pids are reused; the recorded
 * start time tells a reused pid from the owner.
 */
function ownerRuns(content: string): { pid: number; runs: boolean } {
  const [pidLine, startTime] = content.split("\n");
  const pid = Number(pidLine?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return { pid, runs: false };
  if (pid === process.pid) return { pid, runs: false };
  if (!isRunning(pid)) return { pid, runs: false };
  if (startTime?.trim() && startTimeOf(pid) && startTimeOf(pid) !== startTime.trim()) return { pid, runs: false };
  return { pid, runs: true };
}

export function acquireFolderLock(
  dataDir: string,
  /** Test hook: runs between judging a lock stale and removing it (tests widen the race with a pause). */
  beforeTakeover?: () => void,
): FolderLock {
  const file = path.join(dataDir, "server.lock");
  if (heldHere.has(file)) {
    throw new FolderLockedError(`The data folder ${dataDir} is already open in this process.`);
  }
  const content = `${process.pid}\n${startTimeOf(process.pid)}\n`;
  // Written in full under a name of our own first, so the lock is never seen half-written.
  const mine = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(mine, content, { flag: "wx" });
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        fs.linkSync(mine, file);
        heldHere.add(file);
        return heldLock(file, content);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      let existing: string;
      let inode: number;
      try {
        existing = fs.readFileSync(file, "utf8");
        inode = fs.statSync(file).ino;
      } catch {
        continue; // removed meanwhile: try again
      }
      const owner = ownerRuns(existing);
      if (owner.runs) {
        throw new FolderLockedError(
          `The data folder ${dataDir} is in use by another process (pid ${owner.pid}). ` +
            "PGlite allows one process per data folder: stop that process, or set DATA_DIR to another folder.",
        );
      }
      beforeTakeover?.();
      removeIfStill(file, inode);
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
  throw new FolderLockedError(`Could not lock the data folder ${dataDir}`);
}

/** A takeover's mutex older than this was left by a process that died inside it. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * Removes the stale lock `file` if it is still the file `inode` judged stale. Only the holder of the
 * takeover mutex (a folder: mkdir is atomic) removes a lock, after checking the inode again inside it —
 * and new locks appear only through link(2) — so a live lock is never removed by a racing start.
 */
function removeIfStill(file: string, inode: number): void {
  const mutex = `${file}.takeover`;
  try {
    fs.mkdirSync(mutex);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    try {
      if (Date.now() - fs.statSync(mutex).mtimeMs > TAKEOVER_STALE_MS) fs.rmdirSync(mutex);
    } catch {
      // gone meanwhile
    }
    sleepSync(5 + Math.random() * 20); // another start is taking over: look again shortly
    return;
  }
  try {
    if (fs.statSync(file).ino === inode) fs.unlinkSync(file);
  } catch {
    // already gone
  } finally {
    fs.rmdirSync(mutex);
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function heldLock(file: string, content: string): FolderLock {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      try {
        if (fs.readFileSync(file, "utf8") === content) fs.unlinkSync(file);
      } catch {
        // already gone
      }
    },
  };
}
