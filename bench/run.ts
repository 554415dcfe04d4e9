// npm run bench — measures the server at town, district and city scale on PGlite and PostgreSQL, and the
// client's initial JavaScript, Largest Contentful Paint and Lighthouse's performance figures of the login page and
// the dashboard (bench/lighthouse.ts). Prints a table per engine and writes bench/RESULTS.md, keeping its
// hand-written "## History" section. Only localhost is ever loaded, with bounded connections and durations.
//
//   npm run bench -- [--engines pglite,postgresql] [--scales town,district,city] [--duration 10]
//                    [--warmup 2] [--connections 50] [--no-client] [--no-load] [--no-write] [--no-stress]
//                    [--no-ledger] [--only-ledger] [--only-client] [--rows stage,health-under-writes]
//                    [--server-node-options "…"] [--server-log FILE] [--write-rate N] [--port N]
//                    [--lighthouse-reports DIR]
//
// --rows picks the route rows (health, summary, buildings, stage, health-under-writes; all by default). A run
// with --rows or --only-client is partial: its tables are added to the history at the end of bench/RESULTS.md,
// with the date and the commit, instead of replacing the full run's tables. --server-node-options passes Node.js
// options to the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile it under the bench's load);
// --server-log FILE appends the server's log (its stderr) to FILE. --write-rate N holds the stage updates of
// health-under-writes to N a second (0, the default: as fast as they go), to compare health at the same write load.
// --port N serves the measured server on port N (default: any free port), for a machine whose ports are shared out.

import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { RECORDED_STAGES, shanghaiDate, yearOf } from "@jiati/shared";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import pg from "pg";
import { CHROMIUM_ARGS } from "../e2e/support/chromium";
import { type Database, type Engine, openDatabase } from "../server/src/core/db";
import { type CpuPerRequest, cpuPerRequest, threadTicks } from "./cpu";
import { BENCH_PASSWORD, BENCH_USER, generate, SCALES, type Scale } from "./generate";
import { type GoalInputs, goalsTable } from "./goals";
import { HEALTH_GOAL_RATIO, type HealthUnderWrites, healthUnderWrites } from "./health";
import { LEDGER_GOALS, type LedgerPhase, ledgerImport } from "./ledger";
import { type LighthousePage, lighthousePages, lighthouseTable } from "./lighthouse";
import { type StressPhase, stress } from "./stress";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: options } = parseArgs({
  options: {
    engines: { type: "string", default: "pglite,postgresql" },
    scales: { type: "string", default: "town,district,city" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    "no-client": { type: "boolean", default: false },
    "no-load": { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    "no-stress": { type: "boolean", default: false },
    "no-ledger": { type: "boolean", default: false },
    /** Just the 10,000-row import on the town data set: what a change to the import needs to see. */
    "only-ledger": { type: "boolean", default: false },
    /** Just the client: its initial JavaScript, the dashboard's LCP and Lighthouse on the town data set (PGlite). */
    "only-client": { type: "boolean", default: false },
    /** A folder to keep each Lighthouse run's JSON report in, to read which audits cost the points. */
    "lighthouse-reports": { type: "string" },
    "no-build": { type: "boolean", default: false },
    rows: { type: "string" },
    "server-node-options": { type: "string", default: "" },
    /** health-under-writes: the stage updates' rate (per second; 0: as fast as they go). */
    "write-rate": { type: "string", default: "0" },
    /** The measured server's port (0: any free one). */
    port: { type: "string", default: "0" },
    /** A file to append the server's log to (its stderr): what a 500 under load was. */
    "server-log": { type: "string" },
    out: { type: "string", default: path.join(root, "bench", "RESULTS.md") },
  },
});
const DURATION = Number(options.duration);
const WARMUP = Number(options.warmup);
const CONNECTIONS = Number(options.connections);
const today = shanghaiDate(new Date());
const year = yearOf(today);
const ROWS = ["health", "summary", "buildings", "stage", "health-under-writes"] as const;
type Row = (typeof ROWS)[number];
const rows = new Set<Row>(
  options.rows !== undefined
    ? (options.rows.split(",").filter(Boolean) as Row[])
    : options["no-write"]
      ? ROWS.filter((r) => r !== "stage" && r !== "health-under-writes")
      : ROWS,
);
for (const row of rows) if (!ROWS.includes(row)) throw new Error(`--rows: unknown row ${row} (${ROWS.join(", ")})`);
/** A run of some rows only: added to the history of bench/RESULTS.md rather than replacing the full run. */
const partial = options.rows !== undefined || options["only-client"];

interface RouteResult {
  route: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** The server's CPU time per request (bench/cpu.ts). */
  cpu?: CpuPerRequest;
}
interface RunResult {
  engine: Engine;
  scale: Scale;
  generateMs: number;
  readyMs: number;
  rssMb: number;
  routes: RouteResult[];
  recountOk: boolean | null;
  recountNote: string;
  lcpMs?: number;
  lighthouse?: LighthousePage[];
  load?: LoadResult;
  stress?: StressPhase[];
  ledger?: LedgerPhase[];
  health?: HealthUnderWrites;
}

/** What bench/load.mjs reports. */
interface LoadResult {
  users: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  readP99Ms: number;
  writeP99Ms: number;
  errors: number;
  conflicts: number;
  acknowledgedWrites: number;
  lostWrites: number;
  /** Count, p50 and p99 per route: which route makes the tail. */
  routes?: Record<string, { count: number; p50Ms: number; p99Ms: number }>;
  /** The server's CPU time per request during the load (bench/cpu.ts). */
  cpu?: CpuPerRequest;
}

/** 100 logged-in users, 80% reads / 20% writes for 60 s, then a check that every acknowledged write is stored. */
async function mixedLoad(url: string): Promise<LoadResult | undefined> {
  const child = spawn(
    process.execPath,
    [path.join(root, "bench/load.mjs"), "--url", url, "--users", "100", "--duration", "60", "--json"],
    { env: { ...process.env, LOAD_USERNAME: BENCH_USER, LOAD_PASSWORD: BENCH_PASSWORD } },
  );
  let stdout = "";
  let stderr = "";
  // The CPU per request is counted from the end of the load's set-up (its logins hash passwords).
  let before: Map<number, number> | undefined;
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (!before && serverPid && /done\n/.test(stderr)) before = threadTicks(serverPid);
  });
  await new Promise((resolve) => child.once("exit", resolve));
  const line = stdout.trim().split("\n").at(-1);
  if (!line?.startsWith("{")) {
    log(`  mixed load failed: ${stderr.trim().split("\n").slice(-3).join(" ")}`);
    return undefined;
  }
  const result = JSON.parse(line) as LoadResult;
  // The final check (a read of each test building) is counted too: a little over the load's own requests.
  if (serverPid && before) result.cpu = cpuPerRequest(serverPid, before, threadTicks(serverPid), result.requests);
  log(
    `  mixed load: ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, errors ${result.errors}, ` +
      `${result.acknowledgedWrites} writes acknowledged, ${result.lostWrites} lost` +
      (result.cpu
        ? `, CPU per request ${result.cpu.main} ms request thread, ${result.cpu.busiest} ms busiest other`
        : ""),
  );
  return result;
}

