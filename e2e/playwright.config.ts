// The browser tests drive the real, built app in Chromium. One server is started on a fresh PGlite data
// folder with the demo programme; specs that need their own server start one with startServer().
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS } from "./support/chromium";

const port = Number(process.env.E2E_PORT ?? 3917);
const dataDir = path.join(os.tmpdir(), `jiati-e2e-${process.pid}`);

export default defineConfig({
  testDir: "./specs",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The HTML report (e2e/playwright-report) keeps the screenshots specs attach, e.g. every role's first screen.
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: path.join(os.tmpdir(), "jiati-e2e-results"),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: CHROMIUM_ARGS,
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: `rm -rf ${dataDir} && node ../server/dist/index.js`,
    cwd: path.dirname(new URL(import.meta.url).pathname),
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn", BACKUP_INTERVAL_HOURS: "0" },
    stdout: "pipe",
    stderr: "pipe",
  },
});
