/**
 * What the app must make of a generated request, worked out from the request alone: the
 * reasons it has to be refused (hard: a 2xx is a failure) and the reasons it can change
 * nothing (soft: ids that do not exist, credentials that cannot sign in).
 */
import type { FuzzRequest, GeneratorContext } from "./generate.ts";
import type { Landing, Target } from "./targets.ts";
import { HUGE_BYTES, MALFORMED, optionalBodyInput } from "./payloads.ts";

/** Why a request must fail (hard) or cannot change data (soft). */
export interface Assessment {
  hard: string[];
  soft: string[];
  /** Where the request lands; undefined: on no route. */
  landing?: Landing;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
/** Routes that read their optional JSON body themselves, whatever its Content-Type. */
const OPTIONAL_BODY = new Set(["POST /api/me/notifications/read-all"]);
const NO_SESSION_PATHS = new Set(["/api/auth/login", "/api/auth/register"]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

function bodySize(body: FuzzRequest["body"]): number {
  if (body === undefined) return 0;
  return typeof body === "string" ? new TextEncoder().encode(body).length : body.length;
}

function formField(body: FuzzRequest["body"], name: string): string | undefined {
  return typeof body === "string" ? new URLSearchParams(body).get(name) ?? undefined : undefined;
}

/** Whether zod accepts `value` (a schema that throws counts as refusing: the app will 500). */
function accepts(schema: { safeParse(v: unknown): { success: boolean } }, value: unknown): boolean {
  try {
    return schema.safeParse(value).success;
  } catch {
    return false;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function unknownRef(value: unknown, known: ReadonlySet<string>): boolean {
  if (typeof value === "string") return UUID.test(value) && !known.has(value.toUpperCase());
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some((v) => unknownRef(v, known));
}

function apiReasons(
  req: FuzzRequest,
  { target: t, params }: Landing,
  known: ReadonlySet<string>,
  out: Assessment,
): void {
  const p = req.principal;
  // Only the access table's routes authenticate; /health and /ready take anyone.
  if (t.roles) {
    if (p.badToken) out.hard.push("token");
    else if (!t.roles.includes(p.role)) out.hard.push("role");
    if (
      p.via === "cookie" && !SAFE.has(req.method) && !NO_SESSION_PATHS.has(t.pattern) &&
      p.csrf !== "match"
    ) out.hard.push("csrf");
  }
  if (t.params && !accepts(t.params, params)) out.hard.push("param");
  if (t.body && !SAFE.has(req.method)) {
    const parsed = OPTIONAL_BODY.has(`${t.method} ${t.pattern}`)
      ? optionalBodyInput(req.body)
      : req.payload?.parsed;
    if (parsed === MALFORMED || !accepts(t.body, parsed)) out.hard.push("body");
    // A valid body naming something that does not exist (a random flight or crew id).
    else if (unknownRef(parsed, known)) out.soft.push("unknown-ref");
  }
  if (t.kind === "upload") out.hard.push("upload");
}

function pageReasons(req: FuzzRequest, t: Target, out: Assessment): void {
  if (SAFE.has(req.method)) return;
  const type = req.headers["Content-Type"] ?? "";
  const form = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type);
  if (req.principal.csrf !== "match" || !form) out.hard.push("csrf");
  if (t.kind === "page-upload") out.hard.push("upload");
  if (t.pattern === "/login" || t.pattern === "/register") {
    if (!EMAIL.test(formField(req.body, "email") ?? "")) out.soft.push("bad-credentials");
  }
}

/** The reasons request `req` must be refused or cannot change anything. */
export async function assess(req: FuzzRequest, ctx: GeneratorContext): Promise<Assessment> {
  const out: Assessment = { hard: [], soft: [] };
  const landing = await ctx.resolver.resolve(req.method, req.path);
  if (!landing) {
    out.hard.push("no-route");
    return out;
  }
  out.landing = landing;
  const t = landing.target;
  const streamedUpload = t.kind === "upload" ||
    (t.kind === "page-upload" && /^multipart\/form-data/i.test(req.headers["Content-Type"] ?? ""));
  if (!streamedUpload && bodySize(req.body) >= HUGE_BYTES) out.hard.push("too-large");
  if (t.kind === "page" || t.kind === "page-upload") pageReasons(req, t, out);
  else apiReasons(req, landing, ctx.known, out);
  const values = Object.values(landing.params);
  if (values.some((v) => !ctx.known.has(v.trim().toUpperCase()))) out.soft.push("unknown-id");
  return out;
}
