import { describe, expect, it } from "vitest";
import { briefingDay, briefingIssueLine, chineseDate, chineseMonthDay, isoWeekDays, isoWeekOf } from "./briefingHead";
import { canManageBriefings, canReadBriefing, readsBriefings } from "./policy";

describe("a briefing's week", () => {
  it("is the ISO week: Monday to Sunday, week 1 holding the year's first Thursday", () => {
    expect(isoWeekOf("2022-11-29")).toBe("2022-W48");
    expect(isoWeekOf("2022-11-28")).toBe("2022-W48");
    expect(isoWeekOf("2022-12-04")).toBe("2022-W48");
    expect(isoWeekOf("2022-12-05")).toBe("2022-W49");
    // 1 January 2022 is a Saturday: still 2021's last week. 29 December 2025 is a Monday of 2026's week 1.
    expect(isoWeekOf("2022-01-01")).toBe("2021-W52");
    expect(isoWeekOf("2022-01-03")).toBe("2022-W01");
    expect(isoWeekOf("2025-12-29")).toBe("2026-W01");
    expect(isoWeekOf("2020-12-31")).toBe("2020-W53");
  });

  it("runs from its Monday to its Sunday", () => {
    expect(isoWeekDays("2022-W48")).toEqual({ monday: "2022-11-28", sunday: "2022-12-04" });
    expect(isoWeekDays("2021-W52")).toEqual({ monday: "2021-12-27", sunday: "2022-01-02" });
    expect(isoWeekDays("2026-W01")).toEqual({ monday: "2025-12-29", sunday: "2026-01-04" });
    for (const day of ["2022-03-01", "2024-02-29", "2020-12-31", "2023-01-01"]) {
      const { monday, sunday } = isoWeekDays(isoWeekOf(day));
      expect(day >= monday && day <= sunday, day).toBe(true);
    }
  });
});

describe("a briefing's head", () => {
  it("writes days as the newsletters do", () => {
    expect(chineseMonthDay("2022-11-09")).toBe("11月9日");
    expect(chineseDate("2022-01-30")).toBe("2022年1月30日");
  });

  it("numbers issued briefings and names a zone's", () => {
    expect(briefingIssueLine({ issueNo: 3, zoneId: null, scopeName: "新泾镇" })).toBe("第3期");
    expect(briefingIssueLine({ issueNo: 3, zoneId: 2, scopeName: "第二片区" })).toBe("第二片区　第3期");
    expect(briefingIssueLine({ issueNo: null, zoneId: null, scopeName: "新泾镇" })).toBe("（草稿）");
  });

  it("is dated the day it was issued in Shanghai, a draft its as-of day", () => {
    expect(briefingDay({ issuedAt: "2022-12-01T17:30:00.000Z", asOf: "2022-11-29" })).toBe("2022-12-02");
    expect(briefingDay({ issuedAt: null, asOf: "2022-11-29" })).toBe("2022-11-29");
  });
});

describe("who reads and writes briefings", () => {
  const taskforce = { role: "taskforce" as const, areaId: null };
  const zoneLeader = { role: "leader" as const, areaId: null, zoneId: 2 };
  const leader = { role: "leader" as const, areaId: null, zoneId: null };
  const secretary = { role: "secretary" as const, areaId: 5 };

  it("lets the task force manage and read every briefing", () => {
    expect(canManageBriefings(taskforce)).toBe(true);
    expect(canReadBriefing(taskforce, { zoneId: null, status: "draft" })).toBe(true);
  });

  it("lets a zone leader read their own zone's only, drafts included", () => {
    expect(canManageBriefings(zoneLeader)).toBe(false);
    expect(canReadBriefing(zoneLeader, { zoneId: 2, status: "draft" })).toBe(true);
    expect(canReadBriefing(zoneLeader, { zoneId: 2, status: "issued" })).toBe(true);
    expect(canReadBriefing(zoneLeader, { zoneId: 3, status: "issued" })).toBe(false);
    expect(canReadBriefing(zoneLeader, { zoneId: null, status: "issued" })).toBe(false);
  });

  it("lets a leader without a zone read every issued briefing, no draft", () => {
    expect(canReadBriefing(leader, { zoneId: null, status: "issued" })).toBe(true);
    expect(canReadBriefing(leader, { zoneId: 3, status: "issued" })).toBe(true);
    expect(canReadBriefing(leader, { zoneId: null, status: "draft" })).toBe(false);
  });

  it("gives secretaries none", () => {
    expect(readsBriefings(secretary)).toBe(false);
    expect(canReadBriefing(secretary, { zoneId: null, status: "issued" })).toBe(false);
  });
});
