import i18n from "i18next";
import { describe, expect, it } from "vitest";
import "../../i18n";
import type { QueuedWrite } from "../../offline/outbox";
import { buildBuilding } from "../../test/factories";
import { describeItem, pendingValuesOf } from "./outboxItems";

function item(overrides: Partial<QueuedWrite>): QueuedWrite {
  return {
    id: "a",
    key: "key-of-a",
    seq: 1,
    userId: 1,
    queuedAt: 0,
    state: "waiting",
    attempts: 0,
    kind: "stage",
    buildingId: 3,
    path: "/buildings/3/stage",
    method: "POST",
    body: { stage: "started", date: "2022-05-10" },
    version: 4,
    base: buildBuilding({ id: 3, version: 4 }),
    ...overrides,
  };
}

describe("a queued change as the conflict view's 'yours'", () => {
  it("is the stage's date for a stage record", () => {
    expect(pendingValuesOf(item({}))).toEqual({ startedOn: "2022-05-10" });
    expect(pendingValuesOf(item({ body: { stage: "signed", date: null, reason: "录错" } }))).toEqual({
      signedOn: null,
    });
  });

  it("is the fields an edit changes, the blocker's as the building names them, without the reason", () => {
    const edit = item({ kind: "patch", body: { floors: 7, notes: "已协调" } });
    expect(pendingValuesOf(edit)).toEqual({ floors: 7, notes: "已协调" });
    const blocker = item({
      kind: "patch",
      body: { blocker: { category: "funding", note: "资金未到位", dueOn: null } },
    });
    expect(pendingValuesOf(blocker)).toEqual({
      blockerCategory: "funding",
      blockerNote: "资金未到位",
      blockerDueOn: null,
    });
    const withdrawal = item({ kind: "patch", body: { withdrawn: true, reason: "居民反对" } });
    expect(pendingValuesOf(withdrawal)).toEqual({ withdrawn: true });
  });

  it("is nothing for a note, which changes no field", () => {
    expect(pendingValuesOf(item({ kind: "note", body: { text: "x" } }))).toEqual({});
  });
});

describe("describeItem", () => {
  it("says what the change is, in the UI's language", async () => {
    await i18n.changeLanguage("zh");
    const t = i18n.t.bind(i18n);
    expect(describeItem(t, item({}))).toBe("记录开工 2022-05-10");
    expect(describeItem(t, item({ kind: "note", body: { text: "已约谈" } }))).toBe("进展：已约谈");
    expect(describeItem(t, item({ kind: "patch", body: { blocker: null } }))).toBe("解除受阻");
    await i18n.changeLanguage("en");
    expect(describeItem(i18n.t.bind(i18n), item({}))).toBe("Started on 2022-05-10");
    await i18n.changeLanguage("zh");
  });
});
