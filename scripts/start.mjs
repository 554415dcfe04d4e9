// `npm start`: builds the client and the server when a build is missing or older than its sources, then runs
// the server in this process (so a signal sent to `npm start` reaches it), in production mode unless
// NODE_ENV says otherwise.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const at = (...parts) => path.join(root, ...parts);

/** What the build reads; a change to any of them (tests aside) makes the build stale. */
const SOURCES = [
  "package-lock.json",
  "shared/src",
  "server/src",
  "server/build.mjs",
  "client/src",
  "client/public",
  "client/pwa",
  "client/index.html",
  "client/vite.config.ts",
];
/** What the build writes; the oldest of them is when it last ran. */
const OUTPUTS = ["client/dist/index.html", "client/dist-ssr/ssr.js", "server/dist/index.js", "server/dist/cli.js"];

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function newestSource(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestSource(path.join(entry, child)));
  return newest;
}

function buildReason() {
  const built = OUTPUTS.map((file) => mtime(at(file)));
  if (built.some((time) => time === null)) return "no build yet";
  const builtAt = Math.min(...built);
  const changed = SOURCES.find((source) => newestSource(at(source)) > builtAt);
  return changed ? `${changed} changed since the last build` : null;
}

if (!fs.existsSync(at("node_modules"))) {
  console.error("Dependencies are not installed: run `npm install` first.");
  process.exit(1);
}

const reason = buildReason();
if (reason) {
  console.log(`Building the app (${reason}) …`);
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) {
    console.error("The build failed (see above); the server was not started.");
    process.exit(build.status ?? 1);
  }
}

process.env.NODE_ENV ??= "production";
await import(pathToFileURL(at("server/dist/index.js")).href);
