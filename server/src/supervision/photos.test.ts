// Site photos of a blocker through the API (docs/DOMAIN.md § Blocker supervision): real JPEG and PNG files
// stored as their bytes say, refused by type (415), size (413), number (409) and role (401/403) with nothing
// stored, and served back only to sessions, privately, with their own type.

import { count, eq } from "drizzle-orm";
import type request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, blockerPhotos, type buildings } from "../core/db/schema";
import { buildArea, buildBuilding, buildUser, loginAs } from "../test/factories";
import { databaseFingerprint, ENGINES, startTestApp, type TestApp, XHR } from "../test/harness";
import { jpegImage, pngImage, pngOfSize } from "../test/images";

describe.each(ENGINES)("blocker photos on %s", (engine) => {
  let t: TestApp;
  let taskforce: request.Agent;
  let secretary: request.Agent;
  let otherSecretary: request.Agent;
  let leader: request.Agent;
  let areaId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const area = await buildArea(t);
    areaId = area.id;
    const other = await buildArea(t, { zoneId: area.zoneId });
    taskforce = await loginAs(t.app, (await buildUser(t, "taskforce")).username);
    secretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId, displayName: "书记老李" })).username);
    otherSecretary = await loginAs(t.app, (await buildUser(t, "secretary", { areaId: other.id })).username);
    leader = await loginAs(t.app, (await buildUser(t, "leader", { zoneId: area.zoneId })).username);
  });
  afterAll(() => t.close());

  const blocked = (overrides: Partial<typeof buildings.$inferInsert> = {}) =>
    buildBuilding(t, {
      areaId,
      blockerCategory: "pipelines",
      blockerNote: "燃气管线迁移",
      blockedSince: "2022-06-01",
      ...overrides,
    });
  const upload = (agent: request.Agent | null, buildingId: number, data: Buffer, type: string, query = "") =>
    (agent ?? t.anonymous())
      .post(`/api/buildings/${buildingId}/blocker/photos${query}`)
      .set(XHR)
      .set("Content-Type", type)
      .send(data);
  const photoCount = async () => Number((await t.db.select({ n: count() }).from(blockerPhotos))[0]?.n);

  it("stores a real JPEG and PNG as their bytes say, and serves them back privately with their type", async () => {
    const building = await blocked();
    const jpeg = await upload(secretary, building.id, jpegImage(), "image/jpeg");
    expect(jpeg.status, JSON.stringify(jpeg.body)).toBe(201);
    expect(jpeg.body).toMatchObject({
      contentType: "image/jpeg",
      bytes: jpegImage().length,
      noteId: null,
      blockedSince: "2022-06-01",
      author: { displayName: "书记老李" },
      url: `/api/photos/${jpeg.body.id}`,
    });
    // Claimed as a JPEG, read as what it is.
    const png = await upload(taskforce, building.id, pngImage(), "image/jpeg");
    expect(png.body).toMatchObject({ contentType: "image/png", bytes: pngImage().length });

    for (const [photo, bytes, type] of [
      [jpeg.body, jpegImage(), "image/jpeg"],
      [png.body, pngImage(), "image/png"],
    ] as const) {
      const served = await leader.get(photo.url).buffer(true);
      expect(served.status).toBe(200);
      expect(served.headers["content-type"]).toBe(type);
      expect(served.headers["cache-control"]).toMatch(/^private/);
      expect(served.headers["x-content-type-options"]).toBe("nosniff");
      expect(Buffer.compare(served.body as Buffer, bytes)).toBe(0);
    }
    expect((await t.anonymous().get(jpeg.body.url)).status).toBe(401);
    expect((await leader.get("/api/photos/999999")).status).toBe(404);
    expect((await leader.get("/api/photos/abc")).status).toBe(400);

    const audits = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(building.id)));
    expect(audits.map((row) => [row.action, (row.after as { contentType: string }).contentType])).toEqual([
      ["blocker.photo", "image/jpeg"],
      ["blocker.photo", "image/png"],
    ]);
  });

  it("attaches a photo to a note of the current episode, and shows it there in the thread", async () => {
    const building = await blocked();
    const note = await secretary
      .post(`/api/buildings/${building.id}/blocker/notes`)
      .set(XHR)
      .send({ text: "现场照片" });
    const photo = await upload(secretary, building.id, pngImage(4, 3), "image/png", `?noteId=${note.body.id}`);
    expect(photo.status).toBe(201);
    expect(photo.body.noteId).toBe(note.body.id);
    await upload(secretary, building.id, jpegImage(), "image/jpeg");
    const thread = await leader.get(`/api/buildings/${building.id}/blocker/notes`);
    expect(thread.body.notes[0].photos.map((p: { id: number }) => p.id)).toEqual([photo.body.id]);
    expect(thread.body.photos).toHaveLength(1);
    expect(thread.body.photosLeft).toBe(4);

    const elsewhere = await blocked();
    const before = await photoCount();
    const wrongNote = await upload(secretary, elsewhere.id, pngImage(), "image/png", `?noteId=${note.body.id}`);
    expect(wrongNote.status).toBe(400);
    expect(wrongNote.body.error.fields).toHaveProperty("noteId");
    expect(await photoCount()).toBe(before);
  });

  it("refuses a text file claiming to be a JPEG, or JSON, with 415 and stores nothing", async () => {
    const building = await blocked();
    const before = await databaseFingerprint(t.database);
    const text = await upload(secretary, building.id, Buffer.from("这不是照片，只是文字。\n".repeat(20)), "image/jpeg");
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe("unsupported_media_type");
    const svg = await upload(
      secretary,
      building.id,
      Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"),
      "image/png",
    );
    expect(svg.status).toBe(415);
    const json = await secretary
      .post(`/api/buildings/${building.id}/blocker/photos`)
      .set(XHR)
      .send({ photo: "base64…" });
    expect(json.status).toBe(415);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it("refuses a photo over 1 MB with 413 and stores nothing; 1 MB exactly is taken", async () => {
    const building = await blocked();
    const before = await databaseFingerprint(t.database);
    const large = await upload(secretary, building.id, pngOfSize(1024 * 1024 + 1), "image/png");
    expect(large.status).toBe(413);
    expect(large.body.error.code).toBe("payload_too_large");
    expect(await databaseFingerprint(t.database)).toEqual(before);
    expect((await upload(secretary, building.id, pngOfSize(1024 * 1024), "image/png")).status).toBe(201);
  });

  it("takes six photos per blocker episode, then 409 with nothing stored; a new episode starts again", async () => {
    const building = await blocked();
    for (let i = 0; i < 6; i++) {
      expect((await upload(secretary, building.id, pngImage(2 + i, 2), "image/png")).status).toBe(201);
    }
    const before = await databaseFingerprint(t.database);
    const seventh = await upload(secretary, building.id, pngImage(), "image/png");
    expect(seventh.status).toBe(409);
    expect(seventh.body.error.code).toBe("too_many_photos");
    expect(await databaseFingerprint(t.database)).toEqual(before);
    const thread = await secretary.get(`/api/buildings/${building.id}/blocker/notes`);
    expect(thread.body).toMatchObject({ photosLeft: 0 });
    expect(thread.body.photos).toHaveLength(6);

    // Another category is another episode (dated today): room again, the old photos kept as history.
    await secretary
      .patch(`/api/buildings/${building.id}`)
      .set(XHR)
      .set("If-Match", '"1"')
      .send({ blocker: { category: "funding", note: "资金" } });
    expect((await upload(secretary, building.id, jpegImage(), "image/jpeg")).status).toBe(201);
    const again = await secretary.get(`/api/buildings/${building.id}/blocker/notes`);
    expect(again.body.photosLeft).toBe(5);
    expect(again.body.photos).toHaveLength(7);
    expect(again.body.photos[0].blockedSince).toBe("2022-06-15");
  });

  it("refuses leaders, other areas' secretaries, anonymous users and unblocked buildings, storing nothing", async () => {
    const building = await blocked();
    const free = await buildBuilding(t, { areaId });
    const before = await databaseFingerprint(t.database);
    expect((await upload(leader, building.id, jpegImage(), "image/jpeg")).status).toBe(403);
    expect((await upload(otherSecretary, building.id, jpegImage(), "image/jpeg")).status).toBe(403);
    expect((await upload(null, building.id, jpegImage(), "image/jpeg")).status).toBe(401);
    const unblocked = await upload(taskforce, free.id, jpegImage(), "image/jpeg");
    expect(unblocked.status).toBe(400);
    expect(unblocked.body.error.code).toBe("not_blocked");
    expect((await upload(taskforce, 999_999, jpegImage(), "image/jpeg")).status).toBe(404);
    expect((await upload(taskforce, building.id, jpegImage(), "image/jpeg", "?noteId=x")).status).toBe(400);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});
