import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./test/harness";

describe("GET /api/openapi.json", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("pglite");
  });
  afterAll(() => t.close());

  it("describes every route with schemas generated from the shared zod schemas", async () => {
    const response = await t.anonymous().get("/api/openapi.json");
    expect(response.status).toBe(200);
    const paths = response.body.paths;
    for (const [path, method] of [
      ["/api/health", "get"],
      ["/api/session", "post"],
      ["/api/buildings", "get"],
      ["/api/buildings/{id}", "patch"],
      ["/api/buildings/{id}/stage", "post"],
      ["/api/targets", "put"],
      ["/api/summary", "get"],
      ["/api/users/{id}", "patch"],
      ["/api/audit", "get"],
      ["/api/stream", "get"],
    ]) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const stageBody = paths["/api/buildings/{id}/stage"].post.requestBody.content["application/json"].schema;
    expect(stageBody.properties.stage.enum).toEqual(["signed", "started", "completed"]);
    expect(Object.keys(paths["/api/buildings"].post.responses)).toContain("201");
    expect(Object.keys(paths["/api/buildings/{id}/stage"].post.responses)).toContain("200");
    expect(Object.keys(paths["/api/session"].delete.responses)).toContain("204");
    expect(paths["/api/buildings/{id}/stage"].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "If-Match", in: "header" })]),
    );
  });
});