const log = (message: string) => console.error(`[bench] ${message}`);

function freePort(): Promise<number> {
  if (Number(options.port) > 0) return Promise.resolve(Number(options.port));
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ——— databases ———

let startedPostgres = false;
function postgresAdminUrl(): string | null {
  const configured = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (configured) return configured;
  if (process.getuid?.() !== 0) return null;
  const result = spawnSync(path.join(root, "scripts/test-postgres.sh"), ["start"], { encoding: "utf8" });
  if (result.status !== 0) {
    log(`could not start PostgreSQL: ${result.stderr.trim()}`);
    return null;
  }
  startedPostgres = true;
  return result.stdout.trim();
}

interface Target {
  env: Record<string, string>;
  open: () => Promise<Database>;
  dispose?: () => void | Promise<void>;
}

async function prepareTarget(engine: Engine, scale: Scale, adminUrl: string | null): Promise<Target> {
  if (engine === "pglite") {
    // A folder of this run's own: another run on the same machine (another worktree) may be using its own.
    const dataDir = path.join(os.tmpdir(), `jiati-bench-${scale.name}-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    return {
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      dispose: () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!adminUrl) throw new Error("no PostgreSQL");
  // A database of this run's own, as the PGlite folder: another worktree's bench may share the server.
  const name = `jiati_bench_${scale.name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString(), poolSize: 4 }),
    dispose: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

async function recount(database: Database) {
  const rows = (await database.db.execute(sql`select
      count(*) filter (where signed_on between ${`${year}-01-01`} and ${`${year}-12-31`})::int as signed,
      count(*) filter (where started_on between ${`${year}-01-01`} and ${`${year}-12-31`})::int as started,
      count(*) filter (where completed_on between ${`${year}-01-01`} and ${`${year}-12-31`})::int as completed
    from buildings where not withdrawn`)) as unknown as { rows: Record<string, number>[] };
  return rows.rows[0];
}

// ——— the server ———

interface Server {
  process: ChildProcess;
  url: string;
  readyMs: number;
  stop(): Promise<number | null>;
}

/** The server being measured: its threads' CPU time is read around each route. */
let serverPid: number | undefined;

/** Servers started and not yet exited: stopped if the bench fails half-way. */
const running = new Set<ChildProcess>();

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const started = Date.now();
  const nodeOptions = options["server-node-options"].split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeOptions, path.join(root, "server/dist/index.js")], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      ...env,
      PORT: String(port),
      SEED: "none",
      LOG_LEVEL: "warn",
      BACKUP_INTERVAL_HOURS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  if (options["server-log"]) child.stderr?.pipe(fs.createWriteStream(options["server-log"], { flags: "a" }));
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  // Ready when it says so on the port it was given: on a shared machine another program may take the port
  // between freePort() and the server's listen, and would answer the health check in its place.
  const readyLine = `ready on http://localhost:${port} `;
  for (;;) {
    if (child.exitCode != null) throw new Error(`server exited: ${stderr}`);
    if (stdout.includes(readyLine)) {
      const response = await fetch(`${url}/api/health`).catch(() => undefined);
      if (response?.ok) break;
    }
    if (Date.now() - started > 120_000) throw new Error("server not ready after 120 s");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    process: child,
    url,
    readyMs: Date.now() - started,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-requested-with": "bench" },
    body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0];
}

// ——— measurements ———

async function measure(label: string, options: autocannon.Options): Promise<RouteResult> {
  const base = { connections: CONNECTIONS, pipelining: 1, ...options };
  if (WARMUP > 0) await autocannon({ ...base, duration: WARMUP });
  const before = serverPid ? threadTicks(serverPid) : undefined;
  const result = await autocannon({ ...base, duration: DURATION });
  const after = serverPid ? threadTicks(serverPid) : undefined;
  const r: RouteResult = {
    route: label,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpu: serverPid && before && after ? cpuPerRequest(serverPid, before, after, result.requests.total) : undefined,
  };
  const cpu = r.cpu ? `, CPU per request ${r.cpu.main} ms request thread, ${r.cpu.busiest} ms busiest other` : "";
  log(`  ${label}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}${cpu}`);
  return r;
}

interface PoolBuilding {
  id: number;
  version: number;
  signed: boolean;
}

async function planned(url: string, cookie: string, count: number): Promise<PoolBuilding[]> {
  const pool: PoolBuilding[] = [];
  for (let page = 1; pool.length < count; page++) {
    const response = await fetch(
      `${url}/api/buildings?stage=planned&blocked=false&pageSize=500&page=${page}&sort=updated`,
      {
        headers: { cookie },
      },
    );
    const body = (await response.json()) as { items: { id: number; version: number }[] };
    if (!body.items.length) break;
    pool.push(...body.items.map((item) => ({ id: item.id, version: item.version, signed: false })));
  }
  return pool.slice(0, count);
}

const pools = new Map<string, PoolBuilding[]>();

/** Stage updates: each connection signs a planned building today, or clears the signing it made, in turn. */
async function measureStageUpdates(url: string, cookie: string, rate = 0): Promise<RouteResult> {
  // A later run on the same server goes on with the buildings (and their versions) of the first.
  const pool = pools.get(url) ?? (await planned(url, cookie, Math.max(CONNECTIONS * 20, 1000)));
  if (pool.length < CONNECTIONS) throw new Error("not enough planned buildings for the write test");
  pools.set(url, pool);
  const free = [...pool];
  let conflicts = 0;
  const request: autocannon.Request = {
    method: "POST",
    setupRequest: (req, context) => {
      const building = free.shift() as PoolBuilding;
      (context as { building?: PoolBuilding }).building = building;
      const body = building.signed
        ? { stage: "signed", date: null, reason: "压测撤回" }
        : { stage: "signed", date: today };
      return {
        ...req,
        path: `/api/buildings/${building.id}/stage`,
        headers: { ...req.headers, "if-match": `"${building.version}"` },
        body: JSON.stringify(body),
      };
    },
    onResponse: (status, body, context) => {
      const building = (context as { building: PoolBuilding }).building;
      if (status === 200) {
        building.version++;
        building.signed = !building.signed;
      } else if (status === 409) {
        conflicts++;
        // An answer the previous run did not wait for moved it on: go on from the version the 409 tells.
        const current = (JSON.parse(body) as { error?: { current?: { version: number; signedOn: string | null } } })
          .error?.current;
        if (current) Object.assign(building, { version: current.version, signed: current.signedOn !== null });
      }
      free.push(building);
    },
  };
  const result = await measure("POST /api/buildings/:id/stage", {
    url,
    headers: { cookie, "x-requested-with": "bench", "content-type": "application/json" },
    requests: [request],
    ...(rate > 0 ? { overallRate: rate } : {}),
  });
  if (conflicts) log(`  (${conflicts} conflicts)`);
  return result;
}

async function largestContentfulPaint(url: string, cookie: string): Promise<number | undefined> {
  let chromium: typeof import("playwright-core").chromium;
  try {
    chromium = (await import("playwright-core")).chromium;
  } catch {
    return undefined;
  }
  const executablePath =
    process.env.CHROMIUM_PATH || execFileSync("sh", ["-c", "command -v chromium || true"], { encoding: "utf8" }).trim();
  if (!executablePath) return undefined;
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name, value, url }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await page.goto(`${url}/`, { waitUntil: "networkidle" });
      await page.waitForTimeout(500);
      const lcp = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              resolve(entries[entries.length - 1].startTime);
            }).observe({ type: "largest-contentful-paint", buffered: true });
            setTimeout(() => resolve(-1), 3000);
          }),
      );
      if (lcp >= 0) samples.push(lcp);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  samples.sort((a, b) => a - b);
  return samples.length ? Math.round(samples[Math.floor(samples.length / 2)]) : undefined;
}

