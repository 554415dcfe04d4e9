// One process per PGlite data folder: a lock file holding the owner's pid (and, on Linux, its start time).
// A lock left by a process that no longer runs (after a crash or SIGKILL) is taken over; one held by a live
// process refuses the start.

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

export function acquireFolderLock(dataDir: string): FolderLock {
  const file = path.join(dataDir, "server.lock");
  if (heldHere.has(file)) {
    throw new FolderLockedError(`The data folder ${dataDir} is already open in this process.`);
  }
  const content = `${process.pid}\n${startTimeOf(process.pid)}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, content);
      fs.closeSync(fd);
      heldHere.add(file);
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
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let existing = "";
      try {
        existing = fs.readFileSync(file, "utf8");
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
      // Stale lock from a process that is gone: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new FolderLockedError(`Could not lock the data folder ${dataDir}`);
}
