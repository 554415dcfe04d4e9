// The server's CPU time per request, by thread, from /proc (Linux): on a machine shared with other work the
// rate a route reaches says little, but what each request costs the server's threads holds. The request
// thread is the process's first; the busiest other thread is, with PGlite, the embedded database's worker.

import fs from "node:fs";

/** CPU ticks (user + system) of each of the process's threads. */
export function threadTicks(pid: number): Map<number, number> {
  const ticks = new Map<number, number>();
  let tids: string[] = [];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return ticks;
  }
  for (const tid of tids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return ticks;
}

export interface CpuPerRequest {
  /** ms of the request thread per request. */
  main: number;
  /** ms of the busiest other thread per request (PGlite's worker). */
  busiest: number;
  /** ms of all the server's threads per request. */
  total: number;
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICK_MS = 10;

export function cpuPerRequest(
  pid: number,
  before: Map<number, number>,
  after: Map<number, number>,
  requests: number,
): CpuPerRequest | undefined {
  if (!requests || after.size === 0) return undefined;
  const spent = [...after].map(([tid, ticks]) => [tid, ticks - (before.get(tid) ?? 0)] as const);
  const main = spent.find(([tid]) => tid === pid)?.[1] ?? 0;
  const busiest = Math.max(0, ...spent.filter(([tid]) => tid !== pid).map(([, ticks]) => ticks));
  const total = spent.reduce((sum, [, ticks]) => sum + ticks, 0);
  const per = (ticks: number) => Math.round(((ticks * TICK_MS) / requests) * 100) / 100;
  return { main: per(main), busiest: per(busiest), total: per(total) };
}
