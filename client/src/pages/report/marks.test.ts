import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zh } from "../../i18n/zh";
import { behindSymbol, rowStanding, stageStanding, standingLabel } from "./marks";

const i18n = i18next.createInstance();
beforeAll(() =>
  i18n.init({ resources: { zh: { translation: zh }, en: { translation: en } }, lng: "zh", showSupportNotice: false }),
);

const judged = { onTrack: true, gap: 0 };
const unjudged = { onTrack: null, gap: null };

describe("the behind / on-track marks", () => {
  it("say behind with a symbol and the whole elevators short, on track with a tick, in words too", () => {
    const zhT = i18n.getFixedT("zh");
    const enT = i18n.getFixedT("en");
    expect(standingLabel(zhT, stageStanding({ onTrack: false, gap: -3 }))).toBe("▼落后 3台");
    expect(standingLabel(zhT, stageStanding({ onTrack: true, gap: 2 }))).toBe("✓按计划");
    expect(standingLabel(enT, stageStanding({ onTrack: false, gap: -1 }))).toBe("▼ behind by 1");
    expect(standingLabel(enT, stageStanding({ onTrack: true, gap: 0 }))).toBe("✓ on track");
  });

  it("say nothing where there is no target to be behind of", () => {
    const zhT = i18n.getFixedT("zh");
    expect(standingLabel(zhT, stageStanding(unjudged))).toBe("");
    const stages = { signed: unjudged, started: unjudged, completed: unjudged };
    expect(standingLabel(zhT, rowStanding({ behind: false, shortfall: 0, stages }))).toBe("");
  });

  it("count a zone or area behind by its shortfall over the stages, and on track once any stage is judged", () => {
    const stages = { signed: judged, started: { onTrack: false, gap: -2 }, completed: unjudged };
    expect(rowStanding({ behind: true, shortfall: 5, stages })).toEqual({ kind: "behind", count: 5 });
    expect(rowStanding({ behind: false, shortfall: 0, stages: { ...stages, started: judged } })).toEqual({
      kind: "onTrack",
    });
  });

  it("put the behind symbol before a figure behind plan only", () => {
    expect(behindSymbol(stageStanding({ onTrack: false, gap: -1 }))).toBe("▼");
    expect(behindSymbol(stageStanding(judged))).toBe("");
    expect(behindSymbol(stageStanding(unjudged))).toBe("");
  });
});
