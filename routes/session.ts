import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import {
  findUserById,
  insertRefreshToken,
  rotateRefreshToken,
  type User,
} from "../db/users_repo.ts";
import {
  ACCESS_TTL_SECONDS,
  hashToken,
  randomToken,
  REFRESH_TTL_MS,
  signAccessToken,
} from "../adapters/tokens.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { clearSessionCookies, COOKIES } from "./middleware/auth.ts";

/** What a started session hands a client that does not use cookies. */
export interface SessionTokens {
  user: User;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * Sets the session cookies and returns the tokens for a signed-in user. Without a
 * `rotatedToken` (already stored by rotation) a new refresh-token family is started. The
 * CSRF token is renewed too, so a token planted before sign-in is worth nothing after it.
 */
export async function startSession(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, "clock" | "config" | "db">,
  user: User,
  rotatedToken?: string,
): Promise<SessionTokens> {
  const now = deps.clock.now();
  const refreshToken = rotatedToken ?? randomToken();
  const accessToken = await signAccessToken(
    { sub: user.id, role: user.role, email: user.email },
    deps.config.jwtSecret!,
    now,
  );
  if (!rotatedToken) {
    await insertRefreshToken(deps.db.sql, {
      userId: user.id,
      familyId: crypto.randomUUID(),
      hash: await hashToken(refreshToken),
      expiresAt: new Date(now.getTime() + REFRESH_TTL_MS),
    });
  }
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
  return { user, accessToken, refreshToken, expiresIn: ACCESS_TTL_SECONDS };
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
  const now = deps.clock.now();
  const next = randomToken();
  const outcome = await rotateRefreshToken(deps.db.sql, await hashToken(presented), {
    hash: await hashToken(next),
    expiresAt: new Date(now.getTime() + REFRESH_TTL_MS),
  }, now);
  const user = outcome.kind === "rotated"
    ? await findUserById(deps.db.sql, outcome.userId)
    : undefined;
  if (!user) {
    clearSessionCookies(c);
    c.get("log").warn("refresh token rejected", { outcome: outcome.kind });
    return { kind: outcome.kind === "reused" ? "reused" : "invalid" };
  }
  return await startSession(c, deps, user, next);
}
