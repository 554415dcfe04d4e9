// Bundles the server into dist/index.js: our own code and the TypeScript of shared/ are bundled; every
// npm dependency stays external and is loaded from node_modules at run time.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));

const bundleShared = {
  name: "bundle-shared",
  setup(b) {
    b.onResolve({ filter: /^@jiati\/shared$/ }, () => ({ path: path.join(here, "../shared/src/index.ts") }));
  },
};

await build({
  entryPoints: {
    index: path.join(here, "src/index.ts"),
    cli: path.join(here, "src/cli/main.ts"),
    // Uploaded ledgers are read in a worker thread (src/ledger/reading.ts), from this file beside index.js.
    "read-worker": path.join(here, "src/ledger/read-worker.ts"),
    // The embedded database runs in a worker thread (src/core/db/pglite-host.ts), from this file beside index.js.
    "pglite-worker": path.join(here, "src/core/db/pglite-worker.ts"),
  },
  outdir: path.join(here, "dist"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  packages: "external",
  plugins: [bundleShared],
  logLevel: "warning",
});
