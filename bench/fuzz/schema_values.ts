/**
 * Values for a JSON Schema (as zod's toJSONSchema writes them): a plausible valid sample, and
 * mutations of it that keep or break its types. The zod schema stays the judge of validity.
 */
import type { Rng } from "./rng.ts";
import { HOSTILE_DATES, HOSTILE_NUMBERS, hostileString, POLLUTION_KEYS } from "./hostile.ts";

/** The subset of JSON Schema that zod emits for request bodies and queries. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
}

// Candidates tried against a string's pattern: between them they fit the API's formats.
const EXAMPLES = [
  "LHR",
  "JFK",
  "CT",
  "12",
  "1234",
  "12A",
  "A320",
  "A20N",
  "G-ABCD",
  "USD",
  "2030-03-02",
  "2030-03-02T10:00",
  "10:00",
  "Ada",
  "KZ7Q2P",
  "4242",
  "EGLL",
  "Europe/London",
  "F",
  "Y",
  "B".repeat(87),
  "C".repeat(22),
  "Ada Lovelace",
];

const patterns = new Map<string, RegExp | null>();
function regex(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(pattern, new RegExp(pattern, "u"));
    } catch {
      patterns.set(pattern, null);
    }
  }
  return patterns.get(pattern)!;
}

function types(s: JsonSchema): string[] {
  if (s.const !== undefined) return [typeof s.const];
  if (s.enum) return [...new Set(s.enum.map((v) => typeof v))];
  return s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
}

function branch(s: JsonSchema, rng: Rng): JsonSchema | undefined {
  const options = s.anyOf ?? s.oneOf;
  if (!options) return undefined;
  const nonNull = options.filter((o) => o.type !== "null");
  return rng.pick(nonNull.length ? nonNull : options);
}

function sampleString(s: JsonSchema, rng: Rng, uuid: () => string): string {
  switch (s.format) {
    case "uuid":
      return uuid();
    case "email":
      return `fz${rng.int(1, 999)}@example.test`;
    case "date":
      return "2030-03-02";
    case "date-time":
      return "2030-03-02T10:00:00Z";
    case "uri":
      return "https://push.example.test/fz";
  }
  const re = s.pattern ? regex(s.pattern) : null;
  return EXAMPLES.find((e) => !re || re.test(e)) ?? "Ada";
}

/** A value of schema `s` that would likely pass (ids from `uuid`). */
export function sample(s: JsonSchema, rng: Rng, uuid: () => string): unknown {
  const b = branch(s, rng);
  if (b) return sample(b, rng, uuid);
  if (s.const !== undefined) return s.const;
  if (s.enum) return rng.pick(s.enum);
  switch (types(s).find((t) => t !== "null")) {
    case "string":
      return sampleString(s, rng, uuid);
    case "integer":
    case "number":
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 100, rng.int(1, 4)));
    case "boolean":
      return true;
    case "array":
      return Array.from(
        { length: Math.max(s.minItems ?? 0, 1) },
        () => sample(s.items ?? {}, rng, uuid),
      );
    case "object":
      return sampleObject(s, rng, uuid);
  }
  return "x";
}

function sampleObject(s: JsonSchema, rng: Rng, uuid: () => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    if (s.required?.includes(key) || rng.chance(0.5)) out[key] = sample(prop, rng, uuid);
  }
  const names = s.propertyNames?.enum;
  if (names && typeof s.additionalProperties === "object") {
    out[String(rng.pick(names))] = sample(s.additionalProperties, rng, uuid);
  }
  return out;
}

const WRONG: Record<string, unknown[]> = {
  string: [12, true, null, [], {}, ["a"], { "$ne": "" }],
  number: ["abc", "NaN", {}, [1, 2], "1,5", { "$gt": 0 }],
  integer: ["abc", "NaN", {}, [1, 2], 1.5, "1,5"],
  boolean: ["yes", 2, {}, [], "on"],
  array: ["a", 1, {}, { "0": "a", length: 1 }, null],
  object: ["a", 1, [], true, null],
};

/** A value whose JSON type is none of those `s` allows. */
export function wrongType(s: JsonSchema, rng: Rng): unknown {
  const allowed = types(branch(s, rng) ?? s);
  const pool = allowed.flatMap((t) => WRONG[t] ?? []).filter((v) => {
    const t = v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
    return !allowed.includes(t) && !(t === "number" && allowed.includes("integer"));
  });
  return pool.length ? rng.pick(pool) : Symbol.for("none");
}

/** A value of the right JSON type, chosen to be hostile (injection, edges, odd dates). */
export function hostileTyped(s: JsonSchema, rng: Rng): unknown {
  const t = types(branch(s, rng) ?? s)[0];
  if (t === "number" || t === "integer") return rng.pick(HOSTILE_NUMBERS);
  if (t === "boolean") return rng.chance(0.5);
  if (t === "array") {
    const n = rng.pick([0, 1, 10, 10_000]);
    return Array.from({ length: n }, () => hostileTyped(s.items ?? {}, rng));
  }
  if (t === "object") return withPollution({}, rng);
  if (s.format === "date" || s.format === "date-time" || /\\d\{4\}/.test(s.pattern ?? "")) {
    return rng.pick(HOSTILE_DATES);
  }
  return hostileString(rng);
}

/** Adds prototype-pollution keys as own properties (so JSON.stringify writes them). */
export function withPollution(target: Record<string, unknown>, rng: Rng): Record<string, unknown> {
  const key = rng.pick(POLLUTION_KEYS);
  const value = key === "__proto__"
    ? { polluted: "fz", isAdmin: true, role: "admin" }
    : { prototype: { polluted: "fz" } };
  Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  return target;
}

/** The object schema of `s` (its first object branch for a union), if it has one. */
export function objectSchema(s: JsonSchema): JsonSchema | undefined {
  if (s.properties) return s;
  return (s.anyOf ?? s.oneOf)?.find((o) => o.properties);
}
