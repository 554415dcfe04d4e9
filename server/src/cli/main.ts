// Command-line operations on the configured database (DATABASE_URL, else PGlite in DATA_DIR):
//   user:add --username U --name "显示名" --role taskforce|secretary|leader [--area 平塘] [--zone 第一片区]
//   user:reset --username U
//   backup [file]      restore <file>
// Passwords are read from the PASSWORD environment variable, or asked for on the terminal.

import { parseArgs } from "node:util";
import { createUserSchema, passwordSchema } from "@jiati/shared";
import { eq, sql } from "drizzle-orm";
import { hashPassword } from "../auth/passwords";
import { endUserSessions } from "../auth/sessions";
import { CHANGE_CHANNEL } from "../core/changes";
import { loadConfig } from "../core/config";
import { type Database, type Db, openDatabase } from "../core/db";
import { areas, auditLog, users, zones } from "../core/db/schema";
import { backupCommand, restoreCommand } from "./backup";
import { askHidden } from "./prompt";

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PASSWORD;
  const password = fromEnv ?? (await askHidden("密码 (至少8位，输入时不显示): "));
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new Error(`password: ${parsed.error.issues[0]?.message ?? "无效"}`);
  return parsed.data;
}

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The area and zone a command names, by name; an unknown name is an error naming the option. */
async function scopeNamed(db: Db, area: string | undefined, zone: string | undefined) {
  const areaId = area ? (await db.select().from(areas).where(eq(areas.name, area)))[0]?.id : null;
  const zoneId = zone ? (await db.select().from(zones).where(eq(zones.name, zone)))[0]?.id : null;
  if (area && !areaId) throw new Error(`area: no residential area named ${area}`);
  if (zone && !zoneId) throw new Error(`zone: no zone named ${zone}`);
  return { areaId: areaId ?? null, zoneId: zoneId ?? null };
}

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const [issue] = error.issues;
  return `${issue?.path.join(".") || "input"}: ${issue?.message ?? "无效"}`;
}

async function addUser(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: "string" },
      name: { type: "string" },
      role: { type: "string", default: "taskforce" },
      area: { type: "string" },
      zone: { type: "string" },
    },
  });
  const password = await readPassword();
  await withDatabase(async ({ db }) => {
    const scope = await scopeNamed(db, values.area, values.zone);
    const parsed = createUserSchema.safeParse({
      username: values.username,
      displayName: values.name ?? values.username,
      role: values.role,
      ...scope,
      password,
    });
    if (!parsed.success) throw new Error(firstIssue(parsed.error));
    const { password: _, ...fields } = parsed.data;
    const [row] = await db
      .insert(users)
      .values({ ...fields, passwordHash: await hashPassword(password) })
      .returning();
    if (!row) throw new Error("the account was not created");
    await db.insert(auditLog).values({
      action: "user.create",
      entity: "user",
      entityId: String(row.id),
      username: "(cli)",
      after: { username: row.username, role: row.role },
    });
    console.log(`created ${row.role} account ${row.username} (id ${row.id})`);
  });
}

async function resetPassword(args: string[]) {
  const { values } = parseArgs({ args, options: { username: { type: "string" } } });
  if (!values.username) throw new Error("--username is required");
  const password = await readPassword();
  await withDatabase(async ({ db }) => {
    const [row] = await db
      .update(users)
      .set({ passwordHash: await hashPassword(password), disabled: false, updatedAt: new Date() })
      .where(sql`lower(${users.username}) = lower(${values.username})`)
      .returning();
    if (!row) throw new Error(`username: no account named ${values.username}`);
    await endUserSessions(db, row.id);
    // A running server (PostgreSQL) drops the user's cached sessions when it hears this.
    await db.execute(
      sql`select pg_notify(${CHANGE_CHANNEL}, ${JSON.stringify({ origin: "cli", kind: "users", id: row.id })})`,
    );
    await db.insert(auditLog).values({
      action: "user.password_reset",
      entity: "user",
      entityId: String(row.id),
      username: "(cli)",
    });
    console.log(`password reset for ${row.username}; their sessions were ended`);
  });
}

// `npm run <command>` at the root runs this in server/: paths (DATA_DIR, backup files) are meant from
// where the command was typed, which npm passes as INIT_CWD.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = {
  "user:add": addUser,
  "user:reset": resetPassword,
  backup: backupCommand,
  restore: restoreCommand,
};

const run = commands[command ?? ""];
if (!run) {
  console.error(`usage: ${Object.keys(commands).join(" | ")} [options]`);
  process.exit(2);
}
run(rest).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
