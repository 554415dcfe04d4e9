// The server is killed (SIGKILL) in the middle of concurrent writes and started again on the
// same data, three times. Every acknowledged write must be there; every building must agree with its stage
// events and its audit log; the restart must need no manual repair (the dead process's lock is taken over).

import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ENGINES, newTarget, PASSWORD, seedProgramme, type Target, withDatabase } from "./support/databases";
import { Api } from "./support/http";
import { type BuildingDetail, historyProblems } from "./support/invariants";
import { killAllServers, type ServerProcess, startServer } from "./support/server-process";
import { checkAllBuildingsInSql } from "./support/sql-checks";
import { type OwnedBuilding, runWorkload } from "./support/workload";

const CLIENTS = 20;
const BUILDINGS_PER_CLIENT = 2;
const WRITES_PER_ROUND = 1000;
const ROUNDS = 3;

interface RoundFigures {
  round: number;
  acknowledged: number;
  found: number;
  unanswered: number;
  unansweredCommitted: number;
}

describe.each(ENGINES)("a server killed mid-write on %s", (engine) => {
  const figures: RoundFigures[] = [];
  let target: Target;
  afterAll(async () => {
    console.log(
      `crash rounds on ${engine}:\n${figures
        .map(
          (f) =>
            `  round ${f.round}: ${f.acknowledged} writes acknowledged, ${f.found} found after restart; ` +
            `${f.unanswered} cut off in flight, of which ${f.unansweredCommitted} committed`,
        )
        .join("\n")}`,
    );
    await killAllServers();
    await target?.dispose();
  });

  it("keeps every acknowledged write and a consistent history through three SIGKILLs", async () => {
    target = await newTarget(engine);
    const programme = await withDatabase(target, (database) =>
      seedProgramme(database.db, CLIENTS * BUILDINGS_PER_CLIENT),
    );
    let server = await startServer(target.env);
    let api = new Api(server.url, { connections: CLIENTS });
    await api.login(programme.username, PASSWORD);

    const initial = new Map<number, Record<string, unknown>>();
    const owned: OwnedBuilding[][] = [];
    for (let client = 0; client < CLIENTS; client++) {
      const buildings: OwnedBuilding[] = [];
      for (let k = 0; k < BUILDINGS_PER_CLIENT; k++) {
        const id = programme.buildingIds[client * BUILDINGS_PER_CLIENT + k];
        const { body } = await api.get(`/api/buildings/${id}`);
        initial.set(id, body.building);
        buildings.push({ id, state: body.building, acks: [], unanswered: false });
      }
      owned.push(buildings);
    }

    for (let round = 1; round <= ROUNDS; round++) {
      const startVersions = new Map(owned.flat().map((b) => [b.id, b.state.version]));
      for (const building of owned.flat()) {
        building.acks = [];
        building.unanswered = false;
      }
      const killAt = 300 + 100 * round; // midway through the round's 1,000 writes, at a different point each time
      const killed = server;
      const workload = await runWorkload({
        apis: [api],
        owned,
        writesPerClient: WRITES_PER_ROUND / CLIENTS,
        seed: round,
        onAck: (acknowledged) => {
          if (acknowledged === killAt) killed.child.kill("SIGKILL");
        },
      });
      const exit = await killed.exited;
      expect(exit.signal, "the server was killed, not stopped").toBe("SIGKILL");
      expect(workload.refused, "no write was refused").toEqual([]);
      expect(workload.acknowledged).toBeGreaterThanOrEqual(killAt);
      expect(workload.acknowledged).toBeLessThan(WRITES_PER_ROUND);

      if (target.dataDir) {
        const lock = fs.readFileSync(path.join(target.dataDir, "server.lock"), "utf8");
        expect(lock.split("\n")[0], "the dead server's lock is still there").toBe(String(killed.pid));
      }
      server = await startServer(target.env);
      api = rebase(api, server);
      const session = await api.get("/api/session");
      expect(session.status, "the session written before the crash survives it").toBe(200);

      let found = 0;
      let unansweredCommitted = 0;
      const problems: string[] = [];
      for (const building of owned.flat()) {
        const reply = await api.get(`/api/buildings/${building.id}`);
        expect(reply.status).toBe(200);
        const detail = reply.body as BuildingDetail;
        const auditRequests = new Set(detail.history.map((row) => row.requestId));
        const eventRequests = new Set(detail.stageEvents.map((event) => event.requestId));
        for (const ack of building.acks) {
          const present =
            auditRequests.has(ack.requestId) && (ack.kind !== "stage" || eventRequests.has(ack.requestId));
          if (present) found++;
          else problems.push(`building ${building.id}: acknowledged write ${ack.requestId} is missing`);
        }
        const lastVersion = building.acks.at(-1)?.version ?? (startVersions.get(building.id) as number);
        const version = detail.building.version;
        if (version === lastVersion + 1 && building.unanswered) unansweredCommitted++;
        else if (version !== lastVersion) {
          problems.push(`building ${building.id}: version ${version}, last acknowledged ${lastVersion}`);
        }
        if (version === lastVersion && building.acks.length > 0) {
          expect(detail.building, "the building is as the last acknowledged write left it").toEqual(building.state);
        }
        problems.push(...historyProblems(detail, initial.get(building.id) as Record<string, unknown>));
        building.state = detail.building as OwnedBuilding["state"];
      }
      figures.push({
        round,
        acknowledged: workload.acknowledged,
        found,
        unanswered: workload.unanswered,
        unansweredCommitted,
      });
      expect(problems).toEqual([]);
      expect(found).toBe(workload.acknowledged);
    }

    api.close();
    const exit = await server.stop("SIGTERM");
    expect(exit.code).toBe(0);
    const inconsistent = await withDatabase(target, (database) => checkAllBuildingsInSql(database));
    expect(inconsistent).toEqual([]);
  });
});

/** The same session, pointed at the restarted server. */
function rebase(api: Api, server: ServerProcess): Api {
  const next = new Api(server.url, { connections: CLIENTS });
  next.cookie = api.cookie;
  api.close();
  return next;
}
