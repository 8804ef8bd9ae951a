import { Hono } from "hono";
import { pingKv } from "../../db/kv.ts";
import { withTimeout } from "../../platform/lifecycle.ts";
import type { AppDeps, AppEnv } from "../context.ts";

const CHECK_TIMEOUT_MS = 2_000;

async function timed(check: () => Promise<unknown>): Promise<{ ok: boolean; ms: number }> {
  const started = performance.now();
  const ok = await withTimeout(check(), CHECK_TIMEOUT_MS, "readiness check")
    .then((result) => result !== false, () => false);
  return { ok, ms: Math.round(performance.now() - started) };
}

/** `GET /health` (the process is alive) and `GET /ready` (KV and Postgres answer). */
export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get("/health", (c) => c.json({ status: "ok" }))
    .get("/ready", async (c) => {
      const [kv, postgres] = await Promise.all([
        timed(() => pingKv(deps.kv)),
        timed(() => deps.db.sql`SELECT 1`),
      ]);
      const ready = kv.ok && postgres.ok;
      c.header("Cache-Control", "no-store");
      return c.json(
        { status: ready ? "ready" : "unavailable", checks: { kv, postgres } },
        ready ? 200 : 503,
      );
    });
}
