// The API answers in the request's language (docs/ARCHITECTURE.md § Messages): an English session gets no
// Chinese in any error — validation of every write route, 401, 403, 404, 409, a refused login, a bad ledger
// and its preview's row errors — and a Chinese one still gets Chinese.
//
// What may stay Chinese in English is data the message quotes: the ledger's column names (the file's
// contract, docs/LEDGER.md) and what a cell held. English messages quote data in “”, and the checks strip
// those spans; everything else this test controls (areas, addresses, users) has Latin names, so a Chinese
// character outside quotes is a message that was not translated.

import { type ImportPreview, XLSX_MIME } from "@jiati/shared";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEDGER_HEADERS, ledgerRowOf, ledgerWorkbook } from "../ledger/testing";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";
import { routeDocs } from "./route";

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** A message without the data it quotes (“…”), which may be Chinese in any language. */
const unquoted = (text: string) => text.replace(/“[^”]*”/g, "“”");

const EN = { "X-Language": "en" };
const ZH = { "X-Language": "zh" };
type Headers = Record<string, string>;

/** Every message people would read in an answer: the error and its fields, or a preview's notes and row errors. */
function messagesOf(body: unknown): string[] {
  const error = (body as { error?: { message: string; fields?: Record<string, string> } }).error;
  if (error) return [error.message, ...Object.values(error.fields ?? {})];
  const preview = body as ImportPreview;
  return [
    ...preview.errors.map((entry) => entry.message),
    ...preview.notices,
    ...preview.skipped.map((entry) => entry.reason),
  ];
}

function expectEnglish(response: request.Response, status: number) {
  expect(response.status).toBe(status);
  const messages = messagesOf(response.body);
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(unquoted(message), message).not.toMatch(CJK);
}

function expectChinese(response: request.Response, status: number) {
  expect(response.status).toBe(status);
  const messages = messagesOf(response.body);
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(message).toMatch(CJK);
}