interface ClientWeight {
  /**
   * What a first visit to the dashboard runs before the app has taken over the first screen the server rendered
   * (or, on a page the server did not render, before the figures show): the entry, the layout and the page, with
   * their imports. The antd parts, the charts and the other language's texts come after, on demand.
   */
  initial: { file: string; gzipKb: number }[];
  initialKb: number;
  /** The charts, loaded by the dashboard after its first paint. */
  chartsKb: number;
}

/** Weighs the built client from Vite's manifest (client/dist/.vite/manifest.json): the static import closure of
 * the entry, the layout and the dashboard page, gzip -9 per file, so chunks the dashboard never loads are not
 * counted and those it loads through React.lazy are. The layout and the page may be chunks of their own or part
 * of the entry (then the manifest has no key of their own, and the entry's closure holds them). */
function clientJavaScript(): ClientWeight {
  const dist = path.join(root, "client/dist");
  const manifest: Record<string, { file: string; isEntry?: boolean; imports?: string[] }> = JSON.parse(
    fs.readFileSync(path.join(dist, ".vite/manifest.json"), "utf8"),
  );
  const closure = (keys: string[], seen = new Set<string>()) => {
    const visit = (key: string) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      for (const dep of manifest[key].imports ?? []) visit(dep);
    };
    keys.forEach(visit);
    return seen;
  };
  const weigh = (key: string) => {
    const content = fs.readFileSync(path.join(dist, manifest[key].file));
    return {
      file: manifest[key].file,
      gzipKb: Math.round((zlib.gzipSync(content, { level: 9 }).length / 1024) * 10) / 10,
    };
  };
  const sum = (files: { gzipKb: number }[]) => Math.round(files.reduce((total, f) => total + f.gzipKb, 0) * 10) / 10;
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry) throw new Error("client/dist/.vite/manifest.json has no entry");
  const initialKeys = closure([entry, "src/components/AppLayout.tsx", "src/pages/dashboard/DashboardPage.tsx"]);
  if (!manifest["src/pages/dashboard/BurnUpChart.tsx"]) throw new Error("the charts are not a chunk of their own");
  const chartKeys = [...closure(["src/pages/dashboard/BurnUpChart.tsx"], new Set())].filter(
    (key) => !initialKeys.has(key),
  );
  const initial = [...initialKeys].map(weigh).sort((a, b) => b.gzipKb - a.gzipKb);
  return { initial, initialKb: sum(initial), chartsKb: sum(chartKeys.map(weigh)) };
}

