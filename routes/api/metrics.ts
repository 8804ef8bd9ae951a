import { Hono, type MiddlewareHandler } from "hono";
import { listPendingProjections } from "../../db/inventory_kv.ts";
import { actorsInMemory, appMetrics, outboxPending } from "../../platform/app_metrics.ts";
import { PROMETHEUS_CONTENT_TYPE } from "../../platform/metrics.ts";
import type { AppDeps, AppEnv } from "../context.ts";

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
 * the access table allows (admins: the API's own authentication runs as on /api). So a guest
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

/** `GET /metrics`: Prometheus text format 0.0.4; `api` is the API's authentication chain. */
export function metricsRoutes(deps: AppDeps, api: MiddlewareHandler<AppEnv>) {
  return new Hono<AppEnv>().get(
    "/metrics",
    metricsAccess(deps.config.metricsToken, api),
    async (c) => {
      // Read at scrape time: cheap here, and nothing on the hot paths has to keep them.
      outboxPending.set((await listPendingProjections(deps.kv)).length);
      actorsInMemory.set(deps.registry.size);
      // Several isolates: one scrape answers for the whole process, their series summed.
      const others = (await deps.peers?.metrics()) ?? [];
      return c.body(appMetrics.render(others), 200, {
        "Content-Type": PROMETHEUS_CONTENT_TYPE,
        "Cache-Control": "no-store",
      });
    },
  );
}
