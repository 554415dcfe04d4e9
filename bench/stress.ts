// What other users feel while the server is under attack or busy: the p99 of the page (GET /) and of one API
// read, probed at a steady pace, first without load, then during a flood of 120 logins (40 at a time, random
// usernames) and during the commit of a 10,000-row import. Localhost only, bounded in count and time.

import { handmadeXlsx } from "../server/src/ledger/xlsx/handmade";

export interface StressPhase {
  phase: string;
  pageP99: number;
  apiP99: number;
  samples: number;
  /** How long the load itself took, ms. */
  loadMs: number;
  note: string;
}

const PROBE_GAP_MS = 20;

function p99(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0);
}

/** Requests `path` one after another (with a short gap) until `until` settles; each request's latency. */
async function probe(url: string, path: string, cookie: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { cookie } });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, PROBE_GAP_MS));
  }
  return latencies;
}

async function measureDuring(
  url: string,
  cookie: string,
  phase: string,
  load: () => Promise<string>,
): Promise<StressPhase> {
  const started = performance.now();
  let note = "";
  const running = load().then((text) => {
    note = text;
  });
  const [page, api] = await Promise.all([
    probe(url, "/", cookie, running),
    probe(url, "/api/summary", cookie, running),
    running,
  ]);
  return {
    phase,
    pageP99: p99(page),
    apiP99: p99(api),
    samples: page.length + api.length,
    loadMs: Math.round(performance.now() - started),
    note,
  };
}

async function loginFlood(url: string): Promise<string> {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < 120) {
      const n = next++;
      const response = await fetch(`${url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-requested-with": "bench" },
        body: JSON.stringify({
          username: `flood-${n}-${Math.random().toString(36).slice(2)}`,
          password: "guess-guess",
        }),
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 40 }, worker));
  return [...statuses].map(([status, count]) => `${count}×${status}`).join(", ");
}

async function importCommit(url: string, cookie: string): Promise<{ commit: () => Promise<string> }> {
  const areas = (await (await fetch(`${url}/api/areas`, { headers: { cookie } })).json()) as { name: string }[];
  const areaName = areas[0]?.name ?? "";
  const stamp = Date.now().toString(36);
  const rows = [
    ["编号", "居民区", "地址", "层数", "签约日期"],
    ...Array.from({ length: 10_000 }, (_, i) => ["", areaName, `压测路 ${stamp}-${i}号`, "6", "2022-03-01"]),
  ];
  const file = handmadeXlsx({ rows });
  const preview = await fetch(`${url}/api/import/buildings?name=bench.xlsx`, {
    method: "POST",
    headers: { cookie, "x-requested-with": "bench", "content-type": "application/octet-stream" },
    body: new Uint8Array(file),
  });
  const body = (await preview.json()) as { token?: string; counts?: { create: number } };
  if (!body.token) throw new Error(`import preview failed: ${preview.status} ${JSON.stringify(body).slice(0, 200)}`);
  return {
    async commit() {
      const started = performance.now();
      const response = await fetch(`${url}/api/import/buildings/commit`, {
        method: "POST",
        headers: { cookie, "x-requested-with": "bench", "content-type": "application/json" },
        body: JSON.stringify({ token: body.token }),
      });
      const result = (await response.json()) as { created?: number };
      return `${response.status}, ${result.created ?? 0} created in ${Math.round(performance.now() - started)} ms`;
    },
  };
}

/** Baseline, login flood, import commit: each phase's probe p99 beside the others. */
export async function stress(url: string, cookie: string): Promise<StressPhase[]> {
  const phases: StressPhase[] = [];
  phases.push(
    await measureDuring(url, cookie, "no load (5 s)", async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      return "";
    }),
  );
  phases.push(await measureDuring(url, cookie, "120 logins, 40 at a time", () => loginFlood(url)));
  const prepared = await importCommit(url, cookie);
  phases.push(
    await measureDuring(url, cookie, "no load (5 s), again", async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      return "";
    }),
  );
  phases.push(await measureDuring(url, cookie, "commit of a 10,000-row import", () => prepared.commit()));
  return phases;
}
