import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { AppError } from "../../domain/app_error.ts";
import {
  type AccessClaims,
  type Role,
  timingSafeEqual,
  verifyAccessToken,
} from "../../adapters/tokens.ts";
import type { SessionEpochs } from "../../services/accounts/session_epochs.ts";
import type { AppEnv } from "../context.ts";

/** Cookie names used for browser sessions. */
export const COOKIES = {
  access: "ct_access",
  refresh: "ct_refresh",
  csrf: "ct_csrf",
} as const;

/** Removes the session cookies (logout, refused refresh, erased account). */
export function clearSessionCookies(c: Context<AppEnv>): void {
  deleteCookie(c, COOKIES.access, { path: "/" });
  deleteCookie(c, COOKIES.refresh, { path: "/" });
  // Sessions started before the refresh cookie moved to "/" kept it under /api/auth.
  deleteCookie(c, COOKIES.refresh, { path: "/api/auth" });
  deleteCookie(c, COOKIES.csrf, { path: "/" });
}

/** The caller, as established by `authenticate`. */
export interface Principal {
  /** Undefined for a guest. */
  userId?: string;
  email?: string;
  role: Role;
  /** How the caller proved who they are: cookies need CSRF protection, bearer tokens do not. */
  via: "bearer" | "cookie" | "none";
}

/** Options for authenticate. */
export interface AuthenticateOptions {
  secret: string;
  now: () => Date;
  /** Refuses tokens issued before the user's last role change or disabling. */
  epochs?: SessionEpochs;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Paths whose POSTs act on no existing session, so a CSRF token is not asked for. */
const NO_SESSION_PATHS = new Set(["/api/auth/login", "/api/auth/register"]);

/** True when a cookie-authenticated request carries the matching CSRF token. */
export function csrfOk(c: Context<AppEnv>): boolean {
  const cookie = getCookie(c, COOKIES.csrf);
  const header = c.req.header("x-csrf-token");
  return !!cookie && !!header && timingSafeEqual(cookie, header);
}

/** True when the token predates a security change of its user (memoized per process). */
async function revoked(claims: AccessClaims, epochs: SessionEpochs | undefined): Promise<boolean> {
  return !!epochs && await epochs.revoked(claims.sub, claims.issuedAtMs ?? 0);
}

/**
 * Works out who is calling: a Bearer access token, else the access cookie, else a guest.
 * A Bearer header that is present but invalid, or revoked by a later role change or disabling,
 * is a 401 (the client expects to be someone); a stale or revoked cookie just means guest.
 * Cookie-authenticated state changes need the CSRF header.
 */
export function authenticate(options: AuthenticateOptions): MiddlewareHandler<AppEnv> {
  return async function authenticateMiddleware(c, next) {
    const header = c.req.header("authorization");
    let principal: Principal = { role: "guest", via: "none" };
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
      const claims = match && await verifyAccessToken(match[1], options.secret, options.now());
      if (!claims) {
        throw new AppError(401, "invalid_token", {
          detail: "The access token is missing, malformed or expired.",
          headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' },
        });
      }
      if (await revoked(claims, options.epochs)) {
        throw new AppError(401, "token_revoked", {
          detail: "The account's role or access changed after this token was issued; " +
            "refresh the session or sign in again.",
          headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' },
        });
      }
      principal = { userId: claims.sub, email: claims.email, role: claims.role, via: "bearer" };
    } else {
      const cookie = getCookie(c, COOKIES.access);
      const claims = cookie && await verifyAccessToken(cookie, options.secret, options.now());
      // A revoked cookie session is a guest, like an expired one: the page refreshes it.
      if (claims && !await revoked(claims, options.epochs)) {
        principal = { userId: claims.sub, email: claims.email, role: claims.role, via: "cookie" };
      }
    }
    const cookieSession = principal.via === "cookie" || !!getCookie(c, COOKIES.refresh);
    if (
      cookieSession && header === undefined && !SAFE.has(c.req.method) &&
      !NO_SESSION_PATHS.has(c.req.path) && !csrfOk(c)
    ) {
      throw new AppError(403, "csrf_failed", {
        detail: "Send the ct_csrf cookie's value in the X-CSRF-Token header.",
      });
    }
    c.set("principal", principal);
    await next();
  };
}
