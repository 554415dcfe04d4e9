// One process per PGlite data folder: a lock file holding the owner's pid. A lock left by a process that
// no longer runs (after a crash or SIGKILL) is taken over; one held by a live process refuses the start.

import fs from "node:fs";
import path from "node:path";

export interface FolderLock {
  release(): void;
}

export class FolderLockedError extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireFolderLock(dataDir: string): FolderLock {
  const file = path.join(dataDir, "server.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(file, "utf8").trim());
      if (owner && isRunning(owner)) {
        throw new FolderLockedError(
          `The data folder ${dataDir} is in use by another process (pid ${owner}). ` +
            "PGlite allows one process per data folder: stop that process, or set DATA_DIR to another folder.",
        );
      }
      // Stale lock from a process that is gone: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new FolderLockedError(`Could not lock the data folder ${dataDir}`);
}
