// npm test: every test. Unit tests of shared/ and of the client's logic, the API suite on PGlite and — when TEST_DATABASE_URL (or
// DATABASE_URL) points at a PostgreSQL server — on PostgreSQL too, the reliability tests of the built server,
// then the Playwright specs in Chromium against the built app.
import { spawnSync } from "node:child_process";
import { findChromium } from "./chromium.mjs";

function run(command, args, env = {}) {
  console.log(`\n▶ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✗ ${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "";
run("npx", ["vitest", "run", "--project", "shared", "--project", "client"]);
if (!postgresUrl) console.log("\n(no TEST_DATABASE_URL: the API suite runs on PGlite only)");
run("npx", ["vitest", "run", "--project", "server"], { TEST_DATABASE_URL: postgresUrl, DATABASE_URL: "" });
run("npm", ["run", "build"]);
// Crash, shutdown, backup, upgrade and fuzz tests: they start the server just built (SKIP_BUILD: no rebuild).
run("npx", ["vitest", "run", "--project", "reliability"], {
  TEST_DATABASE_URL: postgresUrl,
  DATABASE_URL: "",
  SKIP_BUILD: "1",
});
const chromium = findChromium();
run("npx", ["playwright", "test", "--config", "e2e/playwright.config.ts"], {
  CHROMIUM_PATH: chromium,
  DATABASE_URL: "",
});
console.log("\n✓ all tests passed");