// ——— one engine at one scale ———

/** The read routes and the stage write, each under autocannon. */
async function measureRoutes(url: string, auth: { cookie: string }, scale: Scale, routes: RouteResult[]) {
  if (rows.has("health")) routes.push(await measure("GET /api/health (baseline)", { url: `${url}/api/health` }));
  if (rows.has("summary")) {
    routes.push(
      await measure(`GET /api/summary (${scale.name})`, { url: `${url}/api/summary?year=${year}`, headers: auth }),
    );
    routes.push(
      await measure("GET /api/summary (one zone)", { url: `${url}/api/summary?year=${year}&zoneId=1`, headers: auth }),
    );
  }
  if (rows.has("buildings")) {
    routes.push(
      await measure("GET /api/buildings (area page)", {
        url: `${url}/api/buildings?areaId=1&page=1&pageSize=50`,
        headers: auth,
      }),
    );
  }
  if (rows.has("stage")) routes.push(await measureStageUpdates(url, auth.cookie));
}

/** GET /api/health one at a time, without load and during the stage updates at full speed. */
async function measureHealthUnderWrites(url: string, cookie: string): Promise<HealthUnderWrites> {
  const result = await healthUnderWrites(root, url, { warmupSeconds: WARMUP, durationSeconds: DURATION }, () =>
    measureStageUpdates(url, cookie, Number(options["write-rate"])),
  );
  log(
    `  GET /api/health one at a time: p99 ${result.idle.p99} ms without load, ${result.duringWrites.p99} ms during ` +
      `${result.writes.rps} stage updates/s (${result.duringWrites.samples} samples, ${result.duringWrites.failures} not 200)`,
  );
  return result;
}

