/**
 * Request `i` of a fuzz run: a target (every endpoint in turn, shuffled per pass), a caller,
 * path parameters, a query, headers and a body, all drawn from the request's own seeded
 * stream. A state-changing request always carries something the app must refuse.
 */
import { Rng } from "./rng.ts";
import type { RouteResolver, Target } from "./targets.ts";
import { credentials, pickPrincipal, type Principal } from "./principal.ts";
import type { TokenSet } from "./identities.ts";
import { HOSTILE_URL_PIECES, hostileString, longString } from "./hostile.ts";
import { decorate, mangle, pickMethod, queryString } from "./request_parts.ts";
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
  /** The app's routing, to tell where a request lands. */
  resolver: RouteResolver;
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

function payloadFor(
  rng: Rng,
  t: Target,
  method: string,
  csrfToken: string | undefined,
): Payload | undefined {
  if (!MUTATING.has(method)) return undefined;
  if (t.kind === "upload") return uploadPayload(rng);
  if (t.kind === "page-upload" && rng.chance(0.7)) return uploadPayload(rng, csrfToken);
  if (t.kind === "page" || t.kind === "page-upload") return formPayload(rng, csrfToken);
  return jsonPayload(t.bodyJson, rng, () => rng.uuid());
}

/** Builds request `index` of run `ctx.seed`. */
export async function generateRequest(index: number, ctx: GeneratorContext): Promise<FuzzRequest> {
  const n = ctx.targets.length;
  const order = shuffled(n, Rng.of(ctx.seed, -1 - Math.floor(index / n)));
  const target = ctx.targets[order[index % n]];
  const rng = Rng.of(ctx.seed, index);
  const tags: string[] = [];
  const method = pickMethod(rng, target, tags);
  const mutating = MUTATING.has(method);
  const principal = pickPrincipal(rng, target, mutating);
  const { headers, csrfToken } = credentials(principal, ctx.tokens, rng);
  const page = target.kind === "page" || target.kind === "page-upload";
  if (!page && csrfToken !== undefined && mutating) headers["X-CSRF-Token"] = csrfToken;
  // A page post with a valid CSRF token goes only to made-up ids: nothing real may change.
  const realIds = !(page && mutating && principal.csrf === "match");
  const query = target.queryJson || rng.chance(mutating ? 0.1 : 0.4)
    ? queryString(rng, target.queryJson)
    : "";
  // As the server hands it over: backslashes and dot segments resolved by the URL parser.
  const url = new URL(mangle(rng, buildPath(rng, target, ctx, realIds), tags) + query, "http://x");
  const path = url.pathname + url.search;
  const payload = payloadFor(rng, target, method, csrfToken);
  tags.unshift(`who:${principal.badToken ?? (principal.ghost ? "ghost" : principal.via)}`);
  if (payload) tags.push(payload.tag);
  if (payload?.contentType) headers["Content-Type"] = payload.contentType;
  decorate(rng, headers, tags);
  const req: FuzzRequest = {
    index,
    target,
    method,
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
  req.verdict = await assess(req, ctx);
  if (mutating && !req.verdict.hard.length && !req.verdict.soft.length) {
    await refuseSurely(req, ctx, rng);
  }
  return req;
}

/** Makes a state-changing request certain to be refused: a bad token, or a mistyped body. */
async function refuseSurely(req: FuzzRequest, ctx: GeneratorContext, rng: Rng): Promise<void> {
  const kind = req.verdict.landing?.target.kind;
  if (kind === "page" || kind === "page-upload") {
    req.principal = { ...req.principal, csrf: "mismatch" };
    const body = typeof req.body === "string" ? req.body : "";
    req.body = body.replace(/(^|&)_csrf=[^&]*/, "$1_csrf=fz-forged");
    if (!/(^|&)_csrf=/.test(req.body)) req.body = `_csrf=fz-forged&${req.body}`;
    req.headers["Content-Type"] = "application/x-www-form-urlencoded";
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
  req.verdict = await assess(req, ctx);
  if (!req.verdict.hard.length) {
    throw new Error(`fuzz: cannot make #${req.index} fail surely: ${req.method} ${req.path}`);
  }
}

function shuffled(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
