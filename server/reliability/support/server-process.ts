// Runs the built server (node server/dist/index.js) as a child process on a free port, as production does,
// so tests can kill it, signal it and start it again on the same data.

import { type ChildProcess, spawn } from "node:child_process";
import { MIGRATIONS, serverBundle, TODAY } from "./paths";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<Exit>;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/** The environment of a server under test: no demo data, a free port, quiet logs, no scheduled backups. */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, DATA_DIR: _dir, PORT: _port, ...inherited } = process.env;
  return {
    ...inherited,
    SEED: "none",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    BACKUP_INTERVAL_HOURS: "0",
    FAKE_TODAY: TODAY,
    MIGRATIONS_DIR: MIGRATIONS,
    ...extra,
  };
}

/** Servers still running: killed when the test process ends, should a failing test leave one behind. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Kills every server this test file started and that still runs. */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map((child) => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      return exited;
    }),
  );
}

function spawnServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [serverBundle()], { env: serverEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.on("exit", () => running.delete(child));
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<Exit>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

/** Starts a server and resolves once it listens; rejects with its output if it exits or takes too long. */
export async function startServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
  /** Given the output reader at once, for tests that act on what the server says before it is ready. */
  watch?: (output: () => string) => void,
): Promise<ServerProcess> {
  const { child, output, exited } = spawnServer(env);
  watch?.(output);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const check = () => {
      const match = /ready on http:\/\/localhost:(\d+)/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off("data", check);
      resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout?.on("data", check);
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${exit.code ?? exit.signal}) before it was ready:\n${output()}`));
    });
  });
  return {
    url,
    pid: child.pid as number,
    child,
    output,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs a server that is expected to refuse to start; resolves with how it ended and what it said. */
export async function runUntilExit(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Exit & { output: string; readyPrinted: boolean }> {
  const { child, output, exited } = spawnServer(env);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exit = await exited;
  clearTimeout(timer);
  return { ...exit, output: output(), readyPrinted: output().includes("ready on") };
}
