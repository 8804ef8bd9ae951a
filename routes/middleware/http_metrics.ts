import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { httpDuration, httpRequests } from "../../platform/app_metrics.ts";
import type { AppEnv } from "../context.ts";

const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"];
// Clients may send any token as a method; anything else is one label value, not many.
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The route pattern a request went to (`/api/bookings/:id/pay`), never its URL: the endpoint
 * that answered, or the one a middleware answered for (a refused sign-in, a body too large),
 * or the middleware itself when it is the destination (static files); "unmatched" for a 404
 * that no endpoint matched. So the label has as many values as the app has routes.
 */
export function routeLabel(c: Context): string {
  const routes = matchedRoutes(c);
  const at = c.req.routeIndex;
  if (routes[at] && routes[at].method !== "ALL") return routes[at].path;
  for (let i = at + 1; i < routes.length; i++) {
    if (routes[i].method !== "ALL") return routes[i].path;
  }
  return c.res.status === 404 || !routes[at] ? "unmatched" : routes[at].path;
}

/** Counts and times every request by method, route pattern and status class. */
export function httpMetrics(): MiddlewareHandler<AppEnv> {
  return async function httpMetricsMiddleware(c, next) {
    const started = performance.now();
    await next();
    const status = STATUS_CLASSES[Math.floor(c.res.status / 100) - 1] ?? "5xx";
    const route = routeLabel(c);
    const method = METHODS.has(c.req.method) ? c.req.method : "OTHER";
    const seconds = (performance.now() - started) / 1000;
    httpRequests.labels(method, route, status).inc();
    httpDuration.labels(method, route, status).observe(seconds);
  };
}
