import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { AppError } from "../../domain/app_error.ts";
import { MAX_PASSWORD_LENGTH } from "../../domain/password_policy.ts";
import { revokeRefreshFamily } from "../../db/users_repo.ts";
import { checkCredentials, registerPassenger } from "../../services/accounts/accounts.ts";
import { hashToken } from "../../adapters/tokens.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { clearSessionCookies, COOKIES } from "../middleware/auth.ts";
import { refreshSession, startSession } from "../session.ts";
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

/** `/api/auth/*`: register, login, refresh (rotating), logout. */
export function authRoutes(deps: AppDeps) {
  const limited = rateLimit({ store: deps.store, name: "auth", limit: 20, windowMs: 60_000 });
  return new Hono<AppEnv>()
    .post("/register", limited, validate("json", RegisterBody), async (c) => {
      const user = await registerPassenger(deps.db.sql, c.req.valid("json"));
      return c.json(await startSession(c, deps, user), 201);
    })
    .post("/login", limited, validate("json", LoginBody), async (c) => {
      const { email, password } = c.req.valid("json");
      const user = await checkCredentials(deps.db.sql, email, password);
      return c.json(await startSession(c, deps, user));
    })
    .post("/refresh", limited, validate("json", TokenBody), async (c) => {
      const presented = c.req.valid("json").refreshToken ?? getCookie(c, COOKIES.refresh);
      if (!presented) throw new AppError(401, "invalid_token", { detail: "No refresh token." });
      const outcome = await refreshSession(c, deps, presented);
      if ("user" in outcome) return c.json(outcome);
      throw new AppError(401, outcome.kind === "reused" ? "token_reused" : "invalid_token", {
        detail: outcome.kind === "reused"
          ? "This refresh token was already used; every session from that sign-in is now closed."
          : "The refresh token is invalid or expired.",
      });
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
