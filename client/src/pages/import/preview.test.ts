import type { ImportError } from "@jiati/shared";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/http";
import { errorsByRow, filterCount, firstFilter, isReuploadable, reasonError } from "./preview";

const counts = { rows: 40, create: 3, update: 5, unchanged: 30, error: 2, errors: 4 };

describe("the row filters", () => {
  it("count creates and updates together as the changes", () => {
    expect(filterCount(counts, "changes")).toBe(8);
    expect(filterCount(counts, "all")).toBe(40);
    expect(filterCount(counts, "error")).toBe(2);
  });

  it("open on the changes when there are any, else on every row", () => {
    expect(firstFilter(counts)).toBe("changes");
    expect(firstFilter({ ...counts, create: 0, update: 0 })).toBe("all");
  });
});

describe("errorsByRow", () => {
  it("gathers a row's errors in order and leaves out those of the whole sheet", () => {
    const errors: ImportError[] = [
      { row: 5, column: "开工日期", cell: "L5", message: "日期格式不对" },
      { row: null, column: null, cell: null, message: "缺少编号列" },
      { row: 5, column: "地址", cell: "D5", message: "地址不能为空" },
      { row: 9, column: "居民区", cell: "B9", message: "没有这个居民区" },
    ];
    const byRow = errorsByRow(errors);
    expect([...byRow.keys()]).toEqual([5, 9]);
    expect(byRow.get(5)?.map((error) => error.cell)).toEqual(["L5", "D5"]);
  });
});

describe("a refused commit", () => {
  it("can be cured by uploading again when the preview is stale, expired or gone", () => {
    expect(isReuploadable(new ApiError(409, "stale_preview", "表格已变化"))).toBe(true);
    expect(isReuploadable(new ApiError(404, "not_found", "预览已过期"))).toBe(true);
  });

  it("cannot when it was already committed, or for any other reason", () => {
    expect(isReuploadable(new ApiError(409, "already_committed", "已导入"))).toBe(false);
    expect(isReuploadable(new ApiError(400, "invalid_input", "请填写原因", { reason: "请填写原因" }))).toBe(false);
    expect(isReuploadable(null)).toBe(false);
  });

  it("for a missing reason shows the server's words on the reason field", () => {
    expect(reasonError(new ApiError(400, "invalid_input", "x", { reason: "请填写原因" }))).toBe("请填写原因");
    expect(reasonError(new ApiError(400, "invalid_input", "x", { token: "无效" }))).toBeUndefined();
  });
});
