// Fifty clients change the same building at the same version at once. Exactly one wins;
// the others get 409 with the current record; the history gains exactly one entry. PGlite serialises
// transactions; PostgreSQL relies on the row lock taken before the version check — on PostgreSQL the test
// also holds that row lock itself until all fifty requests wait on it, so they truly race.

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ENGINES,
  newTarget,
  PASSWORD,
  type Programme,
  seedProgramme,
  type Target,
  withDatabase,
} from "./support/databases";
import { Api, type Reply } from "./support/http";
import { type BuildingDetail, historyProblems } from "./support/invariants";
import { type ServerProcess, startServer } from "./support/server-process";

const CLIENTS = 50;

describe.each(ENGINES)("fifty simultaneous edits of one building on %s", (engine) => {
  let target: Target;
  let programme: Programme;
  let server: ServerProcess;
  let clients: Api[];
  let next = 0;

  beforeAll(async () => {
    target = await newTarget(engine);
    programme = await withDatabase(target, (database) => seedProgramme(database.db, 8));
    server = await startServer(target.env);
    const first = new Api(server.url, { connections: 1 });
    await first.login(programme.username, PASSWORD);
    clients = Array.from({ length: CLIENTS }, () => first.sibling({ connections: 1 }));
    first.close();
    // Open every client's connection first, so the edits leave together.
    await Promise.all(clients.map((client) => client.get("/api/health")));
  });
  afterAll(async () => {
    for (const client of clients ?? []) client.close();
    await server?.stop();
    await target?.dispose();
  });

  /** Half the clients edit a field, half record a stage; all send version 1. */
  function editAll(buildingId: number): Promise<Reply[]> {
    return Promise.all(
      clients.map((client, i) =>
        i % 2 === 0
          ? client.patch(`/api/buildings/${buildingId}`, { notes: `client ${i}` }, { headers: { "If-Match": '"1"' } })
          : client.post(
              `/api/buildings/${buildingId}/stage`,
              { stage: "signed", date: `2022-01-${String(1 + (i % 28)).padStart(2, "0")}` },
              { headers: { "If-Match": '"1"' } },
            ),
      ),
    );
  }

  async function expectOneWinner(buildingId: number, replies: Reply[]) {
    const winners = replies.filter((reply) => reply.status >= 200 && reply.status < 300);
    const losers = replies.filter((reply) => reply.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(CLIENTS - 1);
    for (const loser of losers) {
      expect(loser.body.error.code).toBe("stale_version");
      expect(loser.body.error.current.version).toBe(2);
    }
    const { body } = await clients[0].get(`/api/buildings/${buildingId}`);
    const detail = body as BuildingDetail;
    expect(detail.building.version).toBe(2);
    expect(detail.history, "exactly one new history entry").toHaveLength(1);
    const winnerRecordedStage = winners[0].body.signedOn !== null;
    expect(detail.stageEvents).toHaveLength(winnerRecordedStage ? 1 : 0);
    expect(detail.building).toEqual(winners[0].body);
    expect(historyProblems(detail, { ...detail.building, notes: "", signedOn: null })).toEqual([]);
  }

  it("lets exactly one of fifty racing edits through, three times over", async () => {
    for (let round = 0; round < 3; round++) {
      const buildingId = programme.buildingIds[next++];
      await expectOneWinner(buildingId, await editAll(buildingId));
    }
  });

  if (engine === "postgresql")
    it("lets exactly one through when all fifty wait on the row lock and are released together", async () => {
      const buildingId = programme.buildingIds[next++];
      const blocker = new pg.Client({ connectionString: target.url });
      await blocker.connect();
      try {
        await blocker.query("begin");
        await blocker.query("select id from buildings where id = $1 for update", [buildingId]);
        const pending = editAll(buildingId);
        // The server's pool has 20 connections: wait until they all queue on the lock we hold.
        let waiting = 0;
        for (let attempt = 0; attempt < 200 && waiting < 20; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const { rows } = await blocker.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
          );
          waiting = rows[0].n;
        }
        expect(waiting, "server connections waiting on the row lock").toBe(20);
        await blocker.query("commit");
        await expectOneWinner(buildingId, await pending);
      } finally {
        await blocker.end();
      }
    });
});
