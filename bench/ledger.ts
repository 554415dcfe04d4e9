// The 10,000-row ledger import, timed end to end as a user meets it: the upload's preview and its commit, first
// of 10,000 new buildings, then of 10,000 updates (a note on each, from the area's own export, so 编号 and 版本
// are real). Beside each, how much the server's resident memory grew at its peak. Goals (docs/LEDGER.md §
// Speed): preview ≤ 1.5 s, commit ≤ 2 s, peak RSS growth ≤ 150 MB. Localhost only.

import fs from "node:fs";
import ExcelJS from "exceljs";
import { handmadeXlsx } from "../server/src/ledger/xlsx/handmade";

export interface LedgerPhase {
  phase: string;
  ms: number;
  goalMs: number;
  /** Peak resident memory of the server during the phase, above its resident memory before, MB. */
  peakRssGrowthMb: number;
  note: string;
}

export const LEDGER_GOALS = { previewMs: 1_500, commitMs: 2_000, rssGrowthMb: 150 };
const ROWS = 10_000;

const kbOf = (status: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);

/**
 * Runs `work` while watching the server's memory: its peak (VmHWM, reset first where the kernel allows,
 * else VmRSS sampled every 10 ms) above its resident memory before, in MB.
 */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const statusPath = `/proc/${pid}/status`;
  const before = kbOf(fs.readFileSync(statusPath, "utf8"), "VmRSS");
  let resetPeak = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    resetPeak = false;
  }
  let sampledPeak = before;
  const timer = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, kbOf(fs.readFileSync(statusPath, "utf8"), "VmRSS"));
  }, 10);
  try {
    const result = await work();
    const status = fs.readFileSync(statusPath, "utf8");
    const peak = Math.max(sampledPeak, kbOf(status, "VmRSS"), resetPeak ? kbOf(status, "VmHWM") : 0);
    return { result, growthMb: Math.round((peak - before) / 1024) };
  } finally {
    clearInterval(timer);
  }
}

interface Client {
  url: string;
  cookie: string;
}

async function preview(client: Client, file: Buffer): Promise<{ token: string; counts: Record<string, number> }> {
  const response = await fetch(`${client.url}/api/import/buildings?name=bench-ledger.xlsx`, {
    method: "POST",
    headers: { cookie: client.cookie, "x-requested-with": "bench", "content-type": "application/octet-stream" },
    body: new Uint8Array(file),
  });
  const body = (await response.json()) as { token?: string; counts?: Record<string, number> };
  if (!body.token || !body.counts) {
    throw new Error(`preview failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return { token: body.token, counts: body.counts };
}

async function commit(client: Client, token: string): Promise<{ created: number; updated: number }> {
  const response = await fetch(`${client.url}/api/import/buildings/commit`, {
    method: "POST",
    headers: { cookie: client.cookie, "x-requested-with": "bench", "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  const body = (await response.json()) as { created?: number; updated?: number };
  if (!response.ok) throw new Error(`commit failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { created: body.created ?? 0, updated: body.updated ?? 0 };
}

/** The area's export, reduced to what an update needs: 编号, 版本, 居民区 and 地址 of each row. */
async function exportedRows(client: Client, areaId: number): Promise<(string | number)[][]> {
  const response = await fetch(`${client.url}/api/export/buildings.xlsx?areaId=${areaId}`, {
    headers: { cookie: client.cookie },
  });
  if (!response.ok) throw new Error(`export failed: ${response.status}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.getWorksheet("台账");
  if (!sheet) throw new Error("the export has no 台账 sheet");
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const col = (name: string) => header.indexOf(name);
  const rows: (string | number)[][] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cell = (name: string) => row.getCell(col(name)).value as string | number;
    rows.push([cell("编号"), cell("版本"), cell("居民区"), cell("地址")]);
  });
  return rows;
}

async function timed<T>(
  pid: number,
  phase: string,
  goalMs: number,
  work: () => Promise<T>,
  note: (result: T) => string,
): Promise<{ phase: LedgerPhase; result: T }> {
  const started = performance.now();
  const { result, growthMb } = await withPeakRss(pid, work);
  const ms = Math.round(performance.now() - started);
  return { phase: { phase, ms, goalMs, peakRssGrowthMb: growthMb, note: note(result) }, result };
}

/** A new, empty area in the first zone, so the update file holds exactly the imported rows. */
async function freshArea(client: Client, stamp: string): Promise<{ id: number; name: string }> {
  const headers = { cookie: client.cookie, "x-requested-with": "bench", "content-type": "application/json" };
  const zones = (await (await fetch(`${client.url}/api/zones`, { headers })).json()) as { id: number }[];
  const response = await fetch(`${client.url}/api/areas`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: `台账基准${stamp}`, zoneId: zones[0]?.id }),
  });
  const area = (await response.json()) as { id: number; name: string };
  if (!response.ok) throw new Error(`area not created: ${response.status} ${JSON.stringify(area)}`);
  return area;
}

/** Creates 10,000 buildings in a fresh area by import, then updates them all by import of their export. */
export async function ledgerImport(client: Client, pid: number): Promise<LedgerPhase[]> {
  const phases: LedgerPhase[] = [];
  const stamp = Date.now().toString(36);
  const area = await freshArea(client, stamp);
  const createFile = handmadeXlsx({
    rows: [
      ["编号", "居民区", "小区", "地址", "层数", "户数", "签约日期", "备注"],
      ...Array.from({ length: ROWS }, (_, i) => [
        "",
        area.name,
        `基准小区${i % 50}`,
        `台账基准路 ${stamp}弄 ${i + 1}号`,
        "6",
        "24",
        "2022-03-01",
        "",
      ]),
    ],
  });
  const created = await timed(
    pid,
    "preview of 10,000 new rows",
    LEDGER_GOALS.previewMs,
    () => preview(client, createFile),
    (r) => `${r.counts.create} to create`,
  );
  phases.push(created.phase);
  phases.push(
    (
      await timed(
        pid,
        "commit of 10,000 creates",
        LEDGER_GOALS.commitMs,
        () => commit(client, created.result.token),
        (r) => `${r.created} created`,
      )
    ).phase,
  );

  const rows = await exportedRows(client, area.id);
  const updateFile = handmadeXlsx({
    rows: [["编号", "版本", "居民区", "地址", "备注"], ...rows.map((row) => [...row.map(String), "业主大会已通过"])],
  });
  const updates = await timed(
    pid,
    "preview of 10,000 updates",
    LEDGER_GOALS.previewMs,
    () => preview(client, updateFile),
    (r) => `${r.counts.update} to update`,
  );
  phases.push(updates.phase);
  phases.push(
    (
      await timed(
        pid,
        "commit of 10,000 updates",
        LEDGER_GOALS.commitMs,
        () => commit(client, updates.result.token),
        (r) => `${r.updated} updated`,
      )
    ).phase,
  );
  return phases;
}
