/**
 * Request `i` of a fuzz run: a target (every endpoint in turn, shuffled per pass), a caller,
 * path parameters, a query, headers and a body, all drawn from the request's own seeded
 * stream. A state-changing request always carries something the app must refuse.
 */
import { Rng } from "./rng.ts";
import type { Target } from "./targets.ts";
import { credentials, pickPrincipal, type Principal } from "./principal.ts";
import type { TokenSet } from "./identities.ts";
import { HOSTILE_URL_PIECES, hostileString, longString } from "./hostile.ts";
import { type JsonSchema, sample } from "./schema_values.ts";
import { jsonPayload, type Payload, validatorInput } from "./payloads.ts";
import { formPayload, uploadPayload } from "./forms.ts";
import { assess, type Assessment } from "./assess.ts";

/** Real ids of the seeded data, by the kind of thing a path parameter names. */
export type IdKind =
  | "flight"
  | "booking"
  | "user"
  | "crew"
  | "mailbox"
  | "notification"
  | "airport"
  | "type"
  | "registration";

/** What the generator draws ids and tokens from. */
export interface GeneratorContext {
  seed: number;
  targets: readonly Target[];
  ids: Record<IdKind, string[]>;
  /** Every real id and code, uppercased, to tell an unknown one from a real one. */
  known: ReadonlySet<string>;
  tokens: TokenSet;
}

