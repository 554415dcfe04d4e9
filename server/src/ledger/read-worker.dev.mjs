// Starts the reading worker from its TypeScript source (tests, `npm run dev`); the built server runs the
// bundled read-worker.js instead.
import { register } from "tsx/esm/api";

register();
await import("./read-worker.ts");
