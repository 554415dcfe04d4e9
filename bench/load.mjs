#!/usr/bin/env node
// A bounded mixed load on a running server: N logged-in users for D seconds, 80% reads and
// 20% writes. Each virtual user edits only buildings it created itself (stage dates and fields, with If-Match),
// so a 409 would be a real lost race, counted apart. Afterwards every acknowledged write is looked for in
// the database through the API. Prints p50/p99, errors and lost writes; exits 1 if any.
//
//   node bench/load.mjs --url http://127.0.0.1:3000 [--users 100] [--duration 60] [--writes 0.2]
//                       [--think 0] [--username admin] [--password xinjing-demo] [--json]
//
// --think N: each user pauses 0–2N ms between requests (default 0: every user sends its next request as soon
// as the last is answered, so latency is mostly queueing behind the other users).
//
// Only localhost is accepted. It writes a zone, an area and two buildings per user named 压测…: point it at a
// server whose database may hold test data.

import http from "node:http";
import { parseArgs } from "node:util";

const { values: options } = parseArgs({
  options: {
    url: { type: "string" },
    users: { type: "string", default: "100" },
    duration: { type: "string", default: "60" },
    writes: { type: "string", default: "0.2" },
    think: { type: "string", default: "0" },
    username: { type: "string", default: process.env.LOAD_USERNAME ?? "admin" },
    password: { type: "string", default: process.env.LOAD_PASSWORD ?? "xinjing-demo" },
    json: { type: "boolean", default: false },
  },
});

function fail(message) {
  console.error(`load: ${message}`);
  process.exit(2);
}

if (!options.url) fail("--url http://127.0.0.1:PORT is required");
const base = new URL(options.url);
if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname)) fail("only a server on localhost may be loaded");
const USERS = Number(options.users);
const DURATION_S = Number(options.duration);
const WRITE_SHARE = Number(options.writes);
const THINK_MS = Number(options.think);
if (!Number.isInteger(USERS) || USERS < 1 || USERS > 500) fail("--users must be 1..500");
if (!(DURATION_S > 0 && DURATION_S <= 600)) fail("--duration must be 1..600 seconds");
if (!(WRITE_SHARE >= 0 && WRITE_SHARE <= 1)) fail("--writes must be a share between 0 and 1");
if (!(THINK_MS >= 0 && THINK_MS <= 60_000)) fail("--think must be 0..60000 ms");

