import type { MiddlewareHandler } from "hono";
import { AppError } from "../domain/app_error.ts";
import type { Role } from "../adapters/tokens.ts";
import type { AppEnv } from "./context.ts";

const ANYONE: Role[] = ["guest", "passenger", "operator", "admin"];
const SIGNED_IN: Role[] = ["passenger", "operator", "admin"];
const STAFF: Role[] = ["operator", "admin"];
const ADMIN: Role[] = ["admin"];

/**
 * Who may call what: the one table of route → roles. A test checks that every route the
 * app registers under /api (and /metrics) has an entry here, so nothing is reachable by
 * accident.
 */
export const ACCESS: [method: string, path: string, roles: Role[]][] = [
  ["GET", "/api/flights", ANYONE],
  ["GET", "/api/flights/search", ANYONE],
  ["GET", "/api/flights/calendar", ANYONE],
  ["GET", "/api/flights/:id", ANYONE],
  ["GET", "/api/flights/:id/seats", ANYONE],
  ["GET", "/api/flights/:id/seats/stream", ANYONE],
  ["GET", "/api/flights/:id/status/stream", ANYONE],
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
  // Outside /api for Prometheus; a scraper may instead present METRICS_TOKEN (api/metrics.ts).
  ["GET", "/metrics", ADMIN],
  ["POST", "/api/admin/flights/:id/status", STAFF],
  ["GET", "/api/admin/ops/stream", STAFF],
  ["GET", "/api/recommendations", ANYONE],
  ["GET", "/api/openapi.json", ANYONE],
  ["GET", "/api/docs", ANYONE],
  ["POST", "/api/auth/register", ANYONE],
  ["POST", "/api/auth/login", ANYONE],
  ["POST", "/api/auth/refresh", ANYONE],
  ["POST", "/api/auth/logout", ANYONE],
  ["GET", "/api/me", SIGNED_IN],
  ["GET", "/api/me/export", SIGNED_IN],
  ["GET", "/api/me/notifications/stream", SIGNED_IN],
  ["DELETE", "/api/me", SIGNED_IN],
  ["GET", "/api/me/notifications", SIGNED_IN],
  ["POST", "/api/me/notifications/read-all", SIGNED_IN],
  ["POST", "/api/me/notifications/:id/read", SIGNED_IN],
  ["GET", "/api/me/notification-preferences", SIGNED_IN],
  ["PUT", "/api/me/notification-preferences", SIGNED_IN],
  ["GET", "/api/push/vapid-public-key", ANYONE],
  ["POST", "/api/me/push-subscriptions", SIGNED_IN],
  ["DELETE", "/api/me/push-subscriptions", SIGNED_IN],
  ["GET", "/api/admin/flights", STAFF],
  ["POST", "/api/admin/flights", STAFF],
  ["GET", "/api/admin/flights/:id", STAFF],
  ["PUT", "/api/admin/flights/:id", STAFF],
  ["DELETE", "/api/admin/flights/:id", STAFF],
  ["POST", "/api/admin/flights/recurring/preview", STAFF],
  ["POST", "/api/admin/flights/recurring", STAFF],
  ["POST", "/api/admin/flights/bulk", STAFF],
  ["GET", "/api/admin/jobs", STAFF],
  ["GET", "/api/admin/jobs/:id", STAFF],
  ["GET", "/api/admin/jobs/:id/rejections", STAFF],
  ["POST", "/api/admin/flights/:id/aircraft", STAFF],
  ["GET", "/api/admin/flights/:id/pricing", STAFF],
  ["PUT", "/api/admin/flights/:id/pricing", STAFF],
  ["POST", "/api/admin/flights/:id/seats/block", STAFF],
  ["POST", "/api/admin/flights/:id/seats/unblock", STAFF],
  ["POST", "/api/admin/flights/:id/messages", STAFF],
  ["GET", "/api/admin/flights/:id/messages", STAFF],
  ["POST", "/api/admin/flights/:id/reaccommodate", STAFF],
  ["GET", "/api/admin/flights/:id/reaccommodation", STAFF],
  ["GET", "/api/admin/mailbox", STAFF],
  ["GET", "/api/admin/mailbox/:id", STAFF],
  ["GET", "/api/admin/users", ADMIN],
  ["GET", "/api/admin/users/:id", ADMIN],
  ["PUT", "/api/admin/users/:id/role", ADMIN],
  ["POST", "/api/admin/users/:id/disable", ADMIN],
  ["POST", "/api/admin/users/:id/enable", ADMIN],
  ["GET", "/api/admin/airports", STAFF],
  ["POST", "/api/admin/airports", STAFF],
  ["PUT", "/api/admin/airports/:iata", STAFF],
  ["GET", "/api/admin/aircraft-types", STAFF],
  ["GET", "/api/admin/aircraft-types/:code", STAFF],
  ["POST", "/api/admin/aircraft-types", STAFF],
  ["PUT", "/api/admin/aircraft-types/:code", STAFF],
  ["GET", "/api/admin/aircraft", STAFF],
  ["POST", "/api/admin/aircraft", STAFF],
  ["PUT", "/api/admin/aircraft/:registration", STAFF],
  ["GET", "/api/admin/reports/flights", STAFF],
  ["GET", "/api/admin/reports/routes", STAFF],
  ["GET", "/api/admin/reports/daily", STAFF],
  ["GET", "/api/admin/reports/bookings-per-hour", STAFF],
  ["GET", "/api/admin/reports/crew-hours", STAFF],
  ["GET", "/api/admin/crew", STAFF],
  ["POST", "/api/admin/crew", STAFF],
  ["GET", "/api/admin/crew/shortfalls", STAFF],
  ["POST", "/api/admin/crew/auto-assign", STAFF],
  ["POST", "/api/admin/crew/auto-assign/accept", STAFF],
  ["GET", "/api/admin/crew/:id", STAFF],
  ["PUT", "/api/admin/crew/:id", STAFF],
  ["POST", "/api/admin/crew/:id/unavailability", STAFF],
  ["DELETE", "/api/admin/crew/:id/unavailability/:periodId", STAFF],
  ["GET", "/api/admin/flights/:id/crew", STAFF],
  ["POST", "/api/admin/flights/:id/crew", STAFF],
  ["DELETE", "/api/admin/flights/:id/crew/:crewId", STAFF],
];

// Split once: this runs on every request. Literal paths win over parameter patterns
// (/api/flights/search before /api/flights/:id), so fewer parameters come first.
const COMPILED = ACCESS
  .map(([method, pattern, roles]) => ({
    method,
    segments: pattern.split("/"),
    params: pattern.split(":").length - 1,
    roles,
  }))
  .sort((a, b) => a.params - b.params);

/** The roles allowed on a request, or undefined when the table does not list it. */
export function allowedRoles(method: string, path: string): Role[] | undefined {
  const m = method === "HEAD" ? "GET" : method;
  const parts = path.split("/");
  const hit = COMPILED.find(({ method, segments }) =>
    method === m && segments.length === parts.length &&
    segments.every((seg, i) => seg.startsWith(":") ? parts[i] !== "" : seg === parts[i])
  );
  return hit?.roles;
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
