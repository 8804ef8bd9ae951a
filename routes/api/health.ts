import { Hono } from "hono";
import { readiness } from "../../services/monitoring/readiness.ts";
import type { AppDeps, AppEnv } from "../context.ts";

/**
 * `GET /health` (the process is alive) and `GET /ready` (KV and Postgres answer). Not part
 * of the API (no sign-in, no roles, not in its document): load balancers probe them.
 */
export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get("/health", (c) => c.json({ status: "ok" }))
    .get("/ready", async (c) => {
      const { ready, checks } = await readiness({ kv: deps.kv, sql: deps.db.sql });
      c.header("Cache-Control", "no-store");
      return c.json({ status: ready ? "ready" : "unavailable", checks }, ready ? 200 : 503);
    });
}
