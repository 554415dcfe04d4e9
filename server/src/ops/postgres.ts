// Backup and restore of a PostgreSQL database (DATABASE_URL) with the server's own tools: pg_dump writes a
// consistent custom-format archive from one snapshot while the app serves; pg_restore loads it into an
// empty database in one transaction.

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** The server's major version (pg_dump refuses servers newer than itself). */
export async function serverMajorVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("show server_version_num");
    return Math.floor(Number(rows[0]?.v) / 10_000);
  } finally {
    await client.end();
  }
}

/** Where the Debian (/usr/lib/postgresql/16/bin) and RHEL (/usr/pgsql-16/bin) packages put each major's tools. */
function installedTools(tool: string): { major: number; file: string }[] {
  const found: { major: number; file: string }[] = [];
  const layouts = [
    { root: "/usr/lib/postgresql", prefix: "", bin: (name: string) => `/usr/lib/postgresql/${name}/bin` },
    { root: "/usr", prefix: "pgsql-", bin: (name: string) => `/usr/${name}/bin` },
  ];
  for (const layout of layouts) {
    if (!fs.existsSync(layout.root)) continue;
    for (const name of fs.readdirSync(layout.root)) {
      const major = Number(name.slice(layout.prefix.length));
      const file = path.join(layout.bin(name), tool);
      if (name.startsWith(layout.prefix) && Number.isInteger(major) && major > 0 && fs.existsSync(file)) {
        found.push({ major, file });
      }
    }
  }
  return found;
}

/**
 * The path of a PostgreSQL client tool (pg_dump, pg_restore, psql) able to talk to a server of `major`:
 * the same major if installed, else the lowest newer one, else the one on PATH (which then says itself if
 * its version does not fit).
 */
export function findPgTool(tool: string, major: number): string {
  const fitting = installedTools(tool)
    .filter((candidate) => candidate.major >= major)
    .sort((a, b) => a.major - b.major);
  return fitting[0]?.file ?? tool;
}

/** The URL without its password, and the environment that carries the password instead (not in `ps`). */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env = { ...process.env };
  if (parsed.password) {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = "";
  }
  return { url: parsed.toString(), env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new Error(
              `${command} not found: install the PostgreSQL client tools (e.g. apt-get install postgresql-client)`,
            )
          : error,
      ),
    );
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} failed (${code ?? signal}): ${stderr.trim()}`));
    });
  });
}

/** Dumps the database at `url` into `file` (pg_dump custom format), written atomically. */
export async function dumpPostgres(url: string, file: string): Promise<void> {
  const tool = findPgTool("pg_dump", await serverMajorVersion(url));
  const target = connection(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.partial`;
  try {
    await run(tool, ["--format=custom", `--file=${temporary}`, `--dbname=${target.url}`], target.env);
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** How many tables, sequences and views the database holds outside PostgreSQL's own schemas. */
export async function userRelationCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p', 'S', 'v', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
         and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'`,
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** Whether `bytes` start like a pg_dump custom-format archive. */
export function isPgDumpArchive(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "PGDMP";
}

/**
 * Restores `file` (a pg_dump custom archive, or plain SQL) into the database at `url` in one transaction:
 * it all loads, or nothing does. The database must be empty unless `replace` is set, which drops the
 * archive's objects first.
 */
export async function restorePostgres(url: string, file: string, options: { replace?: boolean } = {}): Promise<void> {
  const existing = await userRelationCount(url);
  if (existing > 0 && !options.replace) {
    throw new Error(
      `restore needs an empty database, and this one holds ${existing} tables or sequences. ` +
        "Create a new database and point DATABASE_URL at it, or pass --force to replace what the backup holds.",
    );
  }
  const major = await serverMajorVersion(url);
  const target = connection(url);
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, "r");
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  if (isPgDumpArchive(head)) {
    const args = ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", `--dbname=${target.url}`];
    if (options.replace) args.push("--clean", "--if-exists");
    await run(findPgTool("pg_restore", major), [...args, file], target.env);
    return;
  }
  await run(
    findPgTool("psql", major),
    ["--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "--single-transaction", `--file=${file}`, target.url],
    target.env,
  );
}
