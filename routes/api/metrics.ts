import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { scrapeMetrics } from "../../services/monitoring/scrape.ts";
import { PROMETHEUS_CONTENT_TYPE } from "../../platform/metrics.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { ADMIN, declare, router, textResponse } from "../declare.ts";

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** Compares digests in time that depends on neither token's content nor length. */
function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Who may scrape: a scraper presenting `METRICS_TOKEN` as its bearer token, or else whoever
 * the declaration allows (admins: the API's own authentication runs as on /api). So a guest
 * gets 401, another role 403, a wrong token 401, all as problem+json.
 */
function metricsAccess(
  token: string | undefined,
  api: MiddlewareHandler<AppEnv>,
): MiddlewareHandler<AppEnv> {
  const expected = token ? sha256(token) : undefined;
  return async function metricsAccessMiddleware(c, next) {
    const presented = /^Bearer (\S{1,512})$/.exec(c.req.header("authorization") ?? "")?.[1];
    if (expected && presented && sameDigest(await sha256(presented), await expected)) {
      return await next();
    }
    return await api(c, next);
  };
}

/** `GET /metrics`: Prometheus text format 0.0.4; `authenticate` is the API's authentication. */
export function metricsRoutes(deps: AppDeps, authenticate: MiddlewareHandler<AppEnv>) {
  const scrape = declare({
    method: "get",
    path: "/metrics",
    tags: ["Operations"],
    summary: "Prometheus metrics, text format 0.0.4 (or Bearer METRICS_TOKEN)",
    roles: ADMIN,
    // Outside /api for Prometheus: the token is tried first, then the API's sign-in and roles.
    guard: (check) => metricsAccess(deps.config.metricsToken, every(authenticate, check)),
    responses: { 200: textResponse("Every series of the process", PROMETHEUS_CONTENT_TYPE) },
  });
  return router().openapi(scrape, async (c) => {
    // Several isolates: one scrape answers for the whole process, their series summed.
    return c.body(await scrapeMetrics(deps), 200, {
      "Content-Type": PROMETHEUS_CONTENT_TYPE,
      "Cache-Control": "no-store",
    });
  });
}