async function runOne(engine: Engine, scale: Scale, adminUrl: string | null, results: RunResult[]): Promise<RunResult> {
  log(
    `${engine} / ${scale.name}: generating ${scale.buildings} buildings, ${scale.areas} areas, ~${scale.events} events`,
  );
  const target = await prepareTarget(engine, scale, adminUrl);
  const generateStarted = Date.now();
  const database = await target.open();
  await database.migrate();
  await generate(database, scale, today);
  await database.close();
  const generateMs = Date.now() - generateStarted;
  log(`  generated in ${(generateMs / 1000).toFixed(1)} s`);

  const server = await startServer(target.env);
  serverPid = server.process.pid;
  log(`  ready in ${server.readyMs} ms`);
  const cookie = await login(server.url);
  const auth = { cookie };
  const routes: RouteResult[] = [];
  const onlyClient = options["only-client"];
  // A partial run skips the phases it is not about.
  const only = options["only-ledger"] || onlyClient;
  if (!only) await measureRoutes(server.url, auth, scale, routes);
  const health =
    !only && rows.has("health-under-writes") ? await measureHealthUnderWrites(server.url, cookie) : undefined;
  const rss = rssMb(server.process.pid as number);
  let lcpMs: number | undefined;
  let lighthouse: LighthousePage[] | undefined;
  if ((onlyClient || !only) && !options["no-client"] && scale.name === "town") {
    lcpMs = await largestContentfulPaint(server.url, cookie);
    log(`  dashboard LCP (median of 3, 4× CPU throttling): ${lcpMs ?? "not measured"} ms`);
    // Once per bench: the pages are the same client's whichever engine answers them.
    if (!results.some((r) => r.lighthouse)) {
      log("  Lighthouse, mobile: the login page and the dashboard, 3 runs each");
      lighthouse = await lighthousePages(server.url, cookie, { reportsDir: options["lighthouse-reports"], log });
      if (!lighthouse) log("  Lighthouse not measured: no Chromium (CHROME_PATH)");
    }
  }
  const load = !only && !options["no-load"] && scale.name === "town" ? await mixedLoad(server.url) : undefined;
  let stressPhases: StressPhase[] | undefined;
  if (!only && !options["no-stress"] && scale.name === "town") {
    log("  other users' p99 during a login flood and a 10,000-row import commit");
    stressPhases = await stress(server.url, cookie);
    for (const phase of stressPhases) {
      log(`    ${phase.phase}: GET / p99 ${phase.pageP99} ms, GET /api/summary p99 ${phase.apiP99} ms (${phase.note})`);
    }
  } // After the other phases, whose figures are for the town data set as generated.
  let ledger: LedgerPhase[] | undefined;
  if (!options["no-ledger"] && !onlyClient && scale.name === "town") {
    log("  the 10,000-row ledger import: preview and commit, creates then updates");
    ledger = await ledgerImport({ url: server.url, cookie }, server.process.pid as number);
    for (const phase of ledger) {
      log(
        `    ${phase.phase}: ${phase.ms} ms (goal ${phase.goalMs}), peak RSS +${phase.peakRssGrowthMb} MB — ${phase.note}`,
      );
    }
  }

  // The summary the server serves now (after the writes) against a plain recount in SQL.
  // Requests still in flight when the load stopped finish first: wait until two reads agree.
  type Counts = { stages: Record<string, { actual: number }> };
  const read = async (): Promise<Counts> => {
    try {
      return (await (await fetch(`${server.url}/api/summary?year=${year}`, { headers: auth })).json()) as Counts;
    } catch {
      // A pooled keep-alive connection the server closed while the load ran: one more try on a new one.
      return (await (await fetch(`${server.url}/api/summary?year=${year}`, { headers: auth })).json()) as Counts;
    }
  };
  let summary = await read();
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = await read();
    if (JSON.stringify(again.stages) === JSON.stringify(summary.stages)) break;
    summary = again;
  }
  const exit = await server.stop();
  const check = await target.open();
  const counted = await recount(check);
  await check.close();
  await target.dispose?.();
  const mismatches = RECORDED_STAGES.filter((stage) => summary.stages[stage].actual !== counted[stage]);
  const recountNote = RECORDED_STAGES.map((stage) => `${stage} ${summary.stages[stage].actual}/${counted[stage]}`).join(
    ", ",
  );
  log(`  summary vs recount: ${recountNote}; server exit ${exit}`);
  return {
    engine,
    scale,
    generateMs,
    readyMs: server.readyMs,
    rssMb: rss,
    routes,
    recountOk: mismatches.length === 0,
    recountNote,
    lcpMs,
    lighthouse,
    load,
    stress: stressPhases,
    ledger,
    health,
  };
}

