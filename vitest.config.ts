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
        test: {
          name: "server",
          include: ["server/src/**/*.test.ts"],
          env: { TZ: "America/Los_Angeles" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
