// The built client's files as the production server serves them: the page for every non-API path, hashed
// assets cached for good, and errors that never show a file system path or a stack to the browser.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import type { Database } from "../core/db";
import { createLogger } from "../core/logger";
import { fixedClock, freshDatabase } from "../test/harness";

describe("the built client's pages", () => {
  let clientDir: string;
  let database: Database;
  let app: Awaited<ReturnType<typeof createApp>>;

  beforeAll(async () => {
    clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "jt-client-"));
    fs.mkdirSync(path.join(clientDir, "assets"));
    fs.writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>加梯进度</title>");
    fs.writeFileSync(path.join(clientDir, "assets", "index-AbC123.js"), "console.log(1)");
    fs.writeFileSync(path.join(clientDir, "sw.js"), "self.addEventListener('fetch', () => {})");
    fs.writeFileSync(path.join(clientDir, "manifest.webmanifest"), '{"name":"加梯进度"}');
    fs.writeFileSync(path.join(clientDir, "icon-192.png"), "png");
    database = await freshDatabase("pglite");
    app = await createApp({ database, clock: fixedClock(), logger: createLogger("silent"), clientDir });
  });

  afterAll(async () => {
    await app.close();
    await database.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  it("serves the page for the root and for any client route", async () => {
    for (const url of ["/", "/areas/3", "/buildings?stage=signed"]) {
      const res = await request(app.app).get(url);
      expect(res.status).toBe(200);
      expect(res.type).toBe("text/html");
      expect(res.text).toContain("加梯进度");
    }
  });

  it("caches hashed assets for good", async () => {
    const res = await request(app.app).get("/assets/index-AbC123.js");
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toContain("immutable");
  });

  it("serves the service worker from the root, same-origin, asked for again on every visit", async () => {
    const res = await request(app.app).get("/sw.js");
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/javascript");
    expect(res.headers["cache-control"]).toBe("no-cache");
    // Its scripts and the manifest are allowed by the page's policy: same origin only.
    const page = await request(app.app).get("/mine");
    const csp = page.headers["content-security-policy"];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/worker-src|manifest-src/);
  });

  it("serves the web app manifest as a manifest, asked for again on every visit, and the icons as files", async () => {
    const manifest = await request(app.app).get("/manifest.webmanifest");
    expect(manifest.status).toBe(200);
    expect(manifest.headers["content-type"]).toContain("application/manifest+json");
    expect(manifest.headers["cache-control"]).toBe("no-cache");
    const icon = await request(app.app).get("/icon-192.png");
    expect(icon.status).toBe(200);
    expect(icon.type).toBe("image/png");
  });

  it("answers a missing asset with 404 and no file system path", async () => {
    const res = await request(app.app).get("/assets/missing-123.js");
    expect(res.status).toBe(404);
    expect(res.text).toBe("Not Found");
    expect(res.text).not.toContain(clientDir);
  });

  it("answers a malformed path with 400 and no stack", async () => {
    const res = await request(app.app).get("/assets/%E0%A4%A");
    expect(res.status).toBe(400);
    expect(res.text).toBe("Bad Request");
  });
});
