import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { zh } from "../../i18n/zh";
import { longDate, monthDay, reportTitle } from "./heading";

const i18n = i18next.createInstance();
beforeAll(() =>
  i18n.init({ resources: { zh: { translation: zh }, en: { translation: en } }, lng: "zh", showSupportNotice: false }),
);

describe("the report's head", () => {
  it("names the town and the day the figures stand on", () => {
    const title = reportTitle(i18n.getFixedT("zh"), {
      townName: "新泾镇",
      zoneName: null,
      year: 2026,
      day: "2026-11-29",
      locale: "zh-CN",
    });
    expect(title).toBe("新泾镇既有多层住宅加装电梯工作进展（截至2026年11月29日）");
  });

  it("names the zone after the town in a zone's report", () => {
    const title = reportTitle(i18n.getFixedT("zh"), {
      townName: "江桥镇",
      zoneName: "第一片区",
      year: 2022,
      day: "2022-12-31",
      locale: "zh-CN",
    });
    expect(title).toBe("江桥镇第一片区既有多层住宅加装电梯工作进展（截至2022年12月31日）");
  });

  it("names the year when the day lies in another", () => {
    const zhTitle = reportTitle(i18n.getFixedT("zh"), {
      townName: "新泾镇",
      zoneName: null,
      year: 2022,
      day: "2023-03-01",
      locale: "zh-CN",
    });
    expect(zhTitle).toBe("新泾镇2022年既有多层住宅加装电梯工作进展（截至2023年3月1日）");
    const enTitle = reportTitle(i18n.getFixedT("en"), {
      townName: "Xinjing",
      zoneName: null,
      year: 2022,
      day: "2023-03-01",
      locale: "en-US",
    });
    expect(enTitle).toContain("2022");
    expect(enTitle).toContain("March 1, 2023");
  });

  it("writes dates without shifting them by the device's time zone", () => {
    expect(longDate("zh-CN", "2026-01-01")).toBe("2026年1月1日");
    expect(monthDay("zh-CN", "2026-11-21")).toBe("11月21日");
  });
});
