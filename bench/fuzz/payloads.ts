/**
 * JSON request bodies for a fuzz run: typed, mistyped, malformed, huge, deep, not UTF-8, or
 * under the wrong Content-Type (page forms and uploads are in forms.ts). Each payload says
 * what a JSON validator would be handed, so the generator can tell whether it must be refused.
 */
import type { Rng } from "./rng.ts";
import { BAD_JSON, deepJson, hostileString, INVALID_UTF8, RAW_NUMBER_LITERALS } from "./hostile.ts";
import {
  hostileTyped,
  type JsonSchema,
  objectSchema,
  sample,
  withPollution,
  wrongType,
} from "./schema_values.ts";

/** A body and what parsing it yields. */
export interface Payload {
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  /** What Hono's JSON validator hands zod; MALFORMED when it answers 400 itself. */
  parsed: unknown;
  tag: string;
}

/** Marks a body that fails before validation (not JSON, or not parseable). */
export const MALFORMED = Symbol("malformed");

/** Over the app's 1 MiB limit for every body but the bulk upload. */
export const HUGE_BYTES = 1024 * 1024 + 1;

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What the validator sees for `bytes` sent as `contentType` (Hono's JSON validator rules). */
export function validatorInput(bytes: Uint8Array | string | undefined, contentType?: string) {
  const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (!JSON_TYPE.test(media)) return {};
  try {
    return JSON.parse(
      typeof bytes === "string" ? bytes : decoder.decode(bytes ?? new Uint8Array()),
    );
  } catch {
    return MALFORMED;
  }
}

/** What a route that reads an optional body as JSON, whatever its type, sees (`{}` if none). */
export function optionalBodyInput(bytes: Uint8Array | string | undefined) {
  const text = typeof bytes === "string" ? bytes : decoder.decode(bytes ?? new Uint8Array());
  try {
    return text.trim() ? JSON.parse(text) : {};
  } catch {
    return MALFORMED;
  }
}

function json(value: unknown, tag: string, contentType = "application/json"): Payload {
  const body = JSON.stringify(value) ?? "";
  return { body, contentType, parsed: validatorInput(body, contentType), tag };
}

function raw(body: string | Uint8Array<ArrayBuffer>, contentType: string, tag: string): Payload {
  return { body, contentType, parsed: validatorInput(body, contentType), tag };
}

/** A mutation of a sampled body: one field mistyped, dropped or made hostile, or extra keys. */
function mutated(schema: JsonSchema, rng: Rng, uuid: () => string): Payload {
  const value = sample(schema, rng, uuid);
  const obj = objectSchema(schema);
  if (!obj || typeof value !== "object" || value === null || Array.isArray(value)) {
    return json(wrongType(schema, rng), "body:wrong-root");
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(obj.properties ?? {});
  const key = keys.length ? rng.pick(keys) : "x";
  const prop = obj.properties?.[key] ?? {};
  const how = rng.weighted({ wrong: 3, missing: 2, hostile: 4, extra: 2, literal: 1 });
  if (how === "wrong") {
    const wrong = wrongType(prop, rng);
    if (typeof wrong !== "symbol") record[key] = wrong;
  } else if (how === "missing") {
    delete record[obj.required?.length ? rng.pick(obj.required) : key];
  } else if (how === "hostile") {
    record[key] = hostileTyped(prop, rng);
  } else if (how === "extra") {
    withPollution(record, rng);
    record[hostileString(rng).slice(0, 64) || "x"] = hostileString(rng);
  } else {
    // A number literal JSON.stringify cannot write (NaN, 1e309, 0x10...), spliced in as text.
    record[key] = "\u0000fz\u0000";
    const text = JSON.stringify(record).replace(
      '"\\u0000fz\\u0000"',
      rng.pick(RAW_NUMBER_LITERALS),
    );
    return raw(text, "application/json", "body:raw-number");
  }
  return json(record, `body:${how}`);
}

/** A JSON text with bytes that are not UTF-8 inside one of its strings. */
function notUtf8(value: unknown, rng: Rng): Payload {
  const text = JSON.stringify({ value, note: "\u0000fz\u0000" });
  const [head, tail] = text.split("\\u0000fz\\u0000");
  const bad = rng.pick(INVALID_UTF8);
  const bytes = new Uint8Array([...encoder.encode(head), ...bad, ...encoder.encode(tail)]);
  return raw(bytes, "application/json", "body:invalid-utf8");
}

/** A body for a JSON route with `schema` (or none: a route that reads no body). */
export function jsonPayload(schema: JsonSchema | undefined, rng: Rng, uuid: () => string): Payload {
  const s = schema ?? { type: "object" };
  const how = rng.weighted({
    valid: 2,
    mutated: 10,
    malformed: 2,
    "content-type": 2,
    "invalid-utf8": 1,
    deep: 0.5,
    duplicate: 0.5,
    empty: 1,
    huge: 0.4,
    multipart: 0.5,
  });
  switch (how) {
    case "valid":
      return json(sample(s, rng, uuid), "body:typed");
    case "mutated":
      return mutated(s, rng, uuid);
    case "malformed":
      return raw(rng.pick(BAD_JSON), "application/json", "body:malformed");
    case "content-type": {
      const type = rng.pick([
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
        "application/json; charset=utf-16",
        "application/jsonp",
        "*/*",
        "",
      ]);
      const p = json(sample(s, rng, uuid), "body:content-type", type);
      return type ? p : { ...p, contentType: undefined, parsed: {} };
    }
    case "invalid-utf8":
      return notUtf8(sample(s, rng, uuid), rng);
    case "deep":
      return raw(deepJson(rng.pick([1_000, 100_000])), "application/json", "body:deep");
    case "duplicate":
      return raw(
        '{"role":"passenger","role":"admin","__proto__":{"x":1}}',
        "application/json",
        "body:duplicate-keys",
      );
    case "empty":
      return { contentType: "application/json", parsed: MALFORMED, tag: "body:none" };
    case "huge":
      return raw(`{"x":"${"A".repeat(HUGE_BYTES)}"}`, "application/json", "body:too-large");
    case "multipart":
      return raw(
        '--fz\r\nContent-Disposition: form-data; name="file"\r\n\r\n{"a":1}\r\n--fz--\r\n',
        "multipart/form-data; boundary=fz",
        "body:multipart",
      );
  }
}
