/** Whether this process can serve: KV and Postgres answer in time. */
import { pingKv } from "../../db/kv.ts";
import { pingPostgres, type Sql } from "../../db/postgres.ts";
import { withTimeout } from "../../platform/lifecycle.ts";

const CHECK_TIMEOUT_MS = 2_000;

/** One dependency's answer: whether it came, and how long it took. */
export interface Check {
  ok: boolean;
  ms: number;
}

async function timed(check: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  const ok = await withTimeout(check(), CHECK_TIMEOUT_MS, "readiness check")
    .then((result) => result !== false, () => false);
  return { ok, ms: Math.round(performance.now() - started) };
}

/** Pings KV and Postgres at once, each bounded by a timeout. */
export async function readiness(deps: { kv: Deno.Kv; sql: Sql }) {
  const [kv, postgres] = await Promise.all([
    timed(() => pingKv(deps.kv)),
    timed(() => pingPostgres(deps.sql)),
  ]);
  return { ready: kv.ok && postgres.ok, checks: { kv, postgres } };
}
