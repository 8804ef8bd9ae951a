/**
 * What a hostile client sends: catalogues of strings, numbers, dates and keys, and raw JSON
 * texts that no parser should accept. Pure data and small pickers over an Rng.
 */
import type { Rng } from "./rng.ts";

/** A marker that must never come back unescaped in an HTML page. */
export const SCRIPT_MARKER = '<script>alert("fz")</script>';

/** Strings chosen to break parsers, queries, templates and logs. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR 1=1--",
  "'; DROP TABLE users;--",
  '" OR ""="',
  "1; SELECT pg_sleep(5)--",
  "$1",
  "%' AND 1=CAST(version() AS int)--",
  SCRIPT_MARKER,
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "__proto__",
  "constructor",
  "prototype",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "\u0000",
  "nul\u0000byte",
  "line\r\nX-Injected: 1",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "\ud83d\ude80\u0301\u0301\u0301",
  "\ud800",
  "\ufeff",
  "",
  " ",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0x7fffffff",
  "1e309",
  "true",
  "[]",
  "{}",
  "0000-00-00",
  "2030-02-30",
  "ÄÖÜß漢字",
];

/** Numbers at and past every edge; JSON.stringify turns the non-finite ones into null. */
export const HOSTILE_NUMBERS: readonly number[] = [
  -1,
  0,
  -0,
  0.5,
  -2147483649,
  2147483648,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  1e-320,
  Number.MAX_SAFE_INTEGER,
];

/** Number-ish literals only a raw JSON text can carry (most are not JSON at all). */
export const RAW_NUMBER_LITERALS: readonly string[] = [
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1e309",
  "0x10",
  "01",
  "1.",
  "+1",
  "99999999999999999999999999999999",
];

/** Dates and times that look right and are not, or are far outside any schedule. */
export const HOSTILE_DATES: readonly string[] = [
  "0000-00-00",
  "2030-02-30",
  "2030-13-01",
  "2030-00-10",
  "2031-02-29",
  "9999-12-31",
  "0001-01-01",
  "-001000-01-01",
  "275760-09-13",
  "1970-01-01T00:00:00Z",
  "2030-03-01T25:61",
  "2030-03-01T24:00:00Z",
  "2030-03-01T10:00:00+25:00",
  "2030-03-01 10:00",
  "tomorrow",
];

/** Keys that pollute prototypes when code merges objects carelessly. */
export const POLLUTION_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

/** JSON texts that must be refused as malformed. */
export const BAD_JSON: readonly string[] = [
  "",
  "{",
  '{"a":',
  "{'a': 1}",
  '{"a": 1,}',
  "[1, 2,]",
  '{"a": NaN}',
  '{"a": undefined}',
  "{a: 1}",
  '{"a": 01}',
  '{"a": "\\x41"}',
  '{"a": "unterminated}',
  '{"a": 1} trailing',
  "\u0000",
  "nul\u0000",
  "<xml/>",
  "a=1&b=2",
];

/** A string of `length` characters: repeated, or a random hostile one repeated. */
export function longString(rng: Rng, length: number): string {
  const unit = rng.pick(["A", "é", "漢", "' OR 1=1--", SCRIPT_MARKER, "%00", "🚀"]);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Any hostile string, sometimes very long. */
export function hostileString(rng: Rng): string {
  return rng.chance(0.08)
    ? longString(rng, rng.pick([300, 5_000, 70_000]))
    : rng.pick(HOSTILE_STRINGS);
}

/** Nested arrays `depth` deep: some parsers and validators recurse once per level. */
export function deepJson(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

/** Bytes that are not UTF-8: lone continuation bytes, overlongs, surrogates, truncations. */
export const INVALID_UTF8: readonly Uint8Array[] = [
  new Uint8Array([0xff, 0xfe]),
  new Uint8Array([0xc3, 0x28]),
  new Uint8Array([0xe2, 0x82]),
  new Uint8Array([0xc0, 0xaf]),
  new Uint8Array([0xed, 0xa0, 0x80]),
  new Uint8Array([0xf8, 0x88, 0x80, 0x80, 0x80]),
  new Uint8Array([0x80]),
];

/** Percent-encoded invalid UTF-8 and other junk for URL paths and queries. */
export const HOSTILE_URL_PIECES: readonly string[] = [
  "%FF",
  "%C3%28",
  "%E2%82",
  "%ED%A0%80",
  "%",
  "%zz",
  "%00",
  "%2e%2e%2f%2e%2e%2f",
  "..",
  ".",
  "%0d%0aSet-Cookie:%20x=1",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "'%20OR%201=1--",
  "%27%3B%20DROP%20TABLE%20users%3B--",
  "__proto__",
  "constructor",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "00000000-0000-0000-0000-00000000000G",
  "123",
  "-1",
  "1e309",
  "NaN",
  "%F0%9F%9A%80",
];