// ——— report ———

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node.js ${process.version}`;
}

function table(results: RunResult[]): string {
  const lines: string[] = [];
  for (const engine of [...new Set(results.map((r) => r.engine))]) {
    lines.push(`\n### ${engine}\n`);
    const measured = results.filter((r) => r.engine === engine && r.routes.length > 0);
    if (measured.length) {
      lines.push(
        "| scale | route | req/s | p50 ms | p99 ms | × baseline | errors/non-2xx | CPU ms/request: request thread / busiest other / all |",
      );
      lines.push("|---|---|---:|---:|---:|---:|---:|---:|");
    }
    for (const result of measured) {
      const baseline = result.routes.find((r) => r.route.startsWith("GET /api/health"))?.rps || Number.NaN;
      for (const route of result.routes) {
        lines.push(
          `| ${result.scale.name} | ${route.route} | ${route.rps} | ${route.p50} | ${route.p99} | ${Number.isNaN(baseline) ? "–" : (route.rps / baseline).toFixed(2)} | ${route.errors}/${route.non2xx} | ${route.cpu ? `${route.cpu.main} / ${route.cpu.busiest} / ${route.cpu.total}` : "–"} |`,
        );
      }
    }
    lines.push("");
    lines.push("| scale | buildings | generate s | ready ms | RSS MB | summary = recount | LCP ms (4× CPU) |");
    lines.push("|---|---:|---:|---:|---:|---|---:|");
    for (const result of results.filter((r) => r.engine === engine)) {
      lines.push(
        `| ${result.scale.name} | ${result.scale.buildings} | ${(result.generateMs / 1000).toFixed(1)} | ${result.readyMs} | ${result.rssMb} | ${result.recountOk ? "yes" : "NO"} (${result.recountNote}) | ${result.lcpMs ?? "–"} |`,
      );
    }
  }
  const probed = results.filter((r) => r.health);
  if (probed.length) {
    lines.push("\n### Health while the database writes (bench/health.ts)\n");
    lines.push(
      `\`GET /api/health\` (a query each time) asked one at a time from a process of its own, without load and during the stage updates at full speed. Goal: p99 during the writes ≤ ${HEALTH_GOAL_RATIO} × p99 without them.\n`,
    );
    lines.push(
      "| engine | scale | p50 ms, no load | p99 ms, no load | p50 ms, during writes | p99 ms, during writes | × no-load p99 | stage updates/s meanwhile | their p99 ms |",
    );
    lines.push("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const { engine, scale, health } of probed) {
      if (!health) continue;
      const ratio = health.duringWrites.p99 / Math.max(health.idle.p99, 0.1);
      lines.push(
        `| ${engine} | ${scale.name} | ${health.idle.p50} | ${health.idle.p99} | ${health.duringWrites.p50} | ${health.duringWrites.p99} | ${ratio.toFixed(1)}${ratio > HEALTH_GOAL_RATIO ? " — **over goal**" : ""} | ${health.writes.rps} | ${health.writes.p99} |`,
      );
    }
  }
  const loads = results.filter((r) => r.load);
  if (loads.length) {
    lines.push("\n### Mixed load (bench/load.mjs: 100 users, 80% reads / 20% writes, 60 s, town data set)\n");
    lines.push(
      "| engine | req/s | p50 ms | p99 ms | read p99 | write p99 | errors | 409s | writes acknowledged | lost | CPU ms/request: request thread / busiest other / all |",
    );
    lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const { engine, load } of loads) {
      if (!load) continue;
      lines.push(
        `| ${engine} | ${load.requestsPerSecond} | ${load.p50Ms} | ${load.p99Ms} | ${load.readP99Ms} | ${load.writeP99Ms} | ${load.errors} | ${load.conflicts} | ${load.acknowledgedWrites} | ${load.lostWrites} | ${load.cpu ? `${load.cpu.main} / ${load.cpu.busiest} / ${load.cpu.total}` : "–"} |`,
      );
    }
    const routes = [...new Set(loads.flatMap(({ load }) => Object.keys(load?.routes ?? {})))];
    if (routes.length) {
      lines.push("\nPer route, p50 / p99 ms (requests):\n");
      lines.push(`| route | ${loads.map(({ engine }) => engine).join(" | ")} |`);
      lines.push(`|---|${loads.map(() => "---:").join("|")}|`);
      for (const route of routes) {
        const cells = loads.map(({ load }) => {
          const figures = load?.routes?.[route];
          return figures ? `${figures.p50Ms} / ${figures.p99Ms} (${figures.count})` : "–";
        });
        lines.push(`| ${route} | ${cells.join(" | ")} |`);
      }
    }
  }
  const stressed = results.filter((r) => r.stress);
  if (stressed.length) {
    lines.push("\n### Other users during a login flood and an import commit (bench/stress.ts, town data set)\n");
    lines.push(
      "Each phase probes `GET /` and `GET /api/summary` one request after another (20 ms apart) while it lasts.\n",
    );
    lines.push("| engine | phase | GET / p99 ms | GET /api/summary p99 ms | samples | phase ms | outcome |");
    lines.push("|---|---|---:|---:|---:|---:|---|");
    for (const { engine, stress: phases } of stressed) {
      for (const phase of phases ?? []) {
        lines.push(
          `| ${engine} | ${phase.phase} | ${phase.pageP99} | ${phase.apiP99} | ${phase.samples} | ${phase.loadMs} | ${phase.note || "–"} |`,
        );
      }
    }
  }
  const ledgers = results.filter((r) => r.ledger);
  if (ledgers.length) {
    lines.push("\n### The 10,000-row ledger import (bench/ledger.ts, town data set)\n");
    lines.push(
      `Wall time of the upload-to-preview and of the commit as the client sees it; the server's peak resident memory above its resident memory before. Goals: preview ≤ ${LEDGER_GOALS.previewMs} ms, commit ≤ ${LEDGER_GOALS.commitMs} ms, peak RSS growth ≤ ${LEDGER_GOALS.rssGrowthMb} MB.\n`,
    );
    lines.push("| engine | phase | ms | goal ms | peak RSS growth MB | outcome |");
    lines.push("|---|---|---:|---:|---:|---|");
    for (const { engine, ledger } of ledgers) {
      for (const phase of ledger ?? []) {
        const met = phase.ms <= phase.goalMs && phase.peakRssGrowthMb <= LEDGER_GOALS.rssGrowthMb;
        lines.push(
          `| ${engine} | ${phase.phase} | ${phase.ms} | ${phase.goalMs} | ${phase.peakRssGrowthMb} | ${phase.note}${met ? "" : " — **over goal**"} |`,
        );
      }
    }
  }
  return lines.join("\n");
}

