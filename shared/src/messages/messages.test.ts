import { describe, expect, it } from "vitest";
import { en } from "./en";
import { CATALOGUES, LANGUAGES, languageOf, messageIn } from "./index";
import { zh } from "./zh";

/** The placeholders a text uses (each once, however often it is used). */
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]))].sort();
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Quoted data (column names, what a cell held) may be Chinese in any language. */
const withoutQuoted = (text: string) => text.replace(/“[^”]*”/g, "");

describe("message catalogues", () => {
  it("have the same keys in every language", () => {
    for (const language of LANGUAGES) expect(Object.keys(CATALOGUES[language]).sort()).toEqual(Object.keys(zh).sort());
  });

  it("have the same placeholders in every language", () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(zh[key]) });
    }
  });

  it("say nothing in Chinese in English, but what they quote", () => {
    const chinese = Object.entries(en).filter(([, text]) => CJK.test(withoutQuoted(text)));
    expect(chinese).toEqual([]);
  });

  it("fill placeholders with the parameters", () => {
    expect(messageIn("en", "error.internal", { requestId: "r-1" })).toBe("Internal server error (request r-1)");
    expect(messageIn("zh", "stage.dateTooEarly", { date: "签约日期", earliest: "2011-01-01" })).toBe(
      "签约日期不能早于 2011-01-01",
    );
  });
});

describe("languageOf", () => {
  it("takes the first supported language by weight", () => {
    expect(languageOf("en")).toBe("en");
    expect(languageOf("en-GB,en;q=0.9,zh;q=0.8")).toBe("en");
    expect(languageOf("fr-FR, zh-CN;q=0.7, en;q=0.5")).toBe("zh");
    expect(languageOf("zh;q=0.2, en;q=0.9")).toBe("en");
  });

  it("answers null for nothing it supports", () => {
    expect(languageOf(undefined)).toBeNull();
    expect(languageOf("")).toBeNull();
    expect(languageOf("fr, de;q=0.5")).toBeNull();
    expect(languageOf("en;q=0")).toBeNull();
  });
});
