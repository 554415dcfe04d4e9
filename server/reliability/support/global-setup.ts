// Once per run of the reliability project: build the server bundle unless SKIP_BUILD says it was just built,
// and copy it aside for the tests to start (in a shared checkout, server/dist may be rebuilt meanwhile); make
// two PGlite data folders to copy from — one freshly initialised (initdb takes seconds in WASM) and one with
// every migration applied.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase, pgliteFolder } from "../../src/core/db";
import { BUNDLES, REPO_ROOT } from "./paths";

declare module "vitest" {
  export interface ProvidedContext {
    /** A data folder holding an initialised PGlite database without any migration. */
    bareTemplate: string;
    /** A data folder holding a PGlite database with every committed migration applied. */
    migratedTemplate: string;
    /** This run's copy of server/dist (index.js, cli.js, read-worker.js). */
    bundleDir: string;
  }
}

export default async function setup(project: TestProject) {
  if (!process.env.SKIP_BUILD) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, "server/build.mjs")], { stdio: "inherit" });
  }

  fs.mkdirSync(BUNDLES, { recursive: true });
  const bundleDir = fs.mkdtempSync(path.join(BUNDLES, "run-"));
  for (const name of fs.readdirSync(path.join(REPO_ROOT, "server/dist"))) {
    fs.copyFileSync(path.join(REPO_ROOT, "server/dist", name), path.join(bundleDir, name));
  }

  const root = fs.mkdtempSync(path.join(os.tmpdir(), "jt-reliability-templates-"));
  const bare = path.join(root, "bare");
  const migrated = path.join(root, "migrated");
  const database = await openDatabase({ dataDir: bare });
  await database.close();
  fs.cpSync(bare, migrated, { recursive: true });
  const full = await openDatabase({ dataDir: migrated });
  await full.migrate();
  await full.close();
  for (const folder of [bare, migrated]) fs.rmSync(path.join(folder, "server.lock"), { force: true });
  if (!fs.existsSync(pgliteFolder(migrated))) throw new Error("the PGlite template was not written");

  project.provide("bareTemplate", bare);
  project.provide("migratedTemplate", migrated);
  project.provide("bundleDir", bundleDir);
  return () => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(bundleDir, { recursive: true, force: true });
  };
}
