// The bench's goals in one table at the top of its report: each measured figure beside its goal, the no-load
// baseline it is compared with where there is one, and whether it was met — so a run says at a glance what holds
// on this machine and a regression shows in bench/RESULTS.md's history.

export interface GoalInputs {
  /** Lighthouse (mobile, simulated throttling): median score and first contentful paint per page. */
  lighthouse?: { login?: PageFigures; dashboard?: PageFigures };
  /** The dashboard's LCP at 4× CPU throttling, town data set, PGlite (bench/run.ts). */
  lcpMs?: number;
  /** Initial JavaScript of the dashboard, KB gzip. */
  initialKb?: number;
  /** Stage updates on PGlite, town data set, and GET /api/health's rate beside them (autocannon, 50 connections). */
  stage?: { rps: number; p99: number; healthRps?: number; healthP99?: number };
  /** The mixed load's p99 per engine, and its rate. */
  mixed?: Partial<Record<"pglite" | "postgresql", { rps: number; p99: number }>>;
  /** GET /api/health one at a time on PGlite: p99 without load and while the stage updates run at full speed. */
  health?: { idleP99: number; duringWritesP99: number };
}

export interface PageFigures {
  score: number;
  fcpMs: number;
}

interface Row {
  what: string;
  baseline: string;
  measured: string;
  goal: string;
  met: boolean | undefined;
}

export const GOALS = {
  lighthouseLogin: 95,
  lighthouseDashboard: 90,
  lcpMs: 1500,
  fcpMs: 1200,
  initialKb: 150,
  stageRps: 400,
  stageP99: 250,
  mixedP99: { pglite: 250, postgresql: 150 },
  healthRatio: 2,
} as const;

const notMeasured = (what: string, goal: string): Row => ({
  what,
  baseline: "–",
  measured: "not measured",
  goal,
  met: undefined,
});

export function goalRows(inputs: GoalInputs): Row[] {
  const { lighthouse, stage, mixed, health } = inputs;
  const login = lighthouse?.login;
  const dashboard = lighthouse?.dashboard;
  const rows: Row[] = [];
  const lighthouseGoal = `≥ ${GOALS.lighthouseLogin} / ≥ ${GOALS.lighthouseDashboard}`;
  rows.push(
    login && dashboard
      ? {
          what: "Lighthouse performance, mobile: login / dashboard",
          baseline: "–",
          measured: `${login.score} / ${dashboard.score}`,
          goal: lighthouseGoal,
          met: login.score >= GOALS.lighthouseLogin && dashboard.score >= GOALS.lighthouseDashboard,
        }
      : notMeasured("Lighthouse performance, mobile: login / dashboard", lighthouseGoal),
  );
  rows.push(
    inputs.lcpMs !== undefined
      ? {
          what: "dashboard LCP at 4× CPU throttling",
          baseline: "–",
          measured: `${(inputs.lcpMs / 1000).toFixed(2)} s`,
          goal: `≤ ${GOALS.lcpMs / 1000} s`,
          met: inputs.lcpMs <= GOALS.lcpMs,
        }
      : notMeasured("dashboard LCP at 4× CPU throttling", `≤ ${GOALS.lcpMs / 1000} s`),
  );
  rows.push(
    dashboard
      ? {
          what: "dashboard first content, mobile (Lighthouse FCP)",
          baseline: login ? `login ${(login.fcpMs / 1000).toFixed(2)} s` : "–",
          measured: `${(dashboard.fcpMs / 1000).toFixed(2)} s`,
          goal: `≤ ${GOALS.fcpMs / 1000} s`,
          met: dashboard.fcpMs <= GOALS.fcpMs,
        }
      : notMeasured("dashboard first content, mobile (Lighthouse FCP)", `≤ ${GOALS.fcpMs / 1000} s`),
  );
  rows.push(
    inputs.initialKb !== undefined
      ? {
          what: "initial JavaScript of the dashboard",
          baseline: "–",
          measured: `${inputs.initialKb} KB gzip`,
          goal: `≤ ${GOALS.initialKb} KB gzip`,
          met: inputs.initialKb <= GOALS.initialKb,
        }
      : notMeasured("initial JavaScript of the dashboard", `≤ ${GOALS.initialKb} KB gzip`),
  );
  rows.push(
    stage
      ? {
          what: "stage updates/s, PGlite, town",
          baseline:
            stage.healthRps !== undefined ? `GET /api/health ${stage.healthRps}/s, p99 ${stage.healthP99} ms` : "–",
          measured: `${stage.rps}/s, p99 ${stage.p99} ms`,
          goal: `≥ ${GOALS.stageRps}/s, p99 ≤ ${GOALS.stageP99} ms`,
          met: stage.rps >= GOALS.stageRps && stage.p99 <= GOALS.stageP99,
        }
      : notMeasured("stage updates/s, PGlite, town", `≥ ${GOALS.stageRps}/s, p99 ≤ ${GOALS.stageP99} ms`),
  );
  for (const engine of ["pglite", "postgresql"] as const) {
    const what = `mixed load (100 users, 80/20, 60 s), ${engine === "pglite" ? "PGlite" : "PostgreSQL"} p99`;
    const goal = `≤ ${GOALS.mixedP99[engine]} ms`;
    const figures = mixed?.[engine];
    rows.push(
      figures
        ? {
            what,
            baseline: health && engine === "pglite" ? `one request at a time: p99 ${health.idleP99} ms` : "–",
            measured: `${figures.p99} ms (${figures.rps} req/s)`,
            goal,
            met: figures.p99 <= GOALS.mixedP99[engine],
          }
        : notMeasured(what, goal),
    );
  }
  const healthGoal = `≤ ${GOALS.healthRatio} × idle p99`;
  rows.push(
    health
      ? {
          what: "GET /api/health p99 while PGlite writes at full speed",
          baseline: `idle p99 ${health.idleP99} ms`,
          measured: `${health.duringWritesP99} ms (${(health.duringWritesP99 / health.idleP99).toFixed(1)} ×)`,
          goal: healthGoal,
          met: health.duringWritesP99 <= GOALS.healthRatio * health.idleP99,
        }
      : notMeasured("GET /api/health p99 while PGlite writes at full speed", healthGoal),
  );
  return rows;
}

export function goalsTable(inputs: GoalInputs): string {
  const lines = [
    "\n### Goals\n",
    "| | no-load baseline | measured | goal | met |",
    "|---|---|---|---|---|",
    ...goalRows(inputs).map(
      (row) =>
        `| ${row.what} | ${row.baseline} | ${row.measured} | ${row.goal} | ${row.met === undefined ? "–" : row.met ? "yes" : "**no**"} |`,
    ),
  ];
  return lines.join("\n");
}