/** One HTTP client: its own keep-alive connection (so USERS bounds the connections) and session cookie. */
function client() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let cookie = "";
  const send = (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const request = http.request(
        new URL(path, base),
        {
          method,
          agent,
          headers: {
            "X-Requested-With": "load",
            ...(payload ? { "Content-Type": "application/json", "Content-Length": payload.length } : {}),
            ...(cookie ? { Cookie: cookie } : {}),
            ...headers,
          },
        },
        (response) => {
          const chunks = [];
          response.on("data", (chunk) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let json;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: response.statusCode, headers: response.headers, body: json, text });
          });
        },
      );
      request.setTimeout(30_000, () => request.destroy(new Error(`${method} ${path} timed out`)));
      request.on("error", reject);
      request.end(payload);
    });
  return {
    send,
    async login() {
      const reply = await send("POST", "/api/session", { username: options.username, password: options.password });
      if (reply.status !== 200) fail(`login as ${options.username} failed: ${reply.status} ${reply.text}`);
      cookie = String(reply.headers["set-cookie"]?.find((c) => c.startsWith("jt_session=")) ?? "").split(";")[0];
      return reply.body.user;
    },
    close: () => agent.destroy(),
  };
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool(items, limit, work) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const addDays = (date, days) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The next write for a building: its next stage date (or clearing the last one, with a reason), or fields. */
function nextWrite(building, step, random, today) {
  if (step % 2 === 0) {
    let body;
    if (!building.signedOn) body = { stage: "signed", date: addDays(today, -300 - Math.floor(random() * 60)) };
    else if (!building.startedOn)
      body = { stage: "started", date: addDays(building.signedOn, 1 + Math.floor(random() * 60)) };
    else if (!building.completedOn)
      body = { stage: "completed", date: addDays(building.startedOn, 1 + Math.floor(random() * 60)) };
    else body = { stage: "completed", date: null, reason: "压测：撤回完工" };
    if (body.date && body.date > today) body.date = today;
    return { method: "POST", path: `/api/buildings/${building.id}/stage`, body, stage: true };
  }
  const households = 12 + Math.floor(random() * 48);
  const body = {
    notes: `压测 ${step} ${random().toString(36).slice(2, 8)}`,
    households,
    elderlyHouseholds: Math.floor(households / 3),
  };
  return { method: "PATCH", path: `/api/buildings/${building.id}`, body, stage: false };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const admin = client();
  const me = await admin.login();
  if (me.role !== "taskforce") fail(`${options.username} is not a task-force account`);
  const health = (await admin.send("GET", "/api/health")).body;
  const tag = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const zone = await admin.send("POST", "/api/zones", { name: `压测片区 ${tag}` });
  if (zone.status !== 201) fail(`could not create the test zone: ${zone.text}`);
  const area = await admin.send("POST", "/api/areas", { name: `压测居民区 ${tag}`, zoneId: zone.body.id });
  if (area.status !== 201) fail(`could not create the test area: ${area.text}`);
  const today = (await admin.send("GET", "/api/summary")).body?.today ?? new Date().toISOString().slice(0, 10);

  process.stderr.write(`setting up ${USERS} users with 2 buildings each on ${base.origin} (${health.engine})… `);
  const users = Array.from({ length: USERS }, (_, i) => ({ index: i, http: client(), buildings: [], acks: [] }));
  await pool(
    users.flatMap((user) => [0, 1].map((k) => ({ user, k }))),
    8,
    async ({ user, k }) => {
      const reply = await admin.send("POST", "/api/buildings", {
        areaId: area.body.id,
        address: `压测路 ${tag} 弄 ${user.index + 1}-${k + 1}号`,
        floors: 6,
        households: 24,
      });
      if (reply.status !== 201) fail(`could not create a test building: ${reply.text}`);
      user.buildings[k] = reply.body;
    },
  );
  // Logging in hashes the password (scrypt) each time: a few at once.
  await pool(users, 4, (user) => user.http.login());
  process.stderr.write("done\n");

  const latencies = { read: [], write: [] };
  const errors = [];
  let conflicts = 0;
  // Each read with the route it stands for in the per-route figures.
  const reads = [
    ["GET /api/summary", () => "/api/summary"],
    ["GET /api/buildings (area)", () => `/api/buildings?areaId=${area.body.id}&pageSize=50`],
    ["GET /api/buildings (stage)", () => "/api/buildings?stage=started&pageSize=20"],
    ["GET /api/areas", () => "/api/areas"],
    ["GET /api/zones", () => "/api/zones"],
    ["GET /api/buildings/:id", (user) => `/api/buildings/${user.buildings[0].id}`],
    ["GET /api/targets", () => "/api/targets"],
  ];
  /** Latencies per route, so a tail can be traced to the route that makes it. */
  const byRoute = new Map();
  const started = performance.now();
  const deadline = started + DURATION_S * 1000;
  await Promise.all(
    users.map(async (user) => {
      const random = mulberry32(user.index + 1);
      let step = 0;
      while (performance.now() < deadline) {
        if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, random() * 2 * THINK_MS));
        const write = random() < WRITE_SHARE;
        const building = user.buildings[step % 2];
        const op = write
          ? nextWrite(building, Math.floor(step++ / 2), random, today)
          : (() => {
              const [route, path] = reads[Math.floor(random() * reads.length)];
              return { method: "GET", path: path(user), route };
            })();
        const t0 = performance.now();
        let reply;
        try {
          reply = await user.http.send(
            op.method,
            op.path,
            op.body,
            write ? { "If-Match": `"${building.version}"` } : {},
          );
        } catch (error) {
          // No answer: the write may or may not have been committed; it was not acknowledged.
          if (write) building.unanswered = (building.unanswered ?? 0) + 1;
          const at = ((t0 - started) / 1000).toFixed(1);
          errors.push(
            `${op.method} ${op.path} at ${at} s, after ${(performance.now() - t0).toFixed(0)} ms: ${error.message}`,
          );
          continue;
        }
        const took = performance.now() - t0;
        (write ? latencies.write : latencies.read).push(took);
        const route = op.route ?? (op.stage ? "POST /api/buildings/:id/stage" : "PATCH /api/buildings/:id");
        if (!byRoute.has(route)) byRoute.set(route, []);
        byRoute.get(route).push(took);
        if (reply.status === 409 && write) {
          conflicts++;
          building.version = reply.body?.error?.current?.version ?? building.version;
          continue;
        }
        if (reply.status < 200 || reply.status > 299) {
          if (write && reply.status >= 500) building.unanswered = (building.unanswered ?? 0) + 1;
          errors.push(`${op.method} ${op.path}: ${reply.status} ${reply.text.slice(0, 200)}`);
          continue;
        }
        if (write) {
          user.buildings[user.buildings.indexOf(building)] = { ...reply.body, unanswered: building.unanswered };
          user.acks.push({
            requestId: reply.headers["x-request-id"],
            buildingId: building.id,
            version: reply.body.version,
            stage: op.stage,
          });
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;

  // Every acknowledged write must be in the database: its audit row (and stage event), and the version.
  let lost = 0;
  let unacknowledgedCommitted = 0;
  const lostExamples = [];
  const acknowledged = users.reduce((sum, user) => sum + user.acks.length, 0);
  await pool(
    users.flatMap((user) => user.buildings.map((building) => ({ user, building }))),
    8,
    async ({ user, building }) => {
      const { body } = await admin.send("GET", `/api/buildings/${building.id}`);
      const audit = new Set(body.history.map((row) => row.requestId));
      const events = new Set(body.stageEvents.map((event) => event.requestId));
      const acks = user.acks.filter((ack) => ack.buildingId === building.id);
      for (const ack of acks) {
        if (!audit.has(ack.requestId) || (ack.stage && !events.has(ack.requestId))) {
          lost++;
          lostExamples.push(`${ack.requestId} on building ${building.id}`);
        }
      }
      const expected = acks.at(-1)?.version ?? 1;
      // Ahead of the last acknowledged version after writes that got no answer: those were committed without
      // being acknowledged (the client gave up, or the server failed after the commit) — not lost.
      if (body.building.version > expected && building.unanswered) {
        unacknowledgedCommitted += body.building.version - expected;
      } else if (body.building.version !== expected) {
        lost++;
        lostExamples.push(
          `building ${building.id} is at version ${body.building.version}, last acknowledged ${expected}`,
        );
      }
    },
  );
  for (const user of users) user.http.close();
  admin.close();

  const all = [...latencies.read, ...latencies.write].sort((a, b) => a - b);
  const sortedReads = latencies.read.sort((a, b) => a - b);
  const sortedWrites = latencies.write.sort((a, b) => a - b);
  const ms = (value) => Number(value.toFixed(1));
  const result = {
    url: base.origin,
    engine: health.engine,
    users: USERS,
    thinkMs: THINK_MS,
    durationSeconds: Number(elapsed.toFixed(1)),
    requests: all.length,
    requestsPerSecond: Math.round(all.length / elapsed),
    reads: sortedReads.length,
    writes: sortedWrites.length,
    p50Ms: ms(percentile(all, 50)),
    p99Ms: ms(percentile(all, 99)),
    readP50Ms: ms(percentile(sortedReads, 50)),
    readP99Ms: ms(percentile(sortedReads, 99)),
    writeP50Ms: ms(percentile(sortedWrites, 50)),
    writeP99Ms: ms(percentile(sortedWrites, 99)),
    routes: Object.fromEntries(
      [...byRoute].map(([route, values]) => {
        const sorted = values.sort((a, b) => a - b);
        return [route, { count: sorted.length, p50Ms: ms(percentile(sorted, 50)), p99Ms: ms(percentile(sorted, 99)) }];
      }),
    ),
    errors: errors.length,
    conflicts,
    acknowledgedWrites: acknowledged,
    lostWrites: lost,
    unacknowledgedCommitted,
  };
  if (options.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      [
        `load: ${USERS} users (think ${THINK_MS} ms) for ${result.durationSeconds} s, ${Math.round((1 - WRITE_SHARE) * 100)}% reads / ${Math.round(WRITE_SHARE * 100)}% writes, ${base.origin} (${health.engine})`,
        `  requests  ${result.requests} (${result.requestsPerSecond}/s): ${result.reads} reads, ${result.writes} writes`,
        `  latency   p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (reads ${result.readP50Ms}/${result.readP99Ms} ms, writes ${result.writeP50Ms}/${result.writeP99Ms} ms)`,
        ...Object.entries(result.routes).map(
          ([route, figures]) =>
            `    ${route.padEnd(32)} ${String(figures.count).padStart(6)}  p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms`,
        ),
        `  errors    ${result.errors}; conflicts (409) ${conflicts}`,
        `  writes    ${acknowledged} acknowledged, ${lost} lost; ${unacknowledgedCommitted} committed without an answer`,
      ].join("\n"),
    );
  }
  for (const line of [...errors.slice(0, 10), ...lostExamples.slice(0, 10)]) console.error(`  ! ${line}`);
  process.exit(errors.length > 0 || lost > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
