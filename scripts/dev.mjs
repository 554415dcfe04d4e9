// `npm run dev`: the API server (tsx watch, restarts on change) and the Vite dev server (hot reload,
// proxies /api to the server) side by side. Ctrl-C, or either one exiting, stops both.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

const children = [];
let stopping = false;

function start(name, command, args, options) {
  const child = spawn(command, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" },
    // Its own process group, so that stopping it also stops what it started (tsx's and vite's workers).
    detached: process.platform !== "win32",
    ...options,
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.on("data", (chunk) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) (stream === child.stderr ? process.stderr : process.stdout).write(`${prefix}${line}\n`);
    });
  }
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? code}); stopping the others`);
      stop(typeof code === "number" && code !== 0 ? code : 1);
    }
  });
  children.push(child);
  return child;
}

function kill(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === "win32") child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) kill(child, "SIGTERM");
  // PGlite closes its data folder on SIGTERM; give it a moment before forcing.
  const force = setTimeout(() => {
    for (const child of children) kill(child, "SIGKILL");
    process.exit(code);
  }, 5000);
  force.unref();
  Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) =>
          child.exitCode !== null || child.signalCode !== null ? resolve() : child.on("exit", resolve),
        ),
    ),
  ).then(() => process.exit(code));
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
process.on("exit", () => {
  for (const child of children) kill(child, "SIGKILL");
});

start("server", bin("tsx"), ["watch", "--clear-screen=false", "server/src/index.ts"], { cwd: root });
start("client", bin("vite"), ["--strictPort"], { cwd: path.join(root, "client") });
