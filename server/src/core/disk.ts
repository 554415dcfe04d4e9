// The free space of the embedded database's disk. Checked every minute and on each health request; under
// the threshold (DISK_MIN_FREE_MB) the server warns — in its log, in /api/health, and through it to the task
// force's pages — and automatic backups are skipped. A write refused for lack of space marks the disk full
// until a write succeeds again or the space returns (docs/OPERATIONS.md).

import fs from "node:fs";
import type { Logger } from "./logger";

export type DiskState = "ok" | "low" | "full";

export interface DiskReading {
  state: DiskState;
  /** Bytes free to this process, or null when there is no folder to watch (PostgreSQL). */
  freeBytes: number | null;
}

const MB = 1024 * 1024;

export class DiskWatch {
  private full = false;
  private last: DiskState = "ok";
  private timer?: NodeJS.Timeout;

  constructor(
    /** The folder whose file system is watched; absent for PostgreSQL, whose disk is the server's. */
    private readonly folder: string | undefined,
    readonly minFreeBytes: number,
    private readonly logger: Logger,
  ) {}

  /** Checks now and then every `intervalMs`. */
  start(intervalMs = 60_000): this {
    this.check();
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  freeBytes(): number | null {
    if (!this.folder) return null;
    try {
      const stats = fs.statfsSync(this.folder);
      return stats.bavail * stats.bsize;
    } catch {
      return null;
    }
  }

  /** Reads the free space and logs when the state changes. */
  check(): DiskReading {
    const freeBytes = this.freeBytes();
    if (this.full && freeBytes !== null && freeBytes >= this.minFreeBytes) this.full = false;
    const state: DiskState = this.full ? "full" : freeBytes !== null && freeBytes < this.minFreeBytes ? "low" : "ok";
    if (state !== this.last) this.logChange(state, freeBytes);
    this.last = state;
    return { state, freeBytes };
  }

  private logChange(state: DiskState, freeBytes: number | null): void {
    const free = freeBytes === null ? "" : `${Math.floor(freeBytes / MB)} MB free, `;
    const where = `${this.folder ? `${this.folder}: ` : ""}${free}threshold ${Math.round(this.minFreeBytes / MB)} MB`;
    if (state === "ok") this.logger.info(`disk space is back (${where})`);
    else if (state === "low") this.logger.warn(`disk space is low (${where}): free some space or move DATA_DIR`);
    else this.logger.error(`disk is full (${where}): writes are refused until space is freed`);
  }

  /** A write failed for lack of space. */
  reportFull(): void {
    this.full = true;
    this.check();
  }

  /** A write committed: whatever the free space, the disk is not full. */
  reportWritten(): void {
    if (!this.full) return;
    this.full = false;
    this.check();
  }

  /** Whether writing `bytes` more would leave less than the threshold free. */
  wouldRunLow(bytes: number): boolean {
    const free = this.freeBytes();
    return free !== null && free - bytes < this.minFreeBytes;
  }
}