function lighthouseSection(results: RunResult[]): string {
  const measured = results.find((r) => r.lighthouse);
  if (!measured?.lighthouse) return "";
  return [
    `\n### Lighthouse, mobile (bench/lighthouse.ts, ${measured.engine}, town data set)\n`,
    "Lighthouse 12's performance category with its defaults (a phone: Moto G Power emulation, simulated slow 4G and 4× CPU), Debian's Chromium, a fresh profile per run; the dashboard with the bench user's session cookie. Medians of 3 runs, each figure on its own.",
    `Load average when measured: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", ")}.\n`,
    lighthouseTable(measured.lighthouse),
  ].join("\n");
}

async function main() {
  if (!options["no-build"]) {
    log("building client and server");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  }
  const engines = options["only-client"] ? (["pglite"] as Engine[]) : (options.engines.split(",") as Engine[]);
  const scales =
    options["only-ledger"] || options["only-client"]
      ? [SCALES.town]
      : options.scales.split(",").map((name) => SCALES[name as Scale["name"]]);
  const adminUrl = engines.includes("postgresql") ? postgresAdminUrl() : null;
  const results: RunResult[] = [];
  try {
    for (const engine of engines) {
      if (engine === "postgresql" && !adminUrl) {
        log("skipping PostgreSQL: none configured (BENCH_DATABASE_URL or TEST_DATABASE_URL) and none could be started");
        continue;
      }
      for (const scale of scales) results.push(await runOne(engine, scale, adminUrl, results));
    }
  } finally {
    if (startedPostgres) spawnSync(path.join(root, "scripts/test-postgres.sh"), ["stop"]);
  }
  const client = options["no-client"] ? null : clientJavaScript();
  const report = [
    "# Bench results",
    "",
    `Measured ${new Date().toISOString()} at commit ${commitLabel()} with \`npm run bench\` on ${machine()}.`,
    `autocannon: ${CONNECTIONS} connections, no pipelining, ${WARMUP} s warm-up then ${DURATION} s per route; localhost only.`,
    goalsTable(goalInputs(results, client)),
    table(results),
    client
      ? [
          "\n### Client\n",
          `Initial JavaScript of the dashboard (gzip -9; the entry, the layout and the dashboard page with everything they import): **${client.initialKb} KB** in ${client.initial.length} files, the largest ${client.initial
            .slice(0, 5)
            .map((f) => `${f.file} ${f.gzipKb} KB`)
            .join(", ")}.`,
          `The charts follow after the first paint: ${client.chartsKb} KB more.`,
          "LCP (the table above): median of 3 loads of the dashboard at 1440×900 with a logged-in session, 4× CPU throttling, headless Chromium.",
        ].join("\n")
      : "",
    lighthouseSection(results),
  ].join("\n");
  console.log(report);
  if (options["only-ledger"]) return; // a partial run: bench/RESULTS.md keeps the full one
  writeResults(report);
}

