// fast-check generators of hostile requests: malformed JSON, wrong types, missing and extra fields, very long
// strings, unusual Unicode (RTL overrides, NUL, lone surrogates, emoji), SQL and HTML injection, huge numbers
// and impossible dates — mixed into otherwise valid bodies, so the server's checks are reached one by one.

import fc from "fast-check";

export const NASTY_STRINGS = [
  "'; DROP TABLE buildings; --",
  "' OR '1'='1",
  '" OR ""="',
  "1; DELETE FROM audit_log",
  "$1",
  "%s%s%n",
  "\\",
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "javascript:alert(1)",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally.
  "{{7*7}}${7*7}",
  "\u202eevil.exe",
  "\u200f\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
  "\u05e9\u05dc\u05d5\u05dd",
  "a\u0000b",
  "\u0000",
  "\ud800",
  "x\udfffy",
  "😀👨‍👩‍👧‍👦🛗",
  "𠜎𠜱𠝹",
  "\ufeff",
  "\u3000",
  "Z̷̢͈a̸͖͂l̵̰̈g̶̣͝o̴̧͋",
  "null",
  "undefined",
  "NaN",
  "__proto__",
  "../../../etc/passwd",
  "\r\n\r\nHTTP/1.1 200 OK",
  "",
  " ",
] as const;

export const NASTY_DATES = [
  "2022-02-30",
  "2021-02-29",
  "2022-04-31",
  "2022-13-01",
  "2022-00-10",
  "2022-06-00",
  "2022-1-5",
  "22-01-05",
  "2010-12-31",
  "2022-06-16",
  "2099-12-31",
  "0000-01-01",
  "9999-99-99",
  "2022-06-01T00:00:00Z",
  "2022/06/01",
  "20220601",
  "２０２２-０６-０１",
  "2022-06-01\u0000",
  " 2022-06-01",
  "yesterday",
] as const;

export const NASTY_NUMBERS = [
  0,
  -1,
  -0,
  0.5,
  1.5,
  -2_147_483_649,
  2_147_483_648,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1e21,
  1e308,
  -1e308,
  5e-324,
] as const;

export const NASTY_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "id",
  "version",
  "isDemo",
  "passwordHash",
  "createdAt",
  "role",
  "$where",
  "address ",
  "",
] as const;

/** Request bodies that are not JSON, or JSON that the API must not accept, sent as raw text. */
export const MALFORMED_JSON = [
  "{",
  "}",
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":-Infinity}',
  '{"a":1e400}',
  `{"a":${"9".repeat(400)}}`,
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":"\u0000"}',
  '{"__proto__":{"role":"taskforce"}}',
  '{"constructor":{"prototype":{"x":1}}}',
  `${"[".repeat(3000)}${"]".repeat(3000)}`,
  `${'{"a":'.repeat(2000)}1${"}".repeat(2000)}`,
  "\ufeff{}",
  "[]",
  "[1,2,3]",
  '"a string"',
  "42",
  "null",
  "true",
  "",
  " ",
  "\u0000",
  `{"notes":"${"长".repeat(400_000)}"}`,
] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Text a form would never send. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: loneSurrogate, minLength: 1, maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("长", "a", "😀", "'", "<"), fc.integer({ min: 65, max: 20_000 }))
      .map(([unit, count]) => unit.repeat(count)),
  },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_DATES) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...NASTY_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 12 }));

/** Any JSON value of the wrong kind: text, numbers, booleans, null, and small nested arrays and objects. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileText,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileKey, tie("value"), { maxKeys: 3 }),
  ),
})).value;

export type Body = { kind: "json"; value: unknown } | { kind: "raw"; text: string; contentType: string };

type Mutation =
  | { op: "set"; key: number; value: unknown }
  | { op: "delete"; key: number }
  | { op: "extra"; name: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("set" as const), key: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("delete" as const), key: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("extra" as const), name: hostileKey, value: hostileValue }),
  },
);

function applyMutations(base: Record<string, unknown>, keys: string[], mutations: Mutation[]) {
  const body: Record<string, unknown> = { ...base };
  for (const change of mutations) {
    if (change.op === "extra") {
      Object.defineProperty(body, change.name, { value: change.value, enumerable: true, writable: true });
      continue;
    }
    const key = keys[change.key % keys.length];
    if (change.op === "delete") delete body[key];
    else body[key] = change.value;
  }
  return body;
}

/**
 * Hostile bodies for a route whose valid bodies `valid` generates, with `keys` its fields: mostly a valid
 * body with one to three fields broken, removed or added; else malformed JSON, a body of the wrong kind, or
 * JSON sent under another content type — and now and then a valid body, for the path and headers to fail.
 */
export function hostileBody(valid: fc.Arbitrary<Record<string, unknown>>, keys: string[]): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((value): Body => ({ kind: "json", value })) },
    {
      weight: 12,
      arbitrary: fc
        .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([base, mutations]): Body => ({ kind: "json", value: applyMutations(base, keys, mutations) })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...MALFORMED_JSON)
        .map((text): Body => ({ kind: "raw", text, contentType: "application/json" })),
    },
    { weight: 1, arbitrary: hostileValue.map((value): Body => ({ kind: "json", value })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=utf-16",
            "application/xml",
            "multipart/form-data; boundary=x",
          ),
        )
        .map(([value, contentType]): Body => ({ kind: "raw", text: JSON.stringify(value), contentType })),
    },
  );
}

/** What the server's JSON parser hands the route for `body`, or "unparsable" when it refuses it first. */
export function bodyAsReceived(body: Body): unknown {
  if (body.kind === "json") {
    const text = JSON.stringify(body.value);
    return text === undefined ? {} : parseLikeExpress(text);
  }
  if (!body.contentType.startsWith("application/json")) return {};
  if (body.contentType.includes("utf-16")) return "unparsable";
  return parseLikeExpress(body.text);
}

function parseLikeExpress(text: string): unknown {
  if (text.length === 0) return {};
  // express.json() is strict: only an object or an array at the top.
  if (!/^[\s\ufeff]*[{[]/.test(text)) return "unparsable";
  if (Buffer.byteLength(text) > 1024 * 1024) return "unparsable";
  try {
    return JSON.parse(text.replace(/^\ufeff/, ""));
  } catch {
    return "unparsable";
  }
}
