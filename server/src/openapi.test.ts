// GET /api/openapi.json holds for its readers: the document is OpenAPI 3.1 that an independent validator accepts,
// and every route's real answers — each status a request can draw — match what it says, checked with Ajv.

import type http from "node:http";
import type { AddressInfo } from "node:net";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeDocs } from "./http/route";
import { openApiPath } from "./openapi";
import { CheckedClient } from "./openapi/client";
import { Contract, type OpenApiDocument } from "./openapi/contract";
import { ROUTE_CASES, type RouteCases, type Scenario } from "./openapi/exchanges";
import { buildWorld, type Context } from "./openapi/world";
import { ENGINES, startTestApp } from "./test/harness";
import { listen } from "./test/streams";

/** The statuses every route must be shown to answer as documented, from its declaration. */
function requiredStatuses(doc: (typeof routeDocs)[number]): number[] {
  const statuses: number[] = [doc.status ?? 200];
  if (doc.access === "user") statuses.push(401);
  if (doc.method !== "get") statuses.push(403);
  if (doc.body || doc.query || /:(id|areaId)\b/.test(doc.path)) statuses.push(400);
  if (doc.path.includes(":")) statuses.push(404);
  if (doc.ifMatch) statuses.push(409);
  if (doc.idempotent) statuses.push(422);
  return statuses;
}

/** The table's scenarios plus those drawn from the success: anonymous (401), no X-Requested-With (403). */
function scenariosOf(cases: RouteCases): (Scenario & { xhr?: false })[] {
  const doc = routeDocs.find((route) => route.method === cases.method && route.path === cases.route);
  const success = cases.scenarios.find((scenario) => scenario.status < 300);
  if (!doc || !success) return cases.scenarios;
  return [
    ...cases.scenarios,
    ...(doc.access === "user" ? [{ ...success, status: 401, as: "anonymous" as const, why: "no session" }] : []),
    ...(doc.method !== "get" ? [{ ...success, status: 403, why: "no X-Requested-With", xhr: false as const }] : []),
  ];
}

describe.each(ENGINES)("the published OpenAPI document, held to real answers on %s", (engine) => {
  const ctx = {} as Context;
  let server: http.Server;
  let document: OpenApiDocument;
  let contract: Contract;

  beforeAll(async () => {
    ctx.t = await startTestApp(engine, { streamLimits: { perSession: 1, perServer: 100 } });
    server = await listen(ctx.t.app);
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await fetch(`${baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    document = JSON.parse(await response.text());
    contract = new Contract(document);
    ctx.client = new CheckedClient(baseUrl, contract);
    ctx.world = await buildWorld(ctx.t);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await ctx.t.close();
  });

  it("is OpenAPI 3.1.0 that an independent validator accepts, with every declared route", async () => {
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(routeDocs.map((doc) => `${doc.method} ${openApiPath(doc.path)}`).sort());
  });

  it("declares each path parameter of each operation, and its schemas are strict JSON Schema 2020-12", () => {
    for (const doc of routeDocs) {
      const operation = contract.operation(doc.method, doc.path);
      const inPath = (operation?.parameters ?? []).filter((parameter) => parameter.in === "path");
      const names = [...doc.path.matchAll(/:(\w+)/g)].map(([, name]) => name);
      expect(inPath.map((parameter) => parameter.name)).toEqual(names);
    }
    const broken: string[] = [];
    for (const { where, schema } of contract.schemas()) {
      try {
        contract.validator(schema);
      } catch (error) {
        broken.push(`${where}: ${(error as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("has requests for every route that draw each status the route can answer", () => {
    expect(ROUTE_CASES.map((cases) => `${cases.method} ${cases.route}`).sort()).toEqual(
      routeDocs.map((doc) => `${doc.method} ${doc.path}`).sort(),
    );
    for (const doc of routeDocs) {
      const cases = ROUTE_CASES.find((entry) => entry.method === doc.method && entry.route === doc.path);
      const drawn = new Set(scenariosOf(cases as RouteCases).map((scenario) => scenario.status));
      expect([...drawn], `${doc.method} ${doc.path}`).toEqual(expect.arrayContaining(requiredStatuses(doc)));
    }
  });

  for (const cases of ROUTE_CASES) {
    it(`${cases.method.toUpperCase()} ${cases.route} answers as documented`, async () => {
      for (const scenario of scenariosOf(cases)) {
        const { session, after, ...request } = await scenario.request(ctx);
        const answer = await ctx.client.send({
          ...request,
          method: cases.method,
          route: cases.route,
          session: scenario.as === "anonymous" ? undefined : (session ?? ctx.world.sessions[scenario.as]),
          xhr: scenario.xhr,
        });
        await after?.();
        expect(answer.status, `${scenario.why} as ${scenario.as}: ${JSON.stringify(answer.body)}`).toBe(
          scenario.status,
        );
      }
    });
  }
});
