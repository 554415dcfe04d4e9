// A PostgreSQL server of a test's own, in its own folder on its own port, that the test may stop, restart
// and kill — unlike the shared server of TEST_DATABASE_URL. Run as the `postgres` user when the tests run as
// root (PostgreSQL refuses root), else as the current user.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  const latest = versions.at(-1);
  if (!latest) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
  return path.join(root, latest, "bin");
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL tool as the user the server runs as. */
function pgTool(tool: string, args: string[]): string {
  const command = [path.join(postgresBin(), tool), ...args]
    .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
    .join(" ");
  if (asRoot) return execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", command], { encoding: "utf8" });
  return execFileSync("/bin/sh", ["-c", command], { encoding: "utf8" });
}

export class PostgresServer {
  private constructor(
    readonly folder: string,
    readonly port: number,
  ) {}

  /** Initialises a new cluster (fsync on: acknowledged means on disk) and starts it. */
  static async create(): Promise<PostgresServer> {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "jt-own-pg-"));
    if (asRoot) execFileSync("chown", ["postgres", folder]);
    const server = new PostgresServer(folder, await freePort());
    pgTool("initdb", ["-D", server.dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    server.start();
    return server;
  }

  get dataDir(): string {
    return path.join(this.folder, "data");
  }

  get logFile(): string {
    return path.join(this.folder, "server.log");
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.folder} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200`;
    pgTool("pg_ctl", [
      "-D",
      this.dataDir,
      "-l",
      path.join(this.folder, "server.log"),
      "-w",
      "-t",
      "60",
      "-o",
      options,
      "start",
    ]);
  }

  stop(): void {
    pgTool("pg_ctl", ["-D", this.dataDir, "-m", "fast", "-w", "stop"]);
  }

  /** `pg_ctl restart -m fast`: every connection is ended, the server is back when this returns. */
  restart(): void {
    const options = `-p ${this.port} -k ${this.folder} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200`;
    // With its log file: a server writing to pg_ctl's output would hold this call's pipe open for good.
    pgTool("pg_ctl", [
      "-D",
      this.dataDir,
      "-l",
      this.logFile,
      "-m",
      "fast",
      "-w",
      "-t",
      "60",
      "-o",
      options,
      "restart",
    ]);
  }

  /** The postmaster's pid, from its pid file. */
  postmasterPid(): number {
    return Number(fs.readFileSync(path.join(this.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  }

  /**
   * SIGKILLs the postmaster and waits until it and its backends, left without it, have exited. A dead
   * process not yet reaped (a zombie: this machine's init reaps orphans late) still answers kill(pid, 0), which
   * PostgreSQL takes for a live postmaster: its pid files (data folder, socket) are then removed, as an init that reaps would allow.
   */
  async killPostmaster(): Promise<void> {
    const pid = this.postmasterPid();
    const children = childrenOf(pid);
    process.kill(pid, "SIGKILL");
    // Backends notice their postmaster's death and exit; one that has not after 5 s is killed as an operator
    // would (the new postmaster refuses to start while any is still attached to the old shared memory).
    const killStragglersAt = Date.now() + 5_000;
    for (const until = Date.now() + 60_000; Date.now() < until; ) {
      if (Date.now() > killStragglersAt) for (const child of children.filter(isAlive)) killQuietly(child);
      if (![pid, ...children].some(isAlive)) {
        if (exists(pid)) {
          fs.rmSync(path.join(this.dataDir, "postmaster.pid"), { force: true });
          fs.rmSync(path.join(this.folder, `.s.PGSQL.${this.port}.lock`), { force: true });
        }
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the killed postmaster or its backends did not exit");
  }

  dispose(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // exited meanwhile
  }
}

/** Running, not a zombie. */
function isAlive(pid: number): boolean {
  try {
    return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}
