// Lighthouse's performance category for the login page and the dashboard, as a phone sees them: Lighthouse's
// default mobile emulation and simulated throttling (slow 4G, 4× CPU), Debian's Chromium, a fresh profile per
// run. The dashboard is loaded with the bench user's session cookie, so the server renders its first screen
// (docs/ARCHITECTURE.md § The first screen). A measurement: the goals are printed beside the figures, never
// enforced.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Flags } from "lighthouse";
import { CHROMIUM_ARGS } from "../e2e/support/chromium";

/** What each page should reach, and the dashboard's first paint on a phone. */
export const LIGHTHOUSE_GOALS = { loginScore: 95, dashboardScore: 90, dashboardFcpMs: 1200 } as const;

/** One run's figures of a page. */
interface Run {
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /**
   * The page's main thread in CPU time (the trace's thread time, which a busy machine does not inflate as it does
   * the wall time Lighthouse's figures are simulated from): all its tasks, and the longest one.
   */
  cpuMs: number;
  longestTaskCpuMs: number;
}

/** A page's figures: the medians of its runs, each figure on its own. */
export interface LighthousePage extends Run {
  page: "login" | "dashboard";
  path: string;
  /** Every run's score, in the order run. */
  scores: number[];
}

const PAGES = [
  { page: "login", path: "/login", withSession: false },
  { page: "dashboard", path: "/", withSession: true },
] as const;

/** The flags the rest of the bench gives Chromium, with Lighthouse's headless mode. */
const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_ARGS];

function chromiumPath(): string | undefined {
  const found =
    process.env.CHROME_PATH ||
    process.env.CHROMIUM_PATH ||
    execFileSync("sh", ["-c", "command -v chromium || true"], { encoding: "utf8" }).trim();
  return found || undefined;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { url?: string; frame?: string }; beginData?: { url?: string } };
}

/**
 * The CPU time of the main thread that parsed the page at `url` (from its first parse on): every top-level task's
 * thread time, summed, and the longest.
 */
function mainThreadCpu(events: TraceEvent[], url: string): { cpuMs: number; longestTaskCpuMs: number } {
  const page = new URL(url);
  const parse = events.find((e) => {
    const parsed = e.name === "ParseHTML" ? URL.parse(e.args?.beginData?.url ?? "") : null;
    return parsed?.origin === page.origin && parsed.pathname === page.pathname;
  });
  if (!parse) return { cpuMs: Number.NaN, longestTaskCpuMs: Number.NaN };
  const tasks = events.filter(
    (e) =>
      e.pid === parse.pid && e.tid === parse.tid && e.ph === "X" && e.name === "RunTask" && e.ts >= parse.ts - 50_000,
  );
  const cpu = tasks.map((e) => (e.tdur ?? e.dur ?? 0) / 1000);
  return { cpuMs: cpu.reduce((sum, ms) => sum + ms, 0), longestTaskCpuMs: Math.max(0, ...cpu) };
}

/**
 * The session cookie put in the browser's own cookie jar as well: Lighthouse's extra headers reach the page's
 * requests but not the service worker's, and the worker, taking control during the run, refetches the page's
 * reads — without the cookie they were 401s, and the dashboard went to the login page mid-run.
 */
async function setCookie(port: number, url: string, cookie: string): Promise<void> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const [name = "", value = ""] = cookie.split("=");
  await browser.contexts()[0]?.addCookies([{ name, value, url }]);
  await browser.close(); // disconnects; the browser and its cookie stay
}

/** One Lighthouse run of `url` in a Chromium of its own (a cold cache, no service worker yet). */
async function runOnce(url: string, headers: Record<string, string>, reportFile?: string): Promise<Run> {
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath(), chromeFlags: CHROME_FLAGS });
  try {
    if (headers.Cookie) await setCookie(chrome.port, url, headers.Cookie);
    const flags: Flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      extraHeaders: headers,
    };
    const result = await lighthouse(url, flags);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr, artifacts } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (reportFile) fs.writeFileSync(reportFile, JSON.stringify(lhr));
    const value = (id: string) => {
      const audit = lhr.audits[id];
      if (audit?.numericValue === undefined) throw new Error(`Lighthouse measured no ${id} for ${url}`);
      return audit.numericValue;
    };
    return {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      fcpMs: value("first-contentful-paint"),
      lcpMs: value("largest-contentful-paint"),
      tbtMs: value("total-blocking-time"),
      cls: value("cumulative-layout-shift"),
      speedIndexMs: value("speed-index"),
      ...mainThreadCpu(artifacts.Trace.traceEvents as unknown as TraceEvent[], lhr.finalDisplayedUrl),
    };
  } finally {
    chrome.kill();
  }
}

