// Vite: the dev server proxies /api to the Express server on :3000; the build goes to client/dist, which the
// server serves in production. Vendor code is split so the login page and the dashboard load only what they use.
// `vite build --ssr src/ssr.tsx --outDir dist-ssr` builds the server's renderer of the dashboard's first screen
// (docs/ARCHITECTURE.md § The first screen): npm packages stay imports, loaded from node_modules at run time.

import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { offlinePlugin } from "./pwa/plugin";

const sharedSrc = fileURLToPath(new URL("../shared/src/", import.meta.url));

export default defineConfig(({ isSsrBuild }) => ({
  // offlinePlugin: the service worker, the web app manifest and its icons (docs/ARCHITECTURE.md § Offline); not
  // for the server's renderer of the first screen.
  plugins: isSsrBuild ? [react()] : [react(), offlinePlugin()],
  resolve: {
    // shared/'s dependency-free leaves (labels, dates), importable without the zod schemas of its index:
    // the login page and the dashboard then do not load zod. Forms and stage rules import "@jiati/shared".
    alias: [{ find: /^@jiati\/shared\/(labels|dates)$/, replacement: `${sharedSrc}$1.ts` }],
  },
  // shared/ is TypeScript source: bundled into the renderer, as into the client.
  ssr: { noExternal: ["@jiati/shared"] },
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://localhost:3000", changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // The module graph, which npm run bench reads to weigh the dashboard's initial JavaScript.
    manifest: !isSsrBuild,
    copyPublicDir: !isSsrBuild,
  },
}));
