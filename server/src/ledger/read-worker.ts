// The worker thread that reads one uploaded ledger: the bytes come in, the ledger's parsed rows (or the
// file's problem) go out, and the thread ends. Run by UploadReader (reading.ts), never on the request thread.

import { parentPort, workerData } from "node:worker_threads";
import { msg, setLanguageSource } from "@jiati/shared";
import { parseRow } from "./parse";
import { readLedger } from "./read";
import type { ReaderData, ReadOutcome } from "./reading";
import { FileProblem } from "./xlsx/errors";

const { language } = workerData as ReaderData;
setLanguageSource(() => language);

function read(bytes: Uint8Array): ReadOutcome {
  try {
    const { rows, ...sheet } = readLedger(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { ok: true, sheet, rows: rows.map((row) => parseRow(row, sheet.columns)) };
  } catch (error) {
    if (error instanceof FileProblem) return { ok: false, status: error.status, message: error.message };
    return {
      ok: false,
      status: 400,
      message: msg("reading.damaged"),
    };
  }
}

parentPort?.once("message", (bytes: Uint8Array) => parentPort?.postMessage(read(bytes)));
