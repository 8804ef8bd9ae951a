import type { MiddlewareHandler } from "hono";
import { AppError } from "../domain/app_error.ts";
import type { Role } from "../services/tokens.ts";
import type { AppEnv } from "./context.ts";

const ANYONE: Role[] = ["guest", "passenger", "operator", "admin"];
const SIGNED_IN: Role[] = ["passenger", "operator", "admin"];
const STAFF: Role[] = ["operator", "admin"];

/**
 * Who may call what: the one table of route → roles. A test checks that every route the
 * app registers under /api has an entry here, so nothing is reachable by accident.
 */
export const ACCESS: [method: string, path: string, roles: Role[]][] = [
  ["GET", "/api/flights", ANYONE],
  ["GET", "/api/flights/search", ANYONE],
  ["GET", "/api/flights/calendar", ANYONE],
  ["GET", "/api/flights/:id", ANYONE],
  ["GET", "/api/flights/:id/seats", ANYONE],
  ["POST", "/api/flights/:id/waitlist", SIGNED_IN],
  ["GET", "/api/airports", ANYONE],
  ["POST", "/api/bookings", SIGNED_IN],
  ["GET", "/api/bookings", SIGNED_IN],
  ["GET", "/api/bookings/lookup", ANYONE],
  ["GET", "/api/bookings/:id", SIGNED_IN],
  ["PATCH", "/api/bookings/:id/seats", SIGNED_IN],
  ["POST", "/api/bookings/:id/pay", SIGNED_IN],
  ["POST", "/api/bookings/:id/cancel", SIGNED_IN],
  ["POST", "/api/bookings/:id/check-in", SIGNED_IN],
  ["GET", "/api/bookings/:id/boarding-passes", SIGNED_IN],
  ["GET", "/api/bookings/:id/itinerary.ics", SIGNED_IN],
  ["GET", "/api/admin/flights/:id/reconcile", STAFF],
  ["GET", "/api/recommendations", ANYONE],
  ["GET", "/api/openapi.json", ANYONE],
  ["GET", "/api/docs", ANYONE],
  ["POST", "/api/auth/register", ANYONE],
  ["POST", "/api/auth/login", ANYONE],
  ["POST", "/api/auth/refresh", ANYONE],
  ["POST", "/api/auth/logout", ANYONE],
  ["GET", "/api/me", SIGNED_IN],
  ["GET", "/api/me/export", SIGNED_IN],
  ["DELETE", "/api/me", SIGNED_IN],
  ["GET", "/api/me/notifications", SIGNED_IN],
  ["POST", "/api/me/notifications/read-all", SIGNED_IN],
  ["POST", "/api/me/notifications/:id/read", SIGNED_IN],
  ["GET", "/api/me/notification-preferences", SIGNED_IN],
  ["PUT", "/api/me/notification-preferences", SIGNED_IN],
  ["GET", "/api/push/vapid-public-key", ANYONE],
  ["POST", "/api/me/push-subscriptions", SIGNED_IN],
  ["DELETE", "/api/me/push-subscriptions", SIGNED_IN],
  ["GET", "/api/admin/mailbox", STAFF],
  ["GET", "/api/admin/mailbox/:id", STAFF],
];

function matches(pattern: string, path: string): boolean {
  const a = pattern.split("/");
  const b = path.split("/");
  return a.length === b.length &&
    a.every((seg, i) => seg.startsWith(":") ? b[i] !== "" : seg === b[i]);
}

/** The roles allowed on a request, or undefined when the table does not list it. */
export function allowedRoles(method: string, path: string): Role[] | undefined {
  const m = method === "HEAD" ? "GET" : method;
  // Literal paths win over parameter patterns (/api/flights/search before /api/flights/:id).
  const candidates = ACCESS.filter(([am, ap]) => am === m && matches(ap, path));
  candidates.sort(([, a], [, b]) => a.split(":").length - b.split(":").length);
  return candidates[0]?.[2];
}

/** Enforces ACCESS: 401 for a guest where sign-in is needed, 403 for a role not allowed. */
export function authorize(): MiddlewareHandler<AppEnv> {
  return async function authorizeMiddleware(c, next) {
    const roles = allowedRoles(c.req.method, c.req.path);
    const role = c.get("principal").role;
    if (roles && !roles.includes(role)) {
      if (role === "guest") {
        throw new AppError(401, "unauthenticated", {
          detail: "Sign in to do this.",
          headers: { "WWW-Authenticate": "Bearer" },
        });
      }
      throw new AppError(403, "forbidden", { detail: "Your role may not do this." });
    }
    await next();
  };
}
