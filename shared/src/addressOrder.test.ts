import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressKey, addressSortKey, compareAddresses } from "./stages";

const sorted = (addresses: string[]) => [...addresses].sort(compareAddresses);

describe("addressSortKey", () => {
  it("orders door numbers as numbers: 1号, 2号, …, 10号, 19号", () => {
    const doors = ["10号", "1号", "19号", "2号", "3号"].map((door) => `天山西路 799弄 ${door}`);
    expect(sorted(doors)).toEqual(["1号", "2号", "3号", "10号", "19号"].map((door) => `天山西路 799弄 ${door}`));
  });

  it("orders by road, then 弄, then 号", () => {
    const addresses = [
      "哈密路 20弄 1号",
      "天山西路 100弄 2号",
      "天山西路 99弄 30号",
      "天山西路 100弄 10号",
      "哈密路 3弄 5号",
    ];
    expect(sorted(addresses)).toEqual([
      "哈密路 3弄 5号",
      "哈密路 20弄 1号",
      "天山西路 99弄 30号",
      "天山西路 100弄 2号",
      "天山西路 100弄 10号",
    ]);
  });

  it("pads every digit run, so the key's text order is the natural order", () => {
    expect(addressSortKey("天山西路 799弄 12号")).toBe("天山西路0000000799弄0000000012号");
  });

  it("reads an address however it was typed, as the uniqueness key does", () => {
    const key = addressSortKey("天山西路 799弄 12号");
    for (const typed of [
      "天山西路799弄12号楼",
      "天山西路 799弄 12幢",
      "天山西路　７９９弄　１２栋",
      "天山西路 799弄 12",
    ]) {
      expect(addressSortKey(typed), typed).toBe(key);
    }
  });

  it("keeps a digit run longer than the padding whole", () => {
    expect(addressSortKey("路 12345678901号")).toBe("路12345678901号");
  });

  it("is the uniqueness key with its digits padded: equal keys, equal sort keys", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("路", "弄", "号", " ", "1", "0", "9", "A", "幢") }), (address) => {
        expect(addressSortKey(address).replace(/0+(?=\d)/g, "")).toBe(addressKey(address).replace(/0+(?=\d)/g, ""));
      }),
      { seed: 2022, numRuns: 300 },
    );
  });
});
