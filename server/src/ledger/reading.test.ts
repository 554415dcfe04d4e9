// Uploads are read off the request thread: a costly file does not slow anyone else down, a second one waits
// its turn (429), and a worker that runs out of time or memory is ended with a clear refusal.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, loginAs } from "../test/factories";
import { ENGINES, startTestApp, type TestApp } from "../test/harness";
import { UploadReader } from "./reading";
import { upload } from "./testing";
import { columnName, handmadeXlsx } from "./xlsx/handmade";

/** 20,000 rows of 60 numbers: within every limit (3.3 MB, 1.2M cells), and seconds of parsing. */
function costlyWorkbook(): Buffer {
  const rows: string[] = [];
  for (let r = 1; r <= 20_000; r++) {
    let cells = "";
    for (let c = 0; c < 60; c++) cells += `<c r="${columnName(c)}${r}"><v>${c}</v></c>`;
    rows.push(`<row r="${r}">${cells}</row>`);
  }
  return handmadeXlsx({
    sheetXml: `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`,
  });
}

const costly = costlyWorkbook();

describe("the upload reader", () => {
  it("ends a worker that runs past its time limit: 422", async () => {
    const reader = new UploadReader({ timeoutMs: 300, heapMb: 384 });
    await expect(reader.read(costly)).rejects.toMatchObject({ status: 422, code: "file_too_complex" });
  });

  it("ends a worker that runs out of memory: 413, and the process goes on", async () => {
    const reader = new UploadReader({ timeoutMs: 60_000, heapMb: 16 });
    await expect(reader.read(costly)).rejects.toMatchObject({ status: 413, code: "file_too_large" });
    // The same reader reads the next file normally once the worker is gone.
    await expect(
      new UploadReader().read(
        handmadeXlsx({
          rows: [
            ["编号", "居民区", "地址"],
            ["", "平塘", "一号"],
          ],
        }),
      ),
    ).resolves.toMatchObject({ ok: true });
  });
});

describe.each(ENGINES)("reading uploads while serving on %s", (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it("answers other requests while a costly file is read, and refuses a second upload meanwhile (429)", async () => {
    const taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    const other = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    let reading = false;
    let first: Promise<Awaited<ReturnType<typeof upload>>> | undefined;
    let second: Awaited<ReturnType<typeof upload>> | undefined;
    // The first upload may take a moment to reach the reader on a busy machine: try until it is being read. On a
    // quick one the second may reach it first (and the first is refused): then the round is run again.
    for (let round = 0; round < 5 && second?.status !== 429; round++) {
      reading = true;
      first = upload(taskforce, costly).then((response) => {
        reading = false;
        return response;
      });
      second = await upload(other, costly);
      while (second.status !== 429 && reading) second = await upload(other, costly);
      if (second.status !== 429) await first;
    }
    if (!first || !second) throw new Error("no round ran");
    expect(second.status).toBe(429);
    expect(second.headers["retry-after"]).toBe("5");
    expect(second.body.error.message).toContain("另一个导入文件");

    const latencies: number[] = [];
    while (reading) {
      const started = performance.now();
      const health = await t.anonymous().get("/api/health");
      expect(health.status).toBe(200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The file has no ledger header (400) — or, on a machine too busy to read it within the reader's time
    // limit, is refused as too complex (422). Either way it is a clear refusal, never a crash.
    const response = await first;
    expect([400, 422]).toContain(response.status);
    expect(response.body.error.message).toMatch(response.status === 400 ? /没有找到台账表头/ : /复杂|时间/);
    // Health answered again and again while the file was read: the reading did not hold the request thread.
    // (How fast it answered is a figure for `npm run bench`, not a test.)
    expect(latencies.length).toBeGreaterThan(5);
  });
});
