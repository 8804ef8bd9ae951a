/**
 * Who a fuzz request is sent as, and with which CSRF proof: the right role, a wrong one, a
 * guest, a bad bearer token, a deleted user, or a cookie session whose CSRF token is right,
 * missing or wrong. The choice is data, so the assessor can tell what the app must refuse.
 */
import type { Role } from "../../adapters/tokens.ts";
import {
  BAD_TOKENS,
  badAuthorization,
  type BadToken,
  type StaffRole,
  type TokenSet,
} from "./identities.ts";
import type { Rng } from "./rng.ts";
import type { Target } from "./targets.ts";

/** How the CSRF double submit goes: matching, missing either side, or not matching. */
export type CsrfMode = "match" | "no-cookie" | "no-token" | "mismatch";

/** The caller of one request. */
export interface Principal {
  via: "none" | "bearer" | "cookie";
  /** The role the app will see (guest for bad or absent credentials). */
  role: Role;
  badToken?: BadToken;
  ghost?: boolean;
  /** A stale or forged access cookie, or a made-up refresh cookie: a guest to the app. */
  badCookie?: boolean;
  csrf: CsrfMode;
}

const STAFF_ROLES: StaffRole[] = ["passenger", "operator", "admin"];

/** Picks the caller for a request on `target`. */
export function pickPrincipal(rng: Rng, target: Target, mutating: boolean): Principal {
  const csrf = pickCsrf(rng, mutating);
  if (target.kind === "page" || target.kind === "page-upload") {
    const how = rng.weighted({ guest: 2, cookie: 5, "bad-cookie": 1 });
    if (how === "cookie") return { via: "cookie", role: rng.pick(STAFF_ROLES), csrf };
    return { via: "none", role: "guest", badCookie: how === "bad-cookie", csrf };
  }
  const allowed = target.roles ?? [];
  const refused = (["guest", ...STAFF_ROLES] as Role[]).filter((r) => !allowed.includes(r));
  const how = rng.weighted({
    allowed: 5,
    refused: refused.length ? 2 : 0,
    "bad-token": 2,
    // A token whose user row is gone: users are never deleted, so only reads try it (a
    // write would fail its foreign key, a 500 no real client can cause).
    ghost: mutating ? 0 : 0.5,
    cookie: 2,
  });
  if (how === "bad-token") {
    return { via: "bearer", role: "guest", badToken: rng.pick(BAD_TOKENS), csrf };
  }
  if (how === "ghost") return { via: "bearer", role: "admin", ghost: true, csrf };
  const role = how === "refused" ? rng.pick(refused) : rng.pick(allowed.length ? allowed : refused);
  if (role === "guest") return { via: "none", role, csrf };
  return { via: how === "cookie" ? "cookie" : "bearer", role, csrf };
}

function pickCsrf(rng: Rng, mutating: boolean): CsrfMode {
  if (!mutating) return "match";
  return rng.weighted({ match: 4, "no-cookie": 1, "no-token": 2, mismatch: 2 });
}

/** The CSRF token value a matching double submit uses (any value works: it is compared). */
export const CSRF_TOKEN = "fz-csrf-token-0123456789";

/** The Authorization and Cookie headers of a principal, and the token its form or header carries. */
export function credentials(
  p: Principal,
  tokens: TokenSet,
  rng: Rng,
): { headers: Record<string, string>; csrfToken?: string } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  if (p.via === "bearer") {
    headers.Authorization = p.badToken
      ? badAuthorization(tokens, p.badToken, rng)
      : `Bearer ${p.ghost ? tokens.ghost : tokens.valid[p.role as StaffRole]}`;
  }
  if (p.via === "cookie") cookies.push(`ct_access=${tokens.valid[p.role as StaffRole]}`);
  if (p.badCookie) {
    cookies.push(
      rng.chance(0.5)
        ? `ct_access=${
          tokens.bad[rng.pick(["forged", "expired", "alg-none", "tampered"] as const)]
        }`
        : `ct_refresh=${rng.pick(["x".repeat(43), "' OR 1=1--", "%FF%FE"])}`,
    );
  }
  if (p.csrf !== "no-cookie") cookies.push(`ct_csrf=${CSRF_TOKEN}`);
  if (cookies.length) headers.Cookie = cookies.join("; ");
  const csrfToken = p.csrf === "match" || p.csrf === "no-cookie"
    ? CSRF_TOKEN
    : p.csrf === "mismatch"
    ? rng.pick(["fz-csrf-token-0123456788", "' OR 1=1--", "", CSRF_TOKEN + "x"])
    : undefined;
  return { headers, csrfToken };
}
