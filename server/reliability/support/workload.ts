// A write workload like the secretaries' on site: each client owns a few buildings and moves them through
// their stages (and back, with a reason) while editing their fields, each write sent with the version it
// read (If-Match). Every acknowledged write is remembered with its request id, to look for it afterwards.

import { addDays, BLOCKER_CATEGORIES } from "@jiati/shared";
import type { Api, Reply } from "./http";
import { TODAY } from "./paths";

export type BuildingState = Record<string, unknown> & {
  id: number;
  version: number;
  signedOn: string | null;
  startedOn: string | null;
  completedOn: string | null;
  blockerCategory: string | null;
};

export interface Ack {
  requestId: string;
  version: number;
  kind: "stage" | "fields";
}

export interface OwnedBuilding {
  id: number;
  state: BuildingState;
  acks: Ack[];
  /** A write was in flight when the server went away: it may or may not have been committed. */
  unanswered: boolean;
}

export interface WorkloadResult {
  acknowledged: number;
  /** Writes whose connection broke before an answer (server killed). */
  unanswered: number;
  /** Answers that were neither 2xx nor a broken connection, with what the server said. */
  refused: { status: number; text: string }[];
}

/** A small deterministic PRNG (mulberry32), so a round sends the same writes every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const NOTES = [
  "加装电梯进展顺利",
  "<b>居民</b>意见已收集",
  "'; select 1; --",
  "שלום 🛗 مرحبا",
  "管线迁移 \u202e已完成",
];

function minDate(a: string, b: string) {
  return a < b ? a : b;
}

/** The next write for `building`: a stage date (or its correction) on even steps, field edits on odd ones. */
export function nextWrite(
  building: BuildingState,
  step: number,
  random: () => number,
  tag: string,
): { method: string; path: string; body: unknown; kind: Ack["kind"] } {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  if (step % 2 === 0) {
    const path = `/api/buildings/${building.id}/stage`;
    let body: unknown;
    if (!building.signedOn) body = { stage: "signed", date: addDays("2021-01-01", Math.floor(random() * 180)) };
    else if (!building.startedOn) {
      body = { stage: "started", date: minDate(TODAY, addDays(building.signedOn, 1 + Math.floor(random() * 60))) };
    } else if (!building.completedOn) {
      body = { stage: "completed", date: minDate(TODAY, addDays(building.startedOn, 1 + Math.floor(random() * 90))) };
    } else if (random() < 0.5) {
      body = { stage: "completed", date: null, reason: "竣工验收未通过，撤回完工日期" };
    } else {
      const earlier = addDays(building.completedOn, -1);
      body =
        earlier > building.startedOn
          ? { stage: "completed", date: earlier, reason: "按竣工报告更正" }
          : { stage: "completed", date: null, reason: "撤回" };
    }
    return { method: "POST", path, body, kind: "stage" };
  }
  const households = 12 + Math.floor(random() * 48);
  const fields: Record<string, unknown> = { notes: `${pick(NOTES)} ${tag}` };
  switch (step % 8) {
    case 1:
      Object.assign(fields, { households, elderlyHouseholds: Math.floor(random() * households) });
      break;
    case 3:
      fields.consentRate = Math.round((75 + random() * 25) * 10) / 10;
      break;
    case 5:
      fields.blocker = building.blockerCategory ? null : { category: pick(BLOCKER_CATEGORIES), note: "待协调" };
      break;
    default:
      fields.elevatorCompany = pick(["上海三菱", "日立电梯", "奥的斯", "通力"]);
  }
  return { method: "PATCH", path: `/api/buildings/${building.id}`, body: fields, kind: "fields" };
}

/**
 * Runs `clients` concurrent clients, client i owning owned[i]; each sends up to `writesPerClient` writes,
 * one at a time. `onAck` sees the running count of acknowledged writes (to kill the server midway).
 * A broken connection ends that client: the server is gone.
 */
export async function runWorkload(options: {
  apis: Api[];
  owned: OwnedBuilding[][];
  writesPerClient: number;
  seed: number;
  onAck?: (acknowledged: number) => void;
  /** Ends the clients early (each after its current write). */
  stop?: () => boolean;
}): Promise<WorkloadResult> {
  const result: WorkloadResult = { acknowledged: 0, unanswered: 0, refused: [] };
  await Promise.all(
    options.owned.map(async (buildings, client) => {
      const api = options.apis[client % options.apis.length];
      const random = prng(options.seed * 1000 + client);
      for (let step = 0; step < options.writesPerClient && !options.stop?.(); step++) {
        const building = buildings[step % buildings.length];
        const write = nextWrite(
          building.state,
          Math.floor(step / buildings.length),
          random,
          `s${options.seed}c${client}w${step}`,
        );
        let reply: Reply;
        try {
          reply = await api.send(write.method, write.path, {
            body: write.body,
            headers: { "If-Match": `"${building.state.version}"` },
          });
        } catch {
          building.unanswered = true;
          result.unanswered++;
          return;
        }
        if (reply.status < 200 || reply.status > 299) {
          result.refused.push({ status: reply.status, text: `${write.method} ${write.path} ${reply.text}` });
          continue;
        }
        building.state = reply.body;
        building.acks.push({
          requestId: String(reply.headers["x-request-id"]),
          version: reply.body.version,
          kind: write.kind,
        });
        result.acknowledged++;
        options.onAck?.(result.acknowledged);
      }
    }),
  );
  return result;
}
