// Reads uploaded ledgers where they cannot hurt the server: each file in a fresh worker thread with a heap
// limit and a wall-clock limit, one file at a time per server. A worker that runs out of memory or time is
// ended and the upload refused; the request thread never parses a byte of it.

import { Worker } from "node:worker_threads";
import { currentLanguage, type Language, messageIn, msg } from "@jiati/shared";
import { AppError, InvalidInput, TooManyRequests } from "../core/errors";
import type { ParsedRow } from "./parse";
import type { LedgerSheet } from "./read";

export type ReadOutcome =
  | { ok: true; sheet: Omit<LedgerSheet, "rows">; rows: ParsedRow[] }
  | { ok: false; status: 400 | 413 | 422; message: string };

/** What the reading worker is started with. */
export interface ReaderData {
  /** The language of the messages it writes (the upload's request). */
  language: Language;
}

export interface ReaderLimits {
  /** Wall-clock time for one file. */
  timeoutMs: number;
  /** The worker's JavaScript heap. */
  heapMb: number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = { timeoutMs: 20_000, heapMb: 384 };

class FileRefused extends AppError {
  constructor(status: 400 | 413 | 422, message: string) {
    super(status, status === 400 ? "invalid_file" : status === 413 ? "file_too_large" : "file_too_complex", message, {
      file: message,
    });
  }
}

/** The worker's entry: the bundle beside the built server, or the TypeScript source through tsx. */
function workerEntry(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./read-worker.dev.mjs", import.meta.url)
    : new URL("./read-worker.js", import.meta.url);
}

export class UploadReader {
  private busy = false;

  constructor(private readonly limits: ReaderLimits = DEFAULT_READER_LIMITS) {}

  /** Reads `file` in a worker; 429 while another file is being read, 400/413/422 when it cannot be read. */
  async read(file: Buffer): Promise<Extract<ReadOutcome, { ok: true }>> {
    if (this.busy) throw new TooManyRequests(msg("reading.busy"), 5);
    this.busy = true;
    try {
      const outcome = await this.runWorker(file);
      if (!outcome.ok) throw new FileRefused(outcome.status, outcome.message);
      return outcome;
    } finally {
      this.busy = false;
    }
  }

  private runWorker(file: Buffer): Promise<ReadOutcome> {
    // The worker and the callbacks below run outside the request: they are told its language.
    const language = currentLanguage();
    const worker = new Worker(workerEntry(), {
      workerData: { language } satisfies ReaderData,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    return new Promise<ReadOutcome>((resolve, reject) => {
      const finish = (outcome: ReadOutcome | Error) => {
        clearTimeout(timer);
        worker.removeAllListeners();
        worker.on("error", () => {});
        void worker.terminate();
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const timer = setTimeout(
        () =>
          finish({
            ok: false,
            status: 422,
            message: messageIn(language, "reading.tooComplex"),
          }),
        this.limits.timeoutMs,
      );
      worker.once("message", (outcome: ReadOutcome) => finish(outcome));
      worker.once("error", (error: Error & { code?: string }) =>
        finish(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? {
                ok: false,
                status: 413,
                message: messageIn(language, "reading.outOfMemory"),
              }
            : new InvalidInput(
                messageIn(language, "reading.unreadable"),
                { file: messageIn(language, "reading.unreadableShort") },
                "invalid_file",
              ),
        ),
      );
      worker.once("exit", (code) =>
        finish({ ok: false, status: 400, message: messageIn(language, "reading.readerExited", { code }) }),
      );
      // A copy the worker owns: the caller's buffer may be a slice of a pooled one.
      const bytes = new Uint8Array(file);
      worker.postMessage(bytes, [bytes.buffer]);
    });
  }
}
