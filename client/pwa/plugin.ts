// The build's offline part (docs/ARCHITECTURE.md § Offline): the web app manifest and its icons, and the
// service worker — client/src/sw/worker.ts bundled into one classic script, /sw.js, with the list of every
// file the build wrote (hashed assets, index.html, the public files) to precache, and the build's hash as the
// precache's name. Build only: the dev server has no service worker.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "vite";
import { iconPng, THEME_COLOR } from "./icons";

const WORKER_ENTRY = fileURLToPath(new URL("../src/sw/worker.ts", import.meta.url));
export const SW_FILE = "sw.js";
const MANIFEST_FILE = "manifest.webmanifest";
const ICON_SIZES = [192, 512] as const;

/** The web app manifest: installable as 加梯进度, opening on the app's home. */
function webManifest(): string {
  return JSON.stringify(
    {
      name: "加梯进度",
      short_name: "加梯进度",
      description: "既有多层住宅加装电梯进度",
      lang: "zh-CN",
      start_url: "/",
      scope: "/",
      display: "standalone",
      background_color: "#ffffff",
      theme_color: THEME_COLOR,
      icons: ICON_SIZES.map((size) => ({
        src: `/icon-${size}.png`,
        sizes: `${size}x${size}`,
        type: "image/png",
        purpose: "any",
      })),
    },
    null,
    2,
  );
}

/** Every file under `dir`, as URL paths, but Vite's own manifest and the worker. */
function builtFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".vite") walk(full);
      } else if (!(folder === dir && entry.name === SW_FILE)) {
        files.push(`/${path.relative(dir, full).split(path.sep).join("/")}`);
      }
    }
  };
  walk(dir);
  return files.sort();
}

/** The files' names and contents, hashed: a new build of anything is a new precache. */
function hashOf(dir: string, files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  return hash.digest("hex").slice(0, 12);
}

/** The worker as one classic script (no imports: not every phone runs module service workers). */
async function bundleWorker(precache: string[], buildHash: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: "warn",
    publicDir: false,
    define: { __PRECACHE__: JSON.stringify(precache), __BUILD__: JSON.stringify(buildHash) },
    build: {
      write: false,
      minify: true,
      lib: { entry: WORKER_ENTRY, formats: ["iife"], name: "jiatiServiceWorker", fileName: () => SW_FILE },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!("output" in output)) continue;
    const chunk = output.output.find((file) => file.type === "chunk");
    if (chunk && chunk.type === "chunk") return chunk.code;
  }
  throw new Error("the service worker's build produced no script");
}

export function offlinePlugin(): Plugin {
  let outDir = "dist";
  return {
    name: "jiati-offline",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: MANIFEST_FILE, source: webManifest() });
      for (const size of ICON_SIZES)
        this.emitFile({ type: "asset", fileName: `icon-${size}.png`, source: iconPng(size) });
    },
    async closeBundle() {
      const files = builtFiles(outDir);
      const code = await bundleWorker(files, hashOf(outDir, files));
      fs.writeFileSync(path.join(outDir, SW_FILE), code);
    },
  };
}
