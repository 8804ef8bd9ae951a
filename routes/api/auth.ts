import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { AppError } from "../../domain/app_error.ts";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "../../domain/password_policy.ts";
import {
  createUser,
  findUserById,
  findUserForLogin,
  insertRefreshToken,
  revokeRefreshFamily,
  rotateRefreshToken,
  type User,
} from "../../db/users_repo.ts";
import { hashPassword, verifyPassword } from "../../services/password.ts";
import {
  ACCESS_TTL_SECONDS,
  hashToken,
  randomToken,
  REFRESH_TTL_MS,
  signAccessToken,
} from "../../services/tokens.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { clearSessionCookies, COOKIES } from "../middleware/auth.ts";
import { rateLimit } from "../middleware/rate_limit.ts";
import { validate } from "../problem.ts";

const email = z.email({ message: "expected an email address" }).max(254).transform((e) => e.trim());
/** Body of `POST /api/auth/register`. */
export const RegisterBody = z.object({
  email,
  password: z.string().max(MAX_PASSWORD_LENGTH),
  name: z.string().trim().min(1).max(100),
});
/** Body of `POST /api/auth/login`. */
export const LoginBody = z.object({ email, password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });
/** Body of refresh and logout (or the refresh cookie). */
export const TokenBody = z.object({ refreshToken: z.string().min(20).max(200).optional() }).default(
  {},
);

let dummyHash: Promise<string> | undefined;

/**
 * Sets the session cookies and returns the tokens for a signed-in user. Without a
 * `rotatedToken` (already stored by rotation) a new refresh-token family is started.
 */
async function startSession(c: Context<AppEnv>, deps: AppDeps, user: User, rotatedToken?: string) {
  const now = deps.clock.now();
  const refreshToken = rotatedToken ?? randomToken();
  const secret = deps.config.jwtSecret!;
  const accessToken = await signAccessToken(
    { sub: user.id, role: user.role, email: user.email },
    secret,
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
  setCookie(c, COOKIES.refresh, refreshToken, {
    httpOnly: true,
    secure,
    sameSite: "Strict",
    path: "/api/auth",
    maxAge: REFRESH_TTL_MS / 1000,
  });
  // Readable by the page's script, which echoes it in X-CSRF-Token (double submit).
  setCookie(c, COOKIES.csrf, randomToken(), { secure, sameSite: "Lax", path: "/" });
  return { user, accessToken, refreshToken, expiresIn: ACCESS_TTL_SECONDS };
}

const invalidCredentials = () =>
  new AppError(401, "invalid_credentials", { detail: "Email or password is wrong." });

/** `/api/auth/*`: register, login, refresh (rotating), logout. */
export function authRoutes(deps: AppDeps) {
  const limited = rateLimit({ store: deps.store, name: "auth", limit: 20, windowMs: 60_000 });
  return new Hono<AppEnv>()
    .post("/register", limited, validate("json", RegisterBody), async (c) => {
      const body = c.req.valid("json");
      const problem = passwordProblem(body.password, body.email);
      if (problem) {
        throw new AppError(400, "weak_password", {
          detail: problem,
          errors: [{ path: "password", message: problem }],
        });
      }
      const user = await createUser(deps.db.sql, {
        email: body.email,
        name: body.name,
        passwordHash: await hashPassword(body.password),
      });
      if (!user) {
        throw new AppError(409, "email_taken", { detail: "This email is already registered." });
      }
      return c.json(await startSession(c, deps, user), 201);
    })
    .post("/login", limited, validate("json", LoginBody), async (c) => {
      const body = c.req.valid("json");
      const found = await findUserForLogin(deps.db.sql, body.email);
      // Hash even for an unknown email, so the answer takes as long either way.
      dummyHash ??= hashPassword(randomToken());
      const hash = found?.passwordHash ?? await dummyHash;
      const ok = await verifyPassword(body.password, hash);
      if (!found || !found.passwordHash || !ok) throw invalidCredentials();
      if (found.user.disabled) {
        throw new AppError(403, "account_disabled", { detail: "This account is disabled." });
      }
      return c.json(await startSession(c, deps, found.user));
    })
    .post("/refresh", limited, validate("json", TokenBody), async (c) => {
      const presented = c.req.valid("json").refreshToken ?? getCookie(c, COOKIES.refresh);
      if (!presented) throw new AppError(401, "invalid_token", { detail: "No refresh token." });
      const now = deps.clock.now();
      const next = randomToken();
      const outcome = await rotateRefreshToken(deps.db.sql, await hashToken(presented), {
        hash: await hashToken(next),
        expiresAt: new Date(now.getTime() + REFRESH_TTL_MS),
      }, now);
      if (outcome.kind !== "rotated") {
        clearSessionCookies(c);
        c.get("log").warn("refresh token rejected", { outcome: outcome.kind });
        throw new AppError(401, outcome.kind === "reused" ? "token_reused" : "invalid_token", {
          detail: outcome.kind === "reused"
            ? "This refresh token was already used; every session from that sign-in is now closed."
            : "The refresh token is invalid or expired.",
        });
      }
      const user = await findUserById(deps.db.sql, outcome.userId);
      if (!user) {
        throw new AppError(401, "invalid_token", { detail: "The account no longer exists." });
      }
      return c.json(await startSession(c, deps, user, next));
    })
    .post("/logout", validate("json", TokenBody), async (c) => {
      const presented = c.req.valid("json").refreshToken ?? getCookie(c, COOKIES.refresh);
      if (presented) {
        await revokeRefreshFamily(deps.db.sql, await hashToken(presented), deps.clock.now());
      }
      clearSessionCookies(c);
      return c.body(null, 204);
    });
}
