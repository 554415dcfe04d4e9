// What must hold for every building whatever happened to the server: its stage dates are the last stage
// events, its version counts its audit rows, and replaying the audit rows from its first state gives its
// current fields.

import { RECORDED_STAGES, STAGE_DATE_FIELD } from "@jiati/shared";

export interface BuildingDetail {
  building: Record<string, unknown> & { id: number; version: number };
  history: { action: string; after: unknown; requestId: string | null }[];
  stageEvents: { stage: string; toDate: string | null; requestId: string | null }[];
}

const STAGE_ACTIONS = new Set(["building.stage", "building.stage.clear"]);
/** Kept by the server, not recorded in the audit log. */
const BOOKKEEPING = new Set(["id", "version", "createdAt", "updatedAt", "isDemo"]);

/** The rules broken by `detail` (GET /api/buildings/:id), given the building's fields when it was seeded. */
export function historyProblems(detail: BuildingDetail, initial: Record<string, unknown>): string[] {
  const { building, history, stageEvents } = detail;
  const problems: string[] = [];
  const say = (message: string) => problems.push(`building ${building.id}: ${message}`);

  for (const stage of RECORDED_STAGES) {
    const field = STAGE_DATE_FIELD[stage];
    const last = stageEvents.filter((event) => event.stage === stage).at(-1);
    const expected = last ? last.toDate : (initial[field] ?? null);
    if (building[field] !== expected) say(`${field} is ${building[field]} but its last stage event says ${expected}`);
  }

  const changes = history.filter((row) => row.action !== "building.create");
  if (building.version - 1 !== changes.length) {
    say(`version ${building.version} but ${changes.length} audit rows of changes`);
  }

  const stageAudits = changes.filter((row) => STAGE_ACTIONS.has(row.action)).map((row) => row.requestId);
  const eventRequests = stageEvents.map((event) => event.requestId).filter((id) => id !== null);
  if (JSON.stringify(stageAudits) !== JSON.stringify(eventRequests)) {
    say(`stage audit rows ${stageAudits.length} and stage events ${eventRequests.length} do not pair up`);
  }

  const replayed = Object.fromEntries(Object.entries(initial).filter(([key]) => !BOOKKEEPING.has(key)));
  for (const row of changes) {
    if (row.after && typeof row.after === "object") Object.assign(replayed, row.after);
  }
  for (const [key, value] of Object.entries(replayed)) {
    if (JSON.stringify(building[key]) !== JSON.stringify(value)) {
      say(`${key} is ${JSON.stringify(building[key])} but the audit log replays to ${JSON.stringify(value)}`);
    }
  }
  return problems;
}
