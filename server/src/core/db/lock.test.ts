// The data folder's lock file (lock.ts): a lock left by a dead process is taken over without
// manual repair — also when its pid has since been given to another process, or to this very process (a
// container restarted after a crash often runs the server under the same pid) — and a live owner is refused.

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { acquireFolderLock, FolderLockedError } from "./lock";

function startTimeOf(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

describe("the data folder lock", () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const step of cleanup.splice(0)) step();
  });

  function folderWithLock(content?: string): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "jt-lock-"));
    cleanup.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    if (content !== undefined) fs.writeFileSync(path.join(folder, "server.lock"), content);
    return folder;
  }

  async function otherProcess(): Promise<number> {
    const child = spawn("sleep", ["30"], { stdio: "ignore" });
    cleanup.push(() => child.kill("SIGKILL"));
    await new Promise((resolve) => child.once("spawn", resolve));
    return child.pid as number;
  }

  it("writes this process's pid and start time, and removes the file on release", () => {
    const folder = folderWithLock();
    const lock = acquireFolderLock(folder);
    const [pid, started] = fs.readFileSync(path.join(folder, "server.lock"), "utf8").split("\n");
    expect(Number(pid)).toBe(process.pid);
    if (fs.existsSync("/proc/self/stat")) expect(started).toBe(startTimeOf(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(folder, "server.lock"))).toBe(false);
  });

  it("takes over the lock of a process that is gone", () => {
    const folder = folderWithLock("999999999\n");
    acquireFolderLock(folder).release();
  });

  it("takes over a lock naming this very process, left by an earlier run under the same pid", () => {
    const folder = folderWithLock(`${process.pid}\n1\n`);
    acquireFolderLock(folder).release();
  });

  if (fs.existsSync("/proc/self/stat"))
    it("takes over a lock whose pid now belongs to another process", async () => {
      const pid = await otherProcess();
      const folder = folderWithLock(`${pid}\n1\n`);
      acquireFolderLock(folder).release();
    });

  it("refuses while the owner runs, naming it", async () => {
    const pid = await otherProcess();
    const started = fs.existsSync(`/proc/${pid}/stat`) ? startTimeOf(pid) : "";
    for (const content of [`${pid}\n${started}\n`, String(pid)]) {
      const folder = folderWithLock(content);
      expect(() => acquireFolderLock(folder)).toThrow(FolderLockedError);
      expect(() => acquireFolderLock(folder)).toThrow(`in use by another process (pid ${pid})`);
      expect(fs.readFileSync(path.join(folder, "server.lock"), "utf8")).toBe(content);
    }
  });

  it("refuses a second open of the same folder in one process", () => {
    const folder = folderWithLock();
    const lock = acquireFolderLock(folder);
    expect(() => acquireFolderLock(folder)).toThrow("already open in this process");
    lock.release();
    acquireFolderLock(folder).release();
  });

  it("gives a stale lock to exactly one of several processes that start in the same instant", async () => {
    const lockModule = path.join(path.dirname(fileURLToPath(import.meta.url)), "lock.ts");
    // Each racer waits for the same moment, tries, and holds what it got until the test has counted.
    const racer = `
      const { acquireFolderLock } = await import(${JSON.stringify(lockModule)});
      const at = Number(process.argv[2]);
      while (Date.now() < at) {}
      // A pause between judging the lock stale and removing it: every racer judges before any removes.
      const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      try { acquireFolderLock(process.argv[1], pause); console.log("locked"); } catch (e) { console.log("refused"); }
      setTimeout(() => {}, 3000);`;
    for (let round = 0; round < 2; round++) {
      const folder = folderWithLock("999999999\n1\n");
      const at = Date.now() + 4000;
      const racers = Array.from({ length: 6 }, () => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", "--input-type=module", "-e", racer, folder, String(at)],
          {
            stdio: ["ignore", "pipe", "inherit"],
          },
        );
        cleanup.push(() => child.kill("SIGKILL"));
        return new Promise<string>((resolve) => {
          let said = "";
          child.stdout.on("data", (chunk) => {
            said += chunk;
            if (said.includes("\n")) resolve(said.trim());
          });
          child.once("exit", () => resolve(said.trim()));
        });
      });
      const answers = await Promise.all(racers);
      expect(
        answers.filter((answer) => answer === "locked"),
        `round ${round}: ${answers.join(", ")}`,
      ).toHaveLength(1);
      expect(answers.filter((answer) => answer === "refused")).toHaveLength(5);
    }
  });
});
