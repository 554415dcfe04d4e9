// The dashboard's first screen in the page (docs/ARCHITECTURE.md § The first screen): a dashboard address with a
// session gets its figures and the data they came from in the HTML — the same as /api/summary and
// /api/area-statuses answer — escaped whatever the names say; without a session, the plain page. The renderer is
// the client's own (client/src/ssr.tsx), as the built server loads it from client/dist-ssr.

import fs from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { FirstScreenData, FirstScreenRenderer } from "@jiati/shared";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { changeCount } from "../core/changes";
import type { Database } from "../core/db";
import { createLogger } from "../core/logger";
import { buildArea, buildBuilding, buildTarget, buildUser, buildZone, loginAs, TEST_PASSWORD } from "../test/factories";
import { ENGINES, fixedClock, freshDatabase, XHR } from "../test/harness";
import { listen, openStream } from "../test/streams";

/** The client's renderer, from its source (the built server loads the same code from client/dist-ssr/ssr.js). */
const RENDERER_SOURCE = new URL("../../../client/src/ssr.tsx", import.meta.url).pathname;

const STYLES = ".stage-row { display: grid; }";
const INDEX_HTML = `<!doctype html>
<html lang="zh-CN">
  <head><title>加梯进度</title>
    <script type="module" crossorigin src="/assets/index-AbC123.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/chunk-DeF456.js">
    <link rel="stylesheet" crossorigin href="/assets/index-AbC123.css"></head>
  <body><div id="root"></div></body>
</html>`;

/** The page's data element, parsed (null when the page has none). */
function dataOf(html: string): FirstScreenData | null {
  const match = /<script type="application\/json" id="first-screen-data">([\s\S]*?)<\/script>/.exec(html);
  return match ? (JSON.parse(match[1] as string) as FirstScreenData) : null;
}

/** The page's UI texts element, parsed. */
function textsOf(html: string): { language: string; texts: { login: { submit: string } } } | null {
  const match = /<script type="application\/json" id="first-screen-texts">([\s\S]*?)<\/script>/.exec(html);
  return match ? JSON.parse(match[1] as string) : null;
}

/** The text of the element with `data-testid`, tags removed. */
function textOf(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  if (start < 0) throw new Error(`no ${testId} in the page`);
  const open = html.indexOf(">", start) + 1;
  return html.slice(open, html.indexOf("</", open)).replace(/<[^>]+>/g, "");
}

