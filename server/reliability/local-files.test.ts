// Local files that hold every password hash stay the server user's own, even under a umask of 000; the
// backup command trusts no admin socket another user could have planted; passwords typed for the user
// commands are not echoed.

import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { adminSocketPath } from "../src/ops/admin-socket";
import { runCli } from "./support/cli";
import { cliBundle } from "./support/paths";
import { killAllServers, serverEnv, startServer } from "./support/server-process";

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const temporaryFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), "jt-files-"));

afterEach(() => killAllServers());

describe("local files", () => {
  it("creates the data folder 0700 and backups 0600 even when the umask would allow everyone", async () => {
    const root = temporaryFolder();
    const dataDir = path.join(root, "data");
    const previous = process.umask(0);
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({ DATA_DIR: dataDir, BACKUP_INTERVAL_HOURS: "24" });
    } finally {
      process.umask(previous);
    }
    const backups = path.join(dataDir, "backups");
    for (
      let i = 0;
      i < 100 && !(fs.existsSync(backups) && fs.readdirSync(backups).some((f) => f.endsWith(".tar.gz")));
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [automatic] = fs.readdirSync(backups).filter((name) => name.endsWith(".tar.gz"));
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(backups)).toBe(0o700);
    expect(mode(path.join(backups, automatic as string))).toBe(0o600);

    const manual = path.join(root, "elsewhere", "manual.tar.gz");
    const previousUmask = process.umask(0);
    const run = await runCli(["backup", manual], { DATA_DIR: dataDir }).finally(() => process.umask(previousUmask));
    expect(run.code, run.output).toBe(0);
    expect(mode(manual)).toBe(0o600);
    expect(mode(path.dirname(manual))).toBe(0o700);
    await server.stop();
  });

  it("refuses to ask an admin socket in a folder that other users can change", async () => {
    // A data folder path this long puts its socket in the temp folder (Unix socket paths are short).
    const dataDir = path.join(temporaryFolder(), "a-very-long-folder-name-".repeat(4), "data");
    fs.mkdirSync(dataDir, { recursive: true });
    const socketPath = adminSocketPath(dataDir);
    expect(socketPath.startsWith(dataDir)).toBe(false);
    const folder = path.dirname(socketPath);
    fs.mkdirSync(folder, { recursive: true });
    const previousMode = mode(folder);
    fs.chmodSync(folder, 0o777);
    fs.rmSync(socketPath, { force: true });
    // Another user's socket would answer with a "backup" of their choosing.
    const planted = net.createServer((socket) => socket.end(`${JSON.stringify({ ok: true, bytes: 4 })}\nEVIL`));
    await new Promise<void>((resolve) => planted.listen(socketPath, resolve));
    const target = path.join(temporaryFolder(), "backup.tar.gz");
    try {
      const run = await runCli(["backup", target], { DATA_DIR: dataDir });
      expect(run.code).not.toBe(0);
      expect(run.output).toContain("not trusting the admin socket");
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      await new Promise((resolve) => planted.close(resolve));
      fs.chmodSync(folder, previousMode === 0o777 ? 0o700 : previousMode);
    }
  });

  it("does not echo the password typed for user:add", async () => {
    const dataDir = path.join(temporaryFolder(), "data");
    const password = "typed-secret-123";
    const command = `${process.execPath} ${cliBundle()} user:add --username zhuanban --name 专班 --role taskforce`;
    // `script` gives the command a terminal, as a person at a keyboard has.
    const child = spawn("script", ["-q", "-c", command, "/dev/null"], { env: serverEnv({ DATA_DIR: dataDir }) });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    for (let i = 0; i < 200 && !output.includes("密码"); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(output).toContain("密码");
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.stdin.write(`${password}\n`);
    expect(await exited).toBe(0);
    expect(output).toContain("created taskforce account zhuanban");
    expect(output).not.toContain(password);
  });
});
