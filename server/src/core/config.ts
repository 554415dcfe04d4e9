// The server's configuration: environment variables parsed once with zod, failing at start-up with a
// message that names the variable.

import path from "node:path";
import { z } from "zod";

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DEMO_PASSWORD: z.string().min(8, { error: "must be at least 8 characters" }).default("xinjing-demo"),
  SEED: z.enum(["demo", "none"]).default("demo"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Hours between automatic backups of the embedded database; 0 turns them off. */
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .default(24),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  /** How long start-up waits for an unreachable database server before giving up. */
  DATABASE_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  /** The embedded database's disk: under this much free space the server warns and skips automatic backups. */
  DISK_MIN_FREE_MB: z.coerce.number().min(0).max(1_000_000).default(500),
  /**
   * Which reverse proxies to believe about the client's address and HTTPS (X-Forwarded-*): "false" none;
   * "true" or a number, that many proxies in front (the address the nearest one appended is the client's —
   * never a left-most X-Forwarded-For entry, which the client writes); or their addresses/subnets, comma-separated.
   */
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value, ctx): TrustProxy => {
      const text = value.trim();
      if (text === "false" || text === "0") return false;
      if (text === "true") return 1;
      if (/^\d{1,2}$/.test(text)) return Number(text);
      const list = text.split(",").map((part) => part.trim());
      if (list.every((part) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(part))) return list;
      ctx.addIssue({ code: "custom", message: "must be false, true, a number of proxies, or their addresses" });
      return z.NEVER;
    }),
  /** Pretend today is this date (tests and demos only). */
  FAKE_TODAY: z.iso.date().optional(),
});

/** Express's `trust proxy`: no proxy, a number of hops, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
