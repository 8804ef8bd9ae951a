import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import type { User } from "../domain/views/account.ts";
import { ACCESS_TTL_SECONDS, randomToken, REFRESH_TTL_MS } from "../adapters/tokens.ts";
import {
  issueSession,
  rotateSession,
  type SessionDeps,
  type SessionTokens,
} from "../services/accounts/sessions.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { clearSessionCookies, COOKIES } from "./middleware/auth.ts";

export type { SessionTokens };

const sessionDeps = (deps: Pick<AppDeps, "clock" | "config" | "db">): SessionDeps => ({
  sql: deps.db.sql,
  clock: deps.clock,
  jwtSecret: deps.config.jwtSecret!,
});

/**
 * Sets the session cookies and returns the tokens for a signed-in user (a new refresh-token
 * family). The CSRF token is renewed too, so a token planted before sign-in is worth nothing
 * after it.
 */
export async function startSession(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, "clock" | "config" | "db">,
  user: User,
): Promise<SessionTokens> {
  return setSessionCookies(c, deps, await issueSession(sessionDeps(deps), user));
}

function setSessionCookies(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, "config">,
  tokens: SessionTokens,
): SessionTokens {
  const { accessToken, refreshToken } = tokens;
  const secure = deps.config.env === "production";
  setCookie(c, COOKIES.access, accessToken, {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/",
    maxAge: ACCESS_TTL_SECONDS,
  });
  // Path "/" so that server-rendered pages can renew an expired access cookie themselves;
  // HttpOnly and SameSite=Strict keep it out of scripts and cross-site requests.
  setCookie(c, COOKIES.refresh, refreshToken, {
    httpOnly: true,
    secure,
    sameSite: "Strict",
    path: "/",
    maxAge: REFRESH_TTL_MS / 1000,
  });
  const csrf = randomToken();
  // Readable by the page's script, which echoes it in X-CSRF-Token; forms carry it as _csrf.
  setCookie(c, COOKIES.csrf, csrf, { secure, sameSite: "Lax", path: "/" });
  c.set("csrf", csrf);
  return tokens;
}

/**
 * Rotates a refresh token and starts the next session with it; on a refused token the
 * cookies are cleared and the reason returned (`reused` revoked the whole family).
 */
export async function refreshSession(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, "clock" | "config" | "db">,
  presented: string,
): Promise<SessionTokens | { kind: "reused" | "invalid" }> {
  const outcome = await rotateSession(sessionDeps(deps), presented);
  if ("kind" in outcome) {
    clearSessionCookies(c);
    c.get("log").warn("refresh token rejected", { outcome: outcome.kind });
    return outcome;
  }
  return setSessionCookies(c, deps, outcome);
}
