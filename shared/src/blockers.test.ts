import { describe, expect, it } from "vitest";
import {
  type BlockerState,
  blockedDays,
  checkDueOn,
  compareSupervision,
  daysOverdue,
  dueState,
  fitWithin,
  imageTypeOf,
  isOverdue,
} from "./blockers";

const TODAY = "2022-06-15";
const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const blocker = (overrides: Partial<BlockerState & { id: number }> = {}): BlockerState & { id: number } => ({
  id: 1,
  blockerCategory: "funding",
  blockedSince: "2022-06-01",
  blockerDueOn: null,
  withdrawn: false,
  ...overrides,
});

describe("blocker supervision rules", () => {
  it("counts days blocked from the day the blocker was set, none when not blocked", () => {
    expect(blockedDays(blocker(), TODAY)).toBe(14);
    expect(blockedDays(blocker({ blockedSince: TODAY }), TODAY)).toBe(0);
    expect(blockedDays(blocker({ blockerCategory: null }), TODAY)).toBeNull();
    expect(blockedDays(blocker({ blockedSince: null }), TODAY)).toBeNull();
  });

  it("calls a blocker overdue only after its due day, while it is open", () => {
    expect(isOverdue(blocker({ blockerDueOn: "2022-06-14" }), TODAY)).toBe(true);
    expect(daysOverdue(blocker({ blockerDueOn: "2022-06-14" }), TODAY)).toBe(1);
    expect(isOverdue(blocker({ blockerDueOn: TODAY }), TODAY)).toBe(false);
    expect(daysOverdue(blocker({ blockerDueOn: TODAY }), TODAY)).toBeNull();
    expect(isOverdue(blocker({ blockerDueOn: "2022-06-01", withdrawn: true }), TODAY)).toBe(false);
    expect(isOverdue(blocker({ blockerDueOn: "2022-06-01", blockerCategory: null }), TODAY)).toBe(false);
    expect(isOverdue(blocker(), TODAY)).toBe(false);
  });

  it("tells overdue, due within a week (today and the seventh day included), later and none apart", () => {
    expect(dueState(blocker({ blockerDueOn: "2022-06-10" }), TODAY)).toBe("overdue");
    expect(dueState(blocker({ blockerDueOn: TODAY }), TODAY)).toBe("dueSoon");
    expect(dueState(blocker({ blockerDueOn: "2022-06-22" }), TODAY)).toBe("dueSoon");
    expect(dueState(blocker({ blockerDueOn: "2022-06-23" }), TODAY)).toBe("later");
    expect(dueState(blocker(), TODAY)).toBe("none");
    expect(dueState(blocker({ blockerDueOn: "2022-06-10", withdrawn: true }), TODAY)).toBe("none");
  });

  it("orders overdue first, then by due date with none last, then the longest blocked", () => {
    const items = [
      blocker({ id: 1, blockerDueOn: null, blockedSince: "2022-01-01" }),
      blocker({ id: 2, blockerDueOn: "2022-07-01" }),
      blocker({ id: 3, blockerDueOn: "2022-06-10" }),
      blocker({ id: 4, blockerDueOn: "2022-06-20" }),
      blocker({ id: 5, blockerDueOn: "2022-06-01" }),
      blocker({ id: 6, blockerDueOn: null, blockedSince: "2021-12-01" }),
    ];
    expect(items.sort((a, b) => compareSupervision(a, b, TODAY)).map((item) => item.id)).toEqual([5, 3, 4, 2, 6, 1]);
  });

  it("refuses a due date before today, and accepts today or none", () => {
    expect(checkDueOn("2022-06-14", TODAY)).toContain("不能早于今天");
    expect(checkDueOn(TODAY, TODAY)).toBeNull();
    expect(checkDueOn(null, TODAY)).toBeNull();
  });
});

describe("photo files", () => {
  it("knows JPEG, PNG and WebP by their first bytes, not by a name or a claim", () => {
    expect(imageTypeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(imageTypeOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    const webp = ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ");
    expect(imageTypeOf(webp)).toBe("image/webp");
    expect(imageTypeOf(ascii("RIFF\u0000\u0000\u0000\u0000WAVEfmt "))).toBeNull();
    expect(imageTypeOf(ascii("GIF89a"))).toBeNull();
    expect(imageTypeOf(ascii("<svg xmlns="))).toBeNull();
    expect(imageTypeOf(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(imageTypeOf(new Uint8Array())).toBeNull();
  });

  it("scales a picture down so its longer side fits, never up", () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1600, 10)).toEqual({ width: 1600, height: 10 });
    expect(fitWithin(20000, 1)).toEqual({ width: 1600, height: 1 });
  });
});