/**
 * Lighthouse's performance figures of the login page and of the dashboard with `cookie` (the session), `runs`
 * times each, the pages in turn so a burst of other work on the machine falls on both. The JSON report of each
 * run goes to `reportsDir` when given (to read which audits cost the points). Undefined without Chromium.
 */
export async function lighthousePages(
  baseUrl: string,
  cookie: string,
  options: { runs?: number; reportsDir?: string; log?: (message: string) => void } = {},
): Promise<LighthousePage[] | undefined> {
  if (!chromiumPath()) return undefined;
  const runs = options.runs ?? 3;
  const samples = new Map<string, Run[]>(PAGES.map((p) => [p.page, []]));
  if (options.reportsDir) fs.mkdirSync(options.reportsDir, { recursive: true });
  for (let i = 0; i < runs; i++) {
    for (const page of PAGES) {
      const reportFile = options.reportsDir && path.join(options.reportsDir, `${page.page}-${i + 1}.json`);
      const url = `${baseUrl}${page.path}`;
      const headers: Record<string, string> = page.withSession ? { Cookie: cookie } : {};
      // On a busy machine a run now and then loses its trace (NO_NAVSTART): it is run again, twice at most.
      let run: Run | undefined;
      for (let attempt = 1; !run; attempt++) {
        try {
          run = await runOnce(url, headers, reportFile);
        } catch (error) {
          if (attempt === 3) throw error;
          options.log?.(`  lighthouse ${page.page} #${i + 1} again: ${(error as Error).message}`);
        }
      }
      options.log?.(
        `  lighthouse ${page.page} #${i + 1}: ${run.score} (FCP ${Math.round(run.fcpMs)} ms, LCP ${Math.round(run.lcpMs)} ms, TBT ${Math.round(run.tbtMs)} ms; main thread ${Math.round(run.cpuMs)} ms CPU, longest task ${Math.round(run.longestTaskCpuMs)} ms; load ${os.loadavg()[0].toFixed(2)})`,
      );
      samples.get(page.page)?.push(run);
    }
  }
  return PAGES.map(({ page, path }) => {
    const list = samples.get(page) ?? [];
    const of = (key: keyof Run) => median(list.map((run) => run[key]).filter((value) => !Number.isNaN(value)));
    return {
      page,
      path,
      score: of("score"),
      fcpMs: Math.round(of("fcpMs")),
      lcpMs: Math.round(of("lcpMs")),
      tbtMs: Math.round(of("tbtMs")),
      cls: Math.round(of("cls") * 1000) / 1000,
      speedIndexMs: Math.round(of("speedIndexMs")),
      cpuMs: Math.round(of("cpuMs")),
      longestTaskCpuMs: Math.round(of("longestTaskCpuMs")),
      scores: list.map((run) => run.score),
    };
  });
}

/** The markdown table of `pages` with the goals beside them. */
export function lighthouseTable(pages: LighthousePage[]): string {
  const goal = (page: LighthousePage["page"]) =>
    page === "login"
      ? `≥ ${LIGHTHOUSE_GOALS.loginScore}`
      : `≥ ${LIGHTHOUSE_GOALS.dashboardScore}; FCP ≤ ${(LIGHTHOUSE_GOALS.dashboardFcpMs / 1000).toFixed(1)} s`;
  const met = (p: LighthousePage) =>
    p.page === "login"
      ? p.score >= LIGHTHOUSE_GOALS.loginScore
      : p.score >= LIGHTHOUSE_GOALS.dashboardScore && p.fcpMs <= LIGHTHOUSE_GOALS.dashboardFcpMs;
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  return [
    "| page | performance (runs) | FCP s | LCP s | TBT ms | CLS | Speed Index s | main thread CPU ms (longest task) | goal |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...pages.map(
      (p) =>
        `| ${p.page} (\`${p.path}\`) | ${p.score} (${p.scores.join(", ")}) | ${seconds(p.fcpMs)} | ${seconds(p.lcpMs)} | ${p.tbtMs} | ${p.cls} | ${seconds(p.speedIndexMs)} | ${p.cpuMs} (${p.longestTaskCpuMs}) | ${goal(p.page)}${met(p) ? " — met" : " — **not met**"} |`,
    ),
  ].join("\n");
}
