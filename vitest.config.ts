import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "shared",
          include: ["shared/src/**/*.test.ts"],
          env: { TZ: "America/Los_Angeles" },
        },
      },
      {
        // The client's logic (cache invalidation, conflict merge, grouping, formatting, list requests) in a
        // simulated DOM; the shapes it reads come from shared/, the API is stubbed per test.
        test: {
          name: "client",
          include: ["client/src/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          env: { TZ: "America/Los_Angeles" },
        },
      },
      {
        test: {
          name: "server",
          include: ["server/src/**/*.test.ts"],
          env: { TZ: "America/Los_Angeles" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        // Process-level tests of the built server (crash, shutdown, backups, upgrades) and the fuzzing of
        // every write route; the global setup builds the server and a migrated PGlite template.
        test: {
          name: "reliability",
          include: ["server/reliability/**/*.test.ts"],
          env: { TZ: "America/Los_Angeles" },
          globalSetup: ["server/reliability/support/global-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