/** One generated request with what the app must make of it. */
export interface FuzzRequest {
  index: number;
  target: Target;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** Send the body as a stream without Content-Length (chunked, as a slow client would). */
  streamed: boolean;
  remoteAddr: string;
  principal: Principal;
  payload?: Payload;
  tags: string[];
  verdict: Assessment;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function idKind(t: Target, param: string): IdKind | undefined {
  if (param === "iata") return "airport";
  if (param === "code") return "type";
  if (param === "registration") return "registration";
  if (param === "crewId") return "crew";
  if (param === "bookingId") return "booking";
  if (param === "flightId") return "flight";
  if (param !== "id") return undefined;
  const word = t.pattern.split("/").filter((s) => s && !s.startsWith(":")).at(-1) ?? "";
  const before = t.pattern.split("/:id")[0].split("/").at(-1) ?? "";
  const kinds: Record<string, IdKind> = {
    flights: "flight",
    bookings: "booking",
    users: "user",
    crew: "crew",
    mailbox: "mailbox",
    notifications: "notification",
    trips: "booking",
    checkout: "booking",
  };
  return kinds[before] ?? kinds[word];
}

/** A parameter value: real, an unknown UUID, or hostile; `real` false keeps it off real ids. */
function paramValue(
  rng: Rng,
  t: Target,
  name: string,
  ctx: GeneratorContext,
  real: boolean,
): string {
  const kind = idKind(t, name);
  const how = rng.weighted({ real: real && kind ? 4 : 0, unknown: 3, hostile: 3, long: 0.3 });
  if (how === "real" && kind && ctx.ids[kind].length) {
    return encodeURIComponent(rng.pick(ctx.ids[kind]));
  }
  if (how === "unknown") return rng.uuid();
  if (how === "long") {
    return encodeURIComponent(longString(rng, rng.pick([300, 9_000, 40_000])).toWellFormed());
  }
  return rng.chance(0.6)
    ? rng.pick(HOSTILE_URL_PIECES)
    : encodeURIComponent(hostileString(rng).toWellFormed());
}

function buildPath(rng: Rng, t: Target, ctx: GeneratorContext, real: boolean): string {
  return t.segments.map((s) => (s.param ? paramValue(rng, t, s.param, ctx, real) : s.literal))
    .join("/");
}

function queryString(rng: Rng, schema: JsonSchema | undefined): string {
  const q = new URLSearchParams();
  const base = schema ? sample(schema, rng, () => rng.uuid()) as Record<string, unknown> : {};
  for (const [k, v] of Object.entries(base)) q.append(k, String(v));
  const keys = [...Object.keys(schema?.properties ?? {}), "limit", "page", "q", "next"];
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

function decorate(rng: Rng, headers: Record<string, string>, tags: string[]): void {
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

function payloadFor(rng: Rng, t: Target, csrfToken: string | undefined): Payload | undefined {
  if (!MUTATING.has(t.method)) return undefined;
  if (t.kind === "upload") return uploadPayload(rng);
  if (t.kind === "page-upload" && rng.chance(0.7)) return uploadPayload(rng, csrfToken);
  if (t.kind === "page" || t.kind === "page-upload") return formPayload(rng, csrfToken);
  return jsonPayload(t.bodyJson, rng, () => rng.uuid());
}

/** Builds request `index` of run `ctx.seed`. */
export function generateRequest(index: number, ctx: GeneratorContext): FuzzRequest {
  const n = ctx.targets.length;
  const order = shuffled(n, Rng.of(ctx.seed, -1 - Math.floor(index / n)));
  const target = ctx.targets[order[index % n]];
  const rng = Rng.of(ctx.seed, index);
  const mutating = MUTATING.has(target.method);
  const principal = pickPrincipal(rng, target, mutating);
  const { headers, csrfToken } = credentials(principal, ctx.tokens, rng);
  const page = target.kind === "page" || target.kind === "page-upload";
  if (!page && csrfToken !== undefined && mutating) headers["X-CSRF-Token"] = csrfToken;
  // A page post with a valid CSRF token goes only to made-up ids: nothing real may change.
  const realIds = !(page && mutating && principal.csrf === "match");
  const query = target.queryJson || rng.chance(mutating ? 0.1 : 0.4)
    ? queryString(rng, target.queryJson)
    : "";
  const path = buildPath(rng, target, ctx, realIds) + query;
  const payload = payloadFor(rng, target, csrfToken);
  const tags = [`who:${principal.badToken ?? (principal.ghost ? "ghost" : principal.via)}`];
  if (payload) tags.push(payload.tag);
  if (payload?.contentType) headers["Content-Type"] = payload.contentType;
  decorate(rng, headers, tags);
  const req: FuzzRequest = {
    index,
    target,
    method: target.method,
    path,
    headers,
    body: payload?.body,
    streamed: !!payload?.body && rng.chance(0.1),
    remoteAddr: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    principal,
    payload,
    tags,
    verdict: { hard: [], soft: [] },
  };
  req.verdict = assess(req, ctx);
  if (mutating && !req.verdict.hard.length && !req.verdict.soft.length) refuseSurely(req, ctx, rng);
  return req;
}

/** Makes a state-changing request certain to be refused: a bad token, or a mistyped body. */
function refuseSurely(req: FuzzRequest, ctx: GeneratorContext, rng: Rng): void {
  const page = req.target.kind === "page" || req.target.kind === "page-upload";
  if (page) {
    req.principal = { ...req.principal, csrf: "mismatch" };
    const body = typeof req.body === "string" ? req.body : "";
    req.body = body.replace(/(^|&)_csrf=[^&]*/, "$1_csrf=fz-forged");
    if (!/(^|&)_csrf=/.test(req.body)) req.body = `_csrf=fz-forged&${req.body}`;
    if (req.headers["Content-Type"] !== "application/x-www-form-urlencoded") {
      req.headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
  } else if (req.target.body && rng.chance(0.5)) {
    req.body = JSON.stringify(rng.pick([[], "x", 42, null, true]));
    req.headers["Content-Type"] = "application/json";
    req.payload = {
      body: req.body,
      contentType: "application/json",
      parsed: validatorInput(req.body, "application/json"),
      tag: "body:wrong-root",
    };
  } else {
    req.principal = { via: "bearer", role: "guest", badToken: "forged", csrf: req.principal.csrf };
    req.headers.Authorization = `Bearer ${ctx.tokens.bad.forged}`;
  }
  req.tags.push("forced-refusal");
  req.verdict = assess(req, ctx);
}

function shuffled(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
