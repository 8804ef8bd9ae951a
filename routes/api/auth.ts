import { getCookie } from "hono/cookie";
import { AppError } from "../../domain/app_error.ts";
import { checkCredentials, registerPassenger } from "../../services/accounts/accounts.ts";
import { LoginBody, RegisterBody, TokenBody } from "../../services/accounts/account_input.ts";
import { signOut } from "../../services/accounts/sessions.ts";
import type { AppDeps } from "../context.ts";
import { ANYONE, declare, jsonBody, jsonResponse, router } from "../declare.ts";
import { clearSessionCookies, COOKIES } from "../middleware/auth.ts";
import { refreshSession, startSession } from "../session.ts";
import { limitOf } from "../middleware/limits.ts";
import { Session } from "../responses.ts";

/** `/api/auth/*`: register, login, refresh (rotating), logout. */
export function authRoutes(deps: AppDeps) {
  const limited = limitOf(deps, "auth");
  const auth = { tags: ["Accounts"], roles: ANYONE, method: "post" as const };
  const register = declare({
    ...auth,
    path: "/api/auth/register",
    summary: "Create a passenger account",
    middleware: [limited],
    request: { body: jsonBody(RegisterBody) },
    responses: { 201: jsonResponse("The user, signed in: tokens and session cookies", Session) },
  });
  const login = declare({
    ...auth,
    path: "/api/auth/login",
    summary: "Sign in",
    middleware: [limited],
    request: { body: jsonBody(LoginBody) },
    responses: { 200: jsonResponse("The user, signed in: tokens and session cookies", Session) },
  });
  const refresh = declare({
    ...auth,
    path: "/api/auth/refresh",
    summary: "Rotate the refresh token",
    middleware: [limited],
    request: { body: jsonBody(TokenBody) },
    responses: { 200: jsonResponse("New tokens; the one presented is spent", Session) },
  });
  const logout = declare({
    ...auth,
    path: "/api/auth/logout",
    summary: "Sign out (revokes the token family)",
    request: { body: jsonBody(TokenBody) },
    responses: { 204: { description: "Signed out; session cookies cleared" } },
  });
  return router()
    .openapi(register, async (c) => {
      const user = await registerPassenger(deps.db.sql, c.req.valid("json"));
      return c.json(await startSession(c, deps, user), 201);
    })
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid("json");
      const user = await checkCredentials({ ...deps, sql: deps.db.sql }, email, password);
      return c.json(await startSession(c, deps, user));
    })
    .openapi(refresh, async (c) => {
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
    .openapi(logout, async (c) => {
      const presented = c.req.valid("json").refreshToken ?? getCookie(c, COOKIES.refresh);
      if (presented) {
        await signOut({ sql: deps.db.sql, clock: deps.clock, store: deps.store }, presented);
      }
      clearSessionCookies(c);
      return c.body(null, 204);
    });
}
