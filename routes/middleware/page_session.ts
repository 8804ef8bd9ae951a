import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { AppError } from "../../domain/app_error.ts";
import { randomToken, timingSafeEqual, verifyAccessToken } from "../../adapters/tokens.ts";
import type { SessionEpochs } from "../../services/accounts/session_epochs.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { refreshSession } from "../session.ts";
import { COOKIES } from "./auth.ts";
import { isStreamedForm, readLeadingField } from "./streamed_form.ts";

/** Options for pageSession. */
export interface PageSessionOptions {
  deps: Pick<AppDeps, "clock" | "config" | "db">;
  epochs?: SessionEpochs;
}

const SAFE = new Set(["GET", "HEAD"]);

async function cookiePrincipal(c: Context<AppEnv>, o: PageSessionOptions) {
  const token = getCookie(c, COOKIES.access);
  const claims = token &&
    await verifyAccessToken(token, o.deps.config.jwtSecret!, o.deps.clock.now());
  if (!claims || await o.epochs?.revoked(claims.sub, claims.issuedAtMs ?? 0)) return undefined;
  return { userId: claims.sub, email: claims.email, role: claims.role, via: "cookie" as const };
}

/** The `_csrf` field of a form post, or undefined for any other body. */
async function formToken(c: Context<AppEnv>): Promise<string | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  if (isStreamedForm(c.req.path, type)) {
    // Only the leading `_csrf` part is read; the handler streams the rest (a large file).
    const { value, request } = await readLeadingField(c.req.raw, "_csrf");
    c.req.raw = request;
    return value;
  }
  const body = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
  return typeof body._csrf === "string" ? body._csrf : undefined;
}

/**
 * The session of a server-rendered page: the access cookie, or, when it expired, a renewal
 * with the refresh cookie, so a signed-in browser never sees a login form just
 * because 15 minutes passed. Every browser gets a CSRF cookie, guests too (login forms need
 * one), and every form post must carry it back as `_csrf` (double submit).
 */
export function pageSession(o: PageSessionOptions): MiddlewareHandler<AppEnv> {
  return async function pageSessionMiddleware(c, next) {
    let csrf = getCookie(c, COOKIES.csrf);
    if (!SAFE.has(c.req.method)) {
      const sent = await formToken(c);
      if (!csrf || !sent || !timingSafeEqual(sent, csrf)) {
        throw new AppError(403, "csrf_failed", {
          detail: "This form expired or came from another site. Reload the page and try again.",
        });
      }
    }
    let principal = await cookiePrincipal(c, o);
    const refresh = getCookie(c, COOKIES.refresh);
    if (!principal && refresh) {
      const renewed = await refreshSession(c, o.deps, refresh);
      if ("user" in renewed) {
        const u = renewed.user;
        principal = { userId: u.id, email: u.email, role: u.role, via: "cookie" };
        csrf = c.get("csrf");
      }
    }
    c.set("principal", principal ?? { role: "guest", via: "none" });
    if (!csrf) {
      csrf = randomToken();
      setCookie(c, COOKIES.csrf, csrf, {
        secure: o.deps.config.env === "production",
        sameSite: "Lax",
        path: "/",
      });
    }
    c.set("csrf", csrf);
    await next();
  };
}
