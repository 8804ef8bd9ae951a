/**
 * The parts of a fuzz request around its target: a hostile query, odd headers, a method the
 * route lacks, and other spellings of its path.
 */
import type { Rng } from "./rng.ts";
import type { Target } from "./targets.ts";
import { hostileString } from "./hostile.ts";
import { type JsonSchema, sample } from "./schema_values.ts";

// Query names the pages read, for pages (which have no schema in the OpenAPI document).
const QUERY_NAMES = (
  "limit page q next from to date cabin passengers sort status origin " +
  "notice saved done pnr lastName short maxPrice month"
).split(" ");

/** A query from `schema` (or none) with hostile values, repeated keys and junk. */
export function queryString(rng: Rng, schema: JsonSchema | undefined): string {
  const q = new URLSearchParams();
  const base = schema ? sample(schema, rng, () => rng.uuid()) as Record<string, unknown> : {};
  for (const [k, v] of Object.entries(base)) q.append(k, String(v));
  const keys = [...Object.keys(schema?.properties ?? {}), ...QUERY_NAMES];
  for (let n = rng.int(0, 3); n > 0; n--) {
    const key = rng.pick(keys);
    const value = rng.pick([
      hostileString(rng),
      String(rng.pick([-1, 0, 1e309, 2 ** 53 + 1, 1.5])),
    ]);
    if (rng.chance(0.3)) q.append(key, value); // a repeated key arrives as an array
    else q.set(key, value);
  }
  let text = q.toString();
  if (rng.chance(0.15)) {
    text += rng.pick([
      "&%FF=%FE",
      "&__proto__[polluted]=fz",
      "&constructor[prototype][polluted]=fz",
      "&a[b][c]=1&a[]=2",
      "&&&=&==",
      "&q=%",
      `&pad=${"A".repeat(rng.pick([2_000, 30_000]))}`,
    ]);
  }
  return text ? `?${text}` : "";
}

/** Sometimes one odd header (and junk cookies when there are none). */
export function decorate(rng: Rng, headers: Record<string, string>, tags: string[]): void {
  if (!rng.chance(0.35)) return;
  const extra: [string, string][] = [
    ["X-Request-Id", rng.pick(["' OR 1=1--", "x".repeat(500), "\xff\xfe", "ok-request-id-1"])],
    ["Accept", rng.pick(["text/html", "application/xml", "text/event-stream", "*/*;q=abc"])],
    ["Idempotency-Key", rng.pick(["", "x".repeat(300), "' OR 1=1--", "\xff"])],
    ["Last-Event-ID", rng.pick(["-1", "99999999999999999999", "abc", "1e309", "' OR 1=1--"])],
    ["X-Forwarded-Proto", rng.pick(["https", "javascript", "http, https"])],
    ["X-Forwarded-For", "203.0.113.7, ' OR 1=1--"],
    ["Origin", "https://evil.example"],
    ["Range", "bytes=0-1"],
    ["User-Agent", "A".repeat(8_000)],
  ];
  const [name, value] = rng.pick(extra);
  headers[name] = value;
  if (!headers.Cookie && rng.chance(0.3)) {
    headers.Cookie = "ct_access=' OR 1=1--; __proto__=1; ct_csrf=\xff";
  }
  tags.push(`header:${name.toLowerCase()}`);
}

const OTHER_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"];

/** Now and then a method the route does not have (it may land on another route). */
export function pickMethod(rng: Rng, t: Target, tags: string[]): string {
  if (!rng.chance(0.04)) return t.method;
  tags.push("method");
  return rng.pick(OTHER_METHODS.filter((m) => m !== t.method));
}

// Spellings of a path that a router might treat as the same route, or an access check not.
const MANGLES: ((path: string) => string)[] = [
  // "/" + "/" would be a URL with an empty host, not another spelling of the path.
  (p) => (p.endsWith("/") ? p : `${p}/`),
  (p) => p.replace(/^\/(\w+)\//, "/$1//"),
  (p) => p.replace(/^\/(\w+)/, (m) => m.toUpperCase()),
  (p) => p.replace(/\/([^/]*)$/, "%2F$1"),
  (p) =>
    p.replace(/^\/a/, "/%61").replace(
      /^\/([b-z])/,
      (_, c: string) => `/%${c.charCodeAt(0).toString(16)}`,
    ),
  (p) => p.replace(/^\/(\w+)\//, "/$1/./x/../"),
  (p) => p.replaceAll("/", "\\"),
];

/** Sometimes another spelling of `path`. */
export function mangle(rng: Rng, path: string, tags: string[]): string {
  if (!rng.chance(0.04)) return path;
  tags.push("path");
  return rng.pick(MANGLES)(path);
}
