// The README's first command, checked as a new user meets it (CI runs this on its clean clone, before the
// tests): every file a package.json script names is committed; `npm start` builds, serves the demo
// programme, lets `admin` log in and serves the page and its hashed assets; SIGTERM then stops it with exit 0.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEMO_PASSWORD = process.env.DEMO_PASSWORD || "xinjing-demo";
const STARTUP_LIMIT_MS = 5 * 60_000;

let child = null;
let output = "";

/** Stops here: kills a server still running, shows what it printed, and exits 1. */
function fail(message) {
  if (child && child.exitCode === null && !child.signalCode) child.kill("SIGKILL");
  if (output) console.error(output);
  console.error(`✗ first run: ${message}`);
  process.exit(1);
}

/** Files named by the scripts of every package.json (root and workspaces) that git does not hold. */
function uncommittedScriptFiles() {
  const tracked = new Set(execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).split("\n"));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const missing = [];
  for (const dir of [".", ...manifest.workspaces]) {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, dir, "package.json"), "utf8"));
    for (const [name, command] of Object.entries(pkg.scripts ?? {})) {
      for (const token of command.split(/[\s=;&|]+/)) {
        if (!/^[\w.@-]+(\/[\w.@-]+)*\.(mjs|cjs|js|ts|tsx|sh|json)$/.test(token)) continue;
        const file = path.posix.normalize(path.posix.join(dir, token));
        if (!tracked.has(file)) missing.push(`${file} (script "${name}" of ${path.posix.join(dir, "package.json")})`);
      }
    }
  }
  return missing;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(base) {
  const until = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode)
      fail(`npm start exited (${child.exitCode ?? child.signalCode}) before serving`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return res.json();
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  fail(`no answer from ${base}/api/health within ${STARTUP_LIMIT_MS / 1000} s`);
}

async function check(base) {
  const health = await waitForHealth(base);
  console.log(`  health: ${JSON.stringify(health)}`);

  const login = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Requested-With": "first-run" },
    body: JSON.stringify({ username: "admin", password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) fail(`logging in as admin answered ${login.status}: ${await login.text()}`);
  const cookie = login.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) fail("logging in set no session cookie");
  const areas = await fetch(`${base}/api/areas`, { headers: { Cookie: cookie } });
  const areaList = areas.ok ? await areas.json() : null;
  if (!Array.isArray(areaList) || areaList.length === 0) fail(`no demo areas after login (${areas.status})`);
  console.log(`  logged in as admin; ${areaList.length} residential areas`);

  const page = await fetch(`${base}/`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<div id="root">')) fail(`GET / answered ${page.status} without the app`);
  const asset = /(?:src|href)="(\/assets\/[^"]+-[\w-]{8}\.(?:js|css))"/.exec(html)?.[1];
  if (!asset) fail("GET / names no hashed asset");
  const assetRes = await fetch(`${base}${asset}`);
  const body = await assetRes.arrayBuffer();
  if (assetRes.status !== 200 || body.byteLength === 0) fail(`GET ${asset} answered ${assetRes.status}`);
  console.log(`  GET / and ${asset} (${body.byteLength} bytes)`);
}

const missing = uncommittedScriptFiles();
if (missing.length) fail(`files named by package.json scripts are not in git:\n  ${missing.join("\n  ")}`);
console.log("  every file named by a package.json script is committed");

const port = (await portIsFree(3000)) ? 3000 : 3000 + 1 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
console.log(`  npm start on port ${port}`);
child = spawn("npm", ["start"], { cwd: root, env: { ...process.env, PORT: String(port), DATABASE_URL: "" } });
for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (output += chunk));
const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));

await check(base);
if (!/ready on http:\/\/localhost:\d+ · PGlite in .+ · demo login admin/.test(output)) {
  fail("npm start printed no start-up hint (URL, engine, data folder, demo login)");
}

child.kill("SIGTERM");
const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
const { code, signal } = await exited;
clearTimeout(timer);
if (code !== 0) {
  fail(`npm start exited with ${code ?? signal} after SIGTERM (expected 0)`);
}
console.log("✓ first run: npm start served the demo programme and stopped cleanly");
