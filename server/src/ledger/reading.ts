// Reads uploaded ledgers where they cannot hurt the server: each file in a fresh worker thread with a heap
// limit and a wall-clock limit, one file at a time per server. A worker that runs out of memory or time is
// ended and the upload refused; the request thread never parses a byte of it.

import { Worker } from "node:worker_threads";
import { AppError, InvalidInput, TooManyRequests } from "../core/errors";
import type { ParsedRow } from "./parse";
import type { LedgerSheet } from "./read";

export type ReadOutcome =
  | { ok: true; sheet: Omit<LedgerSheet, "rows">; rows: ParsedRow[] }
  | { ok: false; status: 400 | 413 | 422; message: string };

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
    if (this.busy) throw new TooManyRequests("正在读取另一个导入文件，请稍候几秒再上传", 5);
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
    const worker = new Worker(workerEntry(), {
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
            message: "文件过于复杂，未能在限定时间内读完：请删去多余的工作表、格式或合并单元格后再上传",
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
                message: "文件内容过多，读取时超出了内存上限：请拆分文件或删去多余的内容后再上传",
              }
            : new InvalidInput(
                "无法读取该 .xlsx 文件，请用 Excel 打开后重新保存再上传",
                { file: "无法读取" },
                "invalid_file",
              ),
        ),
      );
      worker.once("exit", (code) =>
        finish({ ok: false, status: 400, message: `无法读取该 .xlsx 文件（读取进程意外结束：${code}）` }),
      );
      // A copy the worker owns: the caller's buffer may be a slice of a pooled one.
      const bytes = new Uint8Array(file);
      worker.postMessage(bytes, [bytes.buffer]);
    });
  }
}
