// Readiness while the database writes at full speed: GET /api/health (a query each time) asked one request at a
// time from a process of its own (bench/probe.mjs), first with no other load, then while the stage updates run
// at full speed. The goal: its p99 during the writes at most twice its p99 without them — a monitor must not
// call the server down, and a read must not queue behind every write.

import { spawn } from "node:child_process";
import path from "node:path";

export interface ProbeResult {
  samples: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
}

export interface HealthUnderWrites {
  idle: ProbeResult;
  duringWrites: ProbeResult;
  /** The stage updates' own rate and p99 meanwhile. */
  writes: { rps: number; p99: number };
}

export const HEALTH_GOAL_RATIO = 2;

/** Probes `url` for `durationSeconds` after `delaySeconds`, from bench/probe.mjs. */
export function probe(root: string, url: string, delaySeconds: number, durationSeconds: number): Promise<ProbeResult> {
  const child = spawn(process.execPath, [
    path.join(root, "bench/probe.mjs"),
    "--url",
    url,
    "--delay",
    String(delaySeconds),
    "--duration",
    String(durationSeconds),
  ]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      if (code === 0) resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as ProbeResult);
      else reject(new Error(`probe failed: ${stderr.trim()}`));
    });
  });
}

/**
 * The health probe without load, then during `writes` (which warms up for `warmupSeconds` and then measures for
 * `durationSeconds`; the probe covers the measured part).
 */
export async function healthUnderWrites(
  root: string,
  baseUrl: string,
  timing: { warmupSeconds: number; durationSeconds: number },
  writes: () => Promise<{ rps: number; p99: number }>,
): Promise<HealthUnderWrites> {
  const url = `${baseUrl}/api/health`;
  const idle = await probe(root, url, 0, timing.durationSeconds);
  const [duringWrites, written] = await Promise.all([
    probe(root, url, timing.warmupSeconds, Math.max(1, timing.durationSeconds - 1)),
    writes(),
  ]);
  return { idle, duringWrites, writes: { rps: written.rps, p99: written.p99 } };
}