/** The figures the goals are about, from this run's results (town data set). */
function goalInputs(results: RunResult[], client: ClientWeight | null): GoalInputs {
  const town = (engine: Engine) => results.find((r) => r.engine === engine && r.scale.name === "town");
  const pglite = town("pglite");
  const postgresql = town("postgresql");
  const stage = pglite?.routes.find((r) => r.route.startsWith("POST /api/buildings/:id/stage"));
  const health = pglite?.routes.find((r) => r.route.startsWith("GET /api/health"));
  const mixed: GoalInputs["mixed"] = {};
  if (pglite?.load) mixed.pglite = { rps: pglite.load.requestsPerSecond, p99: pglite.load.p99Ms };
  if (postgresql?.load) mixed.postgresql = { rps: postgresql.load.requestsPerSecond, p99: postgresql.load.p99Ms };
  const lighthouse = results.find((r) => r.lighthouse)?.lighthouse;
  const page = (name: LighthousePage["page"]) => lighthouse?.find((p) => p.page === name);
  return {
    lighthouse: lighthouse && { login: page("login"), dashboard: page("dashboard") },
    lcpMs: pglite?.lcpMs,
    initialKb: client?.initialKb,
    stage: stage && { rps: stage.rps, p99: stage.p99, healthRps: health?.rps, healthP99: health?.p99 },
    mixed,
    health: pglite?.health && { idleP99: pglite.health.idle.p99, duringWritesP99: pglite.health.duringWrites.p99 },
  };
}

const HISTORY_HEADING = "## History";

/** The commit measured, and whether the working tree had changes. */
function commitLabel(): string {
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const dirty = spawnSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).stdout.trim();
  return `${commit || "?"}${dirty ? " (with uncommitted changes)" : ""}`;
}

/** A report as an entry of the history: under `heading`, its own headings one level down. */
function historyEntry(heading: string, lines: string[], report: string): string {
  return [heading, "", ...lines, report.replace(/^# Bench results\n\n/, "").replace(/^### /gm, "#### ")].join("\n");
}

/**
 * A full run replaces the tables at the top of bench/RESULTS.md, and the run it replaces moves to the history;
 * a partial run (--rows) adds its tables to the history, with the date, the commit and the load average. So
 * every run's figures stay, newest last.
 */
function writeResults(report: string) {
  const previous = fs.existsSync(options.out) ? fs.readFileSync(options.out, "utf8") : "";
  const at = previous.indexOf(`\n${HISTORY_HEADING}\n`);
  const top = at >= 0 ? previous.slice(0, at).trimEnd() : previous.trimEnd();
  let history = at >= 0 ? previous.slice(at + 1).trimEnd() : "";
  let entry: string | undefined;
  if (partial) {
    entry = historyEntry(
      `### ${new Date().toISOString()} · commit ${commitLabel()} · ${measuredParts().join(", ")}`,
      [`Load average before the run ${loadBefore}, after ${loadAverage()} (1/5/15 min, ${os.cpus().length} cores).`],
      report,
    );
  } else if (top.startsWith("# Bench results")) {
    const measuredAt = /^Measured (\S+)/m.exec(top)?.[1] ?? "?";
    entry = historyEntry(`### ${measuredAt} · full run`, ["(Replaced at the top by a later full run.)"], top);
  }
  if (entry) history = [history || `${HISTORY_HEADING}\n\n${HISTORY_INTRO}`, entry].join("\n\n");
  const out = [partial && top ? top : report.trimEnd(), history].filter(Boolean).join("\n\n");
  fs.writeFileSync(options.out, `${out}\n`);
  log(`${partial ? "added to the history in" : "written to"} ${path.relative(root, options.out)}`);
}

const HISTORY_INTRO =
  "Earlier full runs (each replaced at the top by the next) and runs of some rows only (`--rows`), newest last.";

/** What a partial run measured, for its heading in the history. */
function measuredParts(): string[] {
  if (options["only-client"]) return ["client"];
  const rate = Number(options["write-rate"]);
  return [
    ...[...rows].map((row) => (row === "health-under-writes" && rate > 0 ? `${row} at ${rate} stage updates/s` : row)),
    ...(options["no-load"] ? [] : ["mixed load"]),
    ...(options["no-stress"] ? [] : ["stress"]),
    ...(options["no-ledger"] ? [] : ["ledger import"]),
  ];
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");
const loadBefore = loadAverage();

main().catch((error) => {
  console.error(error);
  for (const child of running) child.kill("SIGKILL");
  if (startedPostgres) spawnSync(path.join(root, "scripts/test-postgres.sh"), ["stop"]);
  process.exit(1);
});
