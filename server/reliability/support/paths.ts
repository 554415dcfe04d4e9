import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const SERVER_BUNDLE = path.join(REPO_ROOT, "server/dist/index.js");
export const CLI_BUNDLE = path.join(REPO_ROOT, "server/dist/cli.js");
/** The date the servers under test take as today (FAKE_TODAY), so stage dates do not depend on the clock. */
export const TODAY = "2022-06-15";