describe.each(ENGINES)("messages in the request's language on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let secretary: request.Agent;
  let leader: request.Agent;
  let secretaryName: string;
  let building: { id: number; address: string; version: number };
  let otherBuilding: { id: number };
  let area: { id: number; name: string };

  beforeAll(async () => {
    t = await startTestApp(engine);
    area = await buildArea(t, { name: "Pingtang" });
    const otherArea = await buildArea(t, { name: "Liuyi" });
    building = await buildBuilding(t, { areaId: area.id, address: "Tianshan Road 1", signedOn: "2022-03-01" });
    otherBuilding = await buildBuilding(t, { areaId: otherArea.id, address: "Liuyi Road 1" });
    await buildBuilding(t, { areaId: area.id, address: "Tianshan Road 2" });
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce", { displayName: "Task force" })).username);
    secretaryName = (await buildUser(t, "secretary", { areaId: area.id, displayName: "Secretary" })).username;
    secretary = await loginAs(t.app, secretaryName);
    leader = await loginAs(t.app, (await buildUser(t, "leader", { displayName: "Leader" })).username);
  });
  afterAll(() => t.close());

  /** The same request in each language: English has no Chinese outside quotes, Chinese stays Chinese. */
  async function inBothLanguages(status: number, send: (language: Headers) => Promise<request.Response>) {
    expectEnglish(await send(EN), status);
    expectChinese(await send(ZH), status);
  }

  it("refuses a bad body on every write route in the request's language", async () => {
    const writes = routeDocs.filter((doc) => doc.body && doc.method !== "get");
    expect(writes.length).toBeGreaterThan(10);
    for (const doc of writes) {
      const path = `/api${doc.path.replace(/:\w+/g, "1")}`;
      await inBothLanguages(400, (language) =>
        taskforce[doc.method](path).set(XHR).set(language).set("If-Match", '"1"').send({ bogus: 1 }),
      );
    }
  });

  it("explains broken rules in the request's language: schemas, stage dates, ids, versions, JSON", async () => {
    const create = (body: object) => (language: Headers) =>
      taskforce
        .post("/api/buildings")
        .set(XHR)
        .set(language)
        .send({ areaId: area.id, ...body });
    await inBothLanguages(400, create({ address: "  " }));
    await inBothLanguages(400, create({ address: "Tianshan Road 9", households: 10, elderlyHouseholds: 12 }));
    await inBothLanguages(400, create({ address: "Tianshan Road 9", signedOn: "2022-13-01" }));
    await inBothLanguages(400, create({ address: "Tianshan Road 9", startedOn: "2022-03-01" }));
    await inBothLanguages(400, create({ address: "Tianshan Road 9", signedOn: "2030-01-01" }));
    await inBothLanguages(400, create({ address: "Tianshan Road 9", floors: "six" }));
    await inBothLanguages(400, create({ address: "Tianshan\u0000Road" }));

    const stage =
      (body: object, version = String(building.version)) =>
      (language: Headers) =>
        taskforce
          .post(`/api/buildings/${building.id}/stage`)
          .set(XHR)
          .set(language)
          .set("If-Match", `"${version}"`)
          .send(body);
    await inBothLanguages(400, stage({ stage: "signed", date: "2022-01-01" }));
    await inBothLanguages(400, stage({ stage: "completed", date: "2022-05-01" }));
    await inBothLanguages(400, stage({ stage: "signed", date: "2022-03-01" }));
    await inBothLanguages(400, stage({ stage: "started", date: "2022-04-01" }, "x"));
    await inBothLanguages(400, (language) =>
      taskforce
        .post(`/api/buildings/${building.id}/stage`)
        .set(XHR)
        .set(language)
        .send({ stage: "started", date: null }),
    );
    await inBothLanguages(400, (language) =>
      taskforce.patch("/api/buildings/abc").set(XHR).set(language).set("If-Match", '"1"').send({ notes: "x" }),
    );
    await inBothLanguages(400, (language) =>
      taskforce
        .patch(`/api/buildings/${building.id}`)
        .set(XHR)
        .set(language)
        .set("If-Match", `"${building.version}"`)
        .send({ withdrawn: true }),
    );
    await inBothLanguages(400, (language) =>
      taskforce
        .post("/api/users")
        .set(XHR)
        .set(language)
        .send({ username: "ok-name", displayName: "Someone", role: "secretary", password: "short" }),
    );
    await inBothLanguages(400, (language) =>
      taskforce.post("/api/zones").set(XHR).set(language).set("Content-Type", "application/json").send("{nope"),
    );
    await inBothLanguages(400, (language) => taskforce.get("/api/buildings?pageSize=many").set(language));
  });

  it("says 401, 403 and 404 in the request's language", async () => {
    await inBothLanguages(401, (language) => t.anonymous().get("/api/buildings").set(language));
    await inBothLanguages(401, (language) =>
      t
        .anonymous()
        .post("/api/session")
        .set(XHR)
        .set(language)
        .send({ username: secretaryName, password: "wrong-one" }),
    );
    await inBothLanguages(403, (language) => taskforce.post("/api/zones").set(language).send({ name: "Zone" }));
    await inBothLanguages(403, (language) =>
      secretary.post("/api/zones").set(XHR).set(language).send({ name: "Zone" }),
    );
    await inBothLanguages(403, (language) => secretary.get("/api/users").set(language));
    await inBothLanguages(403, (language) =>
      secretary
        .patch(`/api/buildings/${otherBuilding.id}`)
        .set(XHR)
        .set(language)
        .set("If-Match", '"1"')
        .send({ notes: "x" }),
    );
    await inBothLanguages(403, (language) =>
      leader.post("/api/buildings").set(XHR).set(language).send({ areaId: area.id, address: "Tianshan Road 9" }),
    );
    await inBothLanguages(404, (language) => taskforce.get("/api/buildings/999999").set(language));
    await inBothLanguages(404, (language) => taskforce.get("/api/no-such-thing").set(language));
    await inBothLanguages(404, (language) => taskforce.get("/api/import/buildings/no-such-token/rows").set(language));
  });

  it("says 409 conflicts in the request's language", async () => {
    await inBothLanguages(409, (language) =>
      taskforce
        .patch(`/api/buildings/${building.id}`)
        .set(XHR)
        .set(language)
        .set("If-Match", '"999"')
        .send({ notes: "x" }),
    );
    await inBothLanguages(409, (language) =>
      taskforce.post("/api/buildings").set(XHR).set(language).send({ areaId: area.id, address: "Tianshan Road 2" }),
    );
    await inBothLanguages(409, (language) =>
      taskforce
        .post("/api/users")
        .set(XHR)
        .set(language)
        .send({ username: secretaryName, displayName: "Again", role: "taskforce", password: "long-enough-1" }),
    );
  });

  it("reads a bad ledger in the request's language: row errors, notes, and the file's own problems", async () => {
    const upload =
      (file: Buffer, contentType = XLSX_MIME) =>
      (language: Headers) =>
        secretary
          .post("/api/import/buildings?name=test.xlsx")
          .set(XHR)
          .set(language)
          .set("Content-Type", contentType)
          .send(file);
    const rows = await ledgerWorkbook(
      [
        ledgerRowOf({ id: building.id, areaId: "Pingtang", address: "Tianshan Road 1", floors: "six", version: 1 }),
        ledgerRowOf({ areaId: "Nowhere", address: "Tianshan Road 7", signedOn: "soon" }),
        ledgerRowOf({ areaId: "Liuyi", address: "Liuyi Road 9", consentRate: 1, blockerCategory: "weather" }),
        ledgerRowOf({ areaId: "Pingtang", address: "Tianshan Road 2", startedOn: "2022-03-01", withdrawn: "maybe" }),
        ledgerRowOf({ id: otherBuilding.id, areaId: "Pingtang", address: "Tianshan Road 8", blockerNote: "waiting" }),
        ledgerRowOf({ areaId: "Pingtang", address: "Tianshan Road 1" }),
        ledgerRowOf({ id: 999999, areaId: "Pingtang", address: "Tianshan Road 5" }),
        ["合计", null, null, 3],
      ],
      { headers: [...LEDGER_HEADERS, "Phone"] },
    );
    const english = await upload(rows)(EN);
    expectEnglish(english, 201);
    const preview = english.body as ImportPreview;
    expect(preview.counts.error).toBeGreaterThanOrEqual(6);
    expect(preview.notices.length).toBeGreaterThan(0);
    expect(preview.skipped.length).toBeGreaterThan(0);
    // Column names are the file's contract: Chinese in any language.
    expect(preview.errors.map((error) => error.column)).toContain("层数");
    expectChinese(await upload(rows)(ZH), 201);

    const stageLikeColumn = await ledgerWorkbook([ledgerRowOf({ areaId: "Pingtang", address: "Tianshan Road 9" })], {
      headers: [...LEDGER_HEADERS, "验收日期"],
    });
    await inBothLanguages(400, upload(stageLikeColumn));
    const english400 = await upload(stageLikeColumn)(EN);
    expect(english400.body.error.message).toContain("“验收日期”");

    const noAddress = await ledgerWorkbook([["Pingtang"]], { headers: ["居民区", "小区"] });
    await inBothLanguages(400, upload(noAddress));
    await inBothLanguages(400, upload(Buffer.from("%PDF-1.4 not a ledger")));
    await inBothLanguages(400, upload(Buffer.from("a,b"), "text/csv"));
    await inBothLanguages(403, (language) =>
      leader.post("/api/import/buildings").set(XHR).set(language).set("Content-Type", XLSX_MIME).send(rows),
    );
    await inBothLanguages(400, (language) =>
      secretary.post("/api/import/buildings/commit").set(XHR).set(language).send({ token: preview.token }),
    );
  });

  it("takes Accept-Language when the request names no language, and the UI's choice over it", async () => {
    const notFound = (headers: Headers) => taskforce.get("/api/buildings/999999").set(headers);
    expectEnglish(await notFound({ "Accept-Language": "en-US,en;q=0.9,zh-CN;q=0.8" }), 404);
    expectChinese(await notFound({ "Accept-Language": "fr-FR,zh-CN;q=0.8,en;q=0.5" }), 404);
    expectChinese(await notFound({ "Accept-Language": "en", "X-Language": "zh" }), 404);
    expectChinese(await notFound({}), 404);
  });
});
