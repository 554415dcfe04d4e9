// Starts the embedded database's worker from its TypeScript source (tests, `npm run dev`, the bench); the built
// server runs the bundled pglite-worker.js instead.
import { register } from "tsx/esm/api";

register();
await import("./pglite-worker.ts");
