// SIGTERM stops accepting, answers every request already received, closes the database and
// exits 0; a second process on the same PGlite data folder is refused with a clear message and the first
// one keeps serving its intact data.

import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { ENGINES, newTarget, PASSWORD, seedProgramme, type Target, withDatabase } from "./support/databases";
import { Api, type Reply } from "./support/http";
import { cliBundle } from "./support/paths";
import { runUntilExit, type ServerProcess, startServer } from "./support/server-process";
import { checkAllBuildingsInSql } from "./support/sql-checks";

const IN_FLIGHT = 80;

function connects(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)("shutdown and start on %s", (engine) => {
  let target: Target | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop("SIGKILL");
    await target?.dispose();
    server = undefined;
    target = undefined;
  });

  it("answers every request in flight at SIGTERM, refuses new connections, closes the database and exits 0", async () => {
    target = await newTarget(engine);
    const programme = await withDatabase(target as Target, (database) => seedProgramme(database.db, IN_FLIGHT));
    server = await startServer(target.env);
    const login = new Api(server.url);
    await login.login(programme.username, PASSWORD);
    // One connection per request, some of them keep-alive: those must not hold the exit open.
    const separate = login.sibling({ connections: IN_FLIGHT, keepAlive: false });
    const keepAlive = login.sibling({ connections: IN_FLIGHT / 10, keepAlive: true });
    await keepAlive.get("/api/health");

    // On PostgreSQL, hold the rows' locks so that the writes are certainly still running at SIGTERM.
    const blocker = target.url ? new pg.Client({ connectionString: target.url }) : undefined;
    if (blocker) {
      await blocker.connect();
      await blocker.query("begin");
      await blocker.query("select id from buildings for update");
    }
    const writes = programme.buildingIds.map((id, i) =>
      (i % 10 === 0 ? keepAlive : separate).patch(
        `/api/buildings/${id}`,
        { notes: `in flight ${i}` },
        { headers: { "If-Match": '"1"' } },
      ),
    );
    let answered = 0;
    for (const write of writes) {
      write.then(
        () => answered++,
        () => {},
      );
    }
    await sleep(engine === "pglite" ? 300 : 1000);

    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    let refused = false;
    // Probe now and then only: the server takes in connections until a moment passes without one.
    for (let attempt = 0; attempt < 60 && !refused; attempt++) {
      await sleep(250);
      refused = !(await connects(server.url));
    }
    const answeredAtRefusal = answered;
    const stillRunning = answered < writes.length;
    expect(refused, "new connections are refused after SIGTERM").toBe(true);
    if (blocker) {
      expect(stillRunning).toBe(true);
      await blocker.query("commit");
      await blocker.end();
    }
    const settled = await Promise.allSettled(writes);
    const exit = await server.exited;
    const failed = settled.filter((result) => result.status === "rejected");
    expect(
      failed.map((result) => String(result.reason)),
      server.output(),
    ).toEqual([]);
    const replies = settled.map((result) => (result as PromiseFulfilledResult<Reply>).value);
    const stoppedIn = Date.now() - signalledAt;
    console.log(
      `SIGTERM on ${engine}: ${replies.length} writes in flight, ${answeredAtRefusal} answered when new connections ` +
        `were first refused; all answered; exit ${exit.code} after ${stoppedIn} ms`,
    );
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    expect(exit.code).toBe(0);
    expect(stoppedIn, "keep-alive connections do not hold the shutdown open").toBeLessThan(20_000);
    if (target.dataDir) expect(fs.existsSync(path.join(target.dataDir, "server.lock"))).toBe(false);
    separate.close();
    keepAlive.close();

    server = await startServer(target.env);
    const check = new Api(server.url);
    check.cookie = login.cookie;
    for (const [i, id] of programme.buildingIds.entries()) {
      const { body } = await check.get(`/api/buildings/${id}`);
      expect(body.building).toMatchObject({ version: 2, notes: `in flight ${i}` });
    }
    check.close();
    login.close();
  });

  if (engine === "pglite")
    it("refuses a second process on the same data folder with a clear message, and the first keeps working", async () => {
      target = await newTarget(engine);
      const programme = await withDatabase(target as Target, (database) => seedProgramme(database.db, 2));
      server = await startServer(target.env);
      const api = new Api(server.url);
      await api.login(programme.username, PASSWORD);
      const id = programme.buildingIds[0];
      const edit = await api.patch(`/api/buildings/${id}`, { notes: "before" }, { headers: { "If-Match": '"1"' } });
      expect(edit.status).toBe(200);
      const before = (await api.get(`/api/buildings/${id}`)).body;

      const second = await runUntilExit(target.env);
      expect(second.code).not.toBe(0);
      expect(second.readyPrinted).toBe(false);
      expect(second.output).toContain(`is in use by another process (pid ${server.pid})`);
      expect(second.output).toContain("PGlite allows one process per data folder");

      const cli = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [cliBundle(), "user:add", "--username", "intruder"], {
          env: { ...process.env, ...target?.env, PASSWORD: "long-enough-password", DATABASE_URL: "" },
        });
        let output = "";
        child.stderr.on("data", (chunk) => {
          output += chunk;
        });
        child.on("exit", (code) => resolve({ code, output }));
      });
      expect(cli.code).not.toBe(0);
      expect(cli.output).toContain("is in use by another process");

      expect((await api.get(`/api/buildings/${id}`)).body).toEqual(before);
      const next = await api.patch(`/api/buildings/${id}`, { notes: "after" }, { headers: { "If-Match": '"2"' } });
      expect(next.status).toBe(200);
      expect(fs.readFileSync(path.join(target.dataDir as string, "server.lock"), "utf8").split("\n")[0]).toBe(
        String(server.pid),
      );
      api.close();
      expect((await server.stop()).code).toBe(0);
      expect(await withDatabase(target as Target, checkAllBuildingsInSql)).toEqual([]);
    });
});
