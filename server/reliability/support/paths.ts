import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** Where the global setup copies the built server for a run, safe from rebuilds of server/dist meanwhile. */
export const BUNDLES = path.join(REPO_ROOT, "node_modules/.cache/jiati-reliability");
export const serverBundle = () => path.join(inject("bundleDir"), "index.js");
export const cliBundle = () => path.join(inject("bundleDir"), "cli.js");
/** The bundle copy cannot find the migrations beside itself. */
export const MIGRATIONS = path.join(REPO_ROOT, "server/drizzle");
/** The date the servers under test take as today (FAKE_TODAY), so stage dates do not depend on the clock. */
export const TODAY = "2022-06-15";
