// A server of the spec's own, for specs that need a fixed clock (FAKE_TODAY) or to restart on the same data:
// the built server on a data folder of its choosing, on a free port, with the demo programme on first start.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export interface SpecServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts `server/dist/index.js` on `dataDir` with `today` as the server's today; resolves once it is ready. */
export async function startServer({ dataDir, today }: { dataDir: string; today: string }): Promise<SpecServer> {
  const child = spawn(process.execPath, [path.join(root, "server/dist/index.js")], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      FAKE_TODAY: today,
      LOG_LEVEL: "warn",
      BACKUP_INTERVAL_HOURS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await readyUrl(child);
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode != null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** The address the server announces in its "ready on http://localhost:PORT" line. */
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`server not ready after 120 s:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /ready on http:\/\/[^:]+:(\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${port}`);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
}