describe.each(ENGINES)("the first screen in the page on %s", (engine) => {
  let clientDir: string;
  let database: Database;
  let app: Awaited<ReturnType<typeof createApp>>;
  const clock = fixedClock();

  beforeAll(async () => {
    clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "jt-client-"));
    fs.mkdirSync(path.join(clientDir, "assets"));
    fs.writeFileSync(path.join(clientDir, "index.html"), INDEX_HTML);
    fs.writeFileSync(path.join(clientDir, "assets", "index-AbC123.css"), STYLES);
    database = await freshDatabase(engine);
    const { renderer } = (await import(RENDERER_SOURCE)) as { renderer: FirstScreenRenderer };
    app = await createApp({ database, clock, logger: createLogger("silent"), clientDir, firstScreen: renderer });
  });

  afterAll(async () => {
    await app.close();
    await database.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  const place = () => ({ db: database.db, hub: app.hub });

  it("gives a session the page with its figures, and the data of /api/summary and /api/area-statuses in it", async () => {
    const area = await buildArea(place(), { name: "平塘" });
    for (const day of ["2022-02-01", "2022-03-01", "2022-04-01"]) {
      await buildBuilding(place(), { areaId: area.id, signedOn: day });
    }
    const leader = await loginAs(app.app, (await buildUser(place(), "leader")).username);
    const taskforce = await loginAs(app.app, (await buildUser(place(), "taskforce")).username);
    expect((await taskforce.post(`/api/areas/${area.id}/status`).set(XHR).send({ text: "三幢楼等审批" })).status).toBe(
      201,
    );

    const page = await leader.get("/");
    expect(page.status).toBe(200);
    expect(page.type).toBe("text/html");
    expect(page.headers["cache-control"]).toBe("private, no-store");
    expect(page.headers.vary).toContain("Cookie");
    expect(textOf(page.text, "stage-actual-signed")).toBe("3");
    expect(textOf(page.text, "dashboard-title")).toContain("2022");
    // The styles are in the page: the figures show after one round trip.
    expect(page.text).toContain(`<style>${STYLES}</style>`);
    expect(page.text).not.toContain('rel="stylesheet"');
    // The figures show and read without the app's script: its requests wait behind what the first paint needs.
    expect(page.text).toContain('<script type="module" fetchpriority="low" crossorigin src="/assets/index-AbC123.js">');
    expect(page.text).toContain(
      '<link rel="modulepreload" fetchpriority="low" crossorigin href="/assets/chunk-DeF456.js">',
    );

    const data = dataOf(page.text);
    const summary = await leader.get("/api/summary");
    const statuses = await leader.get("/api/area-statuses");
    expect(data?.summary).toEqual(summary.body);
    expect(data?.statuses).toEqual(statuses.body);
    expect(data?.statuses.map((line) => line.text)).toEqual(["三幢楼等审批"]);
    expect(data?.user).toEqual((await leader.get("/api/session")).body.user);
    expect(data?.query).toEqual({ year: 2022, zoneId: null, asOf: null });
    expect(data?.language).toBe("zh");
  });

  it("gives no session, and no dashboard address, the plain page", async () => {
    const anonymous = await request(app.app).get("/");
    expect(anonymous.status).toBe(200);
    expect(anonymous.text).toBe(INDEX_HTML);
    expect(anonymous.headers["cache-control"]).toBe("no-cache");
    expect(dataOf(anonymous.text)).toBeNull();

    const leader = await loginAs(app.app, (await buildUser(place(), "leader")).username);
    for (const url of ["/buildings", "/areas/1", "/zones/999999", "/zones/abc", "/report?year=2022"]) {
      const page = await leader.get(url);
      expect(page.status, url).toBe(200);
      expect(page.text, url).toBe(INDEX_HTML);
    }
    // A session that has ended is no session.
    await leader.delete("/api/session").set(XHR);
    expect((await leader.get("/")).text).toBe(INDEX_HTML);
  });

  it("gives a zone leader at their zone's address their zone's figures only", async () => {
    const own = await buildZone(place(), { name: "第一片区" });
    const other = await buildZone(place(), { name: "第二片区" });
    const ownArea = await buildArea(place(), { zoneId: own.id, name: "刘一" });
    const otherArea = await buildArea(place(), { zoneId: other.id, name: "刘二" });
    await buildBuilding(place(), { areaId: ownArea.id, signedOn: "2022-05-01", startedOn: "2022-05-20" });
    for (const day of ["2022-03-01", "2022-03-02"])
      await buildBuilding(place(), { areaId: otherArea.id, startedOn: day, signedOn: day });
    const zoneLeader = await loginAs(app.app, (await buildUser(place(), "leader", { zoneId: own.id })).username);

    const page = await zoneLeader.get(`/zones/${own.id}?year=2022`);
    expect(textOf(page.text, "dashboard-title")).toContain("第一片区");
    expect(textOf(page.text, "stage-actual-started")).toBe("1");
    const data = dataOf(page.text);
    expect(data?.query).toEqual({ year: 2022, zoneId: own.id, asOf: null });
    expect(data?.summary.scope.zoneId).toBe(own.id);
    expect(data?.summary.areas?.map((area) => area.name)).toEqual(["刘一"]);
    expect(data?.summary).toEqual((await zoneLeader.get(`/api/summary?year=2022&zoneId=${own.id}`)).body);
    expect(page.text).not.toContain("刘二");
  });

  it("reads the year and the day from the address as the dashboard does", async () => {
    const leader = await loginAs(app.app, (await buildUser(place(), "leader")).username);
    const past = dataOf((await leader.get("/?year=2021&asOf=2021-06-30")).text);
    expect(past?.query).toEqual({ year: 2021, zoneId: null, asOf: "2021-06-30" });
    expect(past?.summary.asOf).toBe("2021-06-30");
    expect(past?.summary).toEqual((await leader.get("/api/summary?year=2021&asOf=2021-06-30")).body);
    // A day after today is today; a year the programme does not have is this year.
    expect(dataOf((await leader.get("/?asOf=2030-01-01")).text)?.query).toEqual({
      year: 2022,
      zoneId: null,
      asOf: null,
    });
    expect(dataOf((await leader.get("/?year=1999")).text)?.query.year).toBe(2022);
  });

  it("writes names that look like markup as text, and the data so that nothing in it ends its element", async () => {
    const hostileZone = "</script><script>alert('zone')</script>";
    const hostileArea = `<img src=x onerror="alert('area')">&amp;\u2028`;
    const zone = await buildZone(place(), { name: hostileZone });
    const area = await buildArea(place(), { zoneId: zone.id, name: hostileArea });
    for (const stage of ["signed", "started", "completed"] as const) {
      await buildTarget(place(), { year: 2022, stage, areaId: area.id, value: 100 });
    }
    const taskforce = await loginAs(app.app, (await buildUser(place(), "taskforce")).username);
    const status = "<b>等</b></script><!--";
    expect((await taskforce.post(`/api/areas/${area.id}/status`).set(XHR).send({ text: status })).status).toBe(201);

    const page = await taskforce.get(`/zones/${zone.id}?year=2022`);
    // Behind plan, the area is on the first screen: its name as text, in the list and the title.
    expect(textOf(page.text, "dashboard-title")).toContain("&lt;/script&gt;&lt;script&gt;alert(&#x27;zone&#x27;)");
    expect(page.text).toContain("&lt;img src=x onerror=&quot;alert(&#x27;area&#x27;)&quot;&gt;&amp;amp;");
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("<img src=x");
    expect(page.text).not.toContain("<b>等</b>");
    // Beside the app's script, two script elements, the data and the texts, each whole, with no "<" in it to end
    // it or open a comment.
    const elements = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(elements.map(([, attributes]) => attributes)).toEqual([
      ' type="module" fetchpriority="low" crossorigin src="/assets/index-AbC123.js"',
      ' type="application/json" id="first-screen-data"',
      ' type="application/json" id="first-screen-texts"',
    ]);
    expect(page.text.match(/<script/g)).toHaveLength(3);
    for (const [, , content] of elements) expect(content).not.toContain("<");
    const data = dataOf(page.text);
    expect(data?.summary.scope.zoneName).toBe(hostileZone);
    expect(data?.summary.areas?.[0]?.name).toBe(hostileArea);
    expect(data?.statuses[0]?.text).toBe(status);
  });

  it("serves the login page with its form, its button waiting for the app, in the language of the cookie", async () => {
    const chinese = await request(app.app).get("/login");
    expect(chinese.headers["cache-control"]).toBe("no-cache");
    expect(chinese.text).toContain('data-testid="login-form"');
    expect(chinese.text).toContain("用户名");
    expect(chinese.text).toMatch(/<button type="submit"[^>]*disabled=""[^>]*data-testid="login-submit"/);
    // The form shows without the app's script (its button waits for it): fetched at low priority, as on the dashboard.
    expect(chinese.text).toContain(
      '<script type="module" fetchpriority="low" crossorigin src="/assets/index-AbC123.js">',
    );
    expect(dataOf(chinese.text)).toBeNull();
    // The UI's texts come with it, in its language.
    expect(textsOf(chinese.text)?.language).toBe("zh");
    expect(textsOf(chinese.text)?.texts.login.submit).toBe("登录");

    const english = await request(app.app).get("/login").set("Cookie", "jt_lang=en");
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain("Username");
    expect(textsOf(english.text)?.texts.login.submit).toBe("Log in");
  });

  it("tells the page's change stream to refetch when anything changed since its figures were read", async () => {
    const server: http.Server = await listen(app.app);
    try {
      const port = (server.address() as AddressInfo).port;
      const user = await buildUser(place(), "leader");
      const login = await request(app.app)
        .post("/api/session")
        .set(XHR)
        .send({ username: user.username, password: TEST_PASSWORD });
      const cookie = String(login.headers["set-cookie"]?.[0]).split(";")[0] as string;
      const since = dataOf((await request(app.app).get("/").set("Cookie", cookie)).text)?.since;
      expect(since).toBe(changeCount(app.hub));
      const open = (query: string) => openStream(port, cookie, `/api/stream?since=${encodeURIComponent(query)}`);

      const unchanged = await open(since as string);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unchanged.events).toEqual([]);
      await unchanged.close();

      await buildArea(place());
      const changed = await open(since as string);
      await changed.waitFor((event) => (event as { resync?: boolean }).resync === true);
      await changed.close();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
