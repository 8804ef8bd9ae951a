import type { Clock } from "../domain/clock.ts";
import type { Sql } from "../db/postgres.ts";
import { loadInventoryFromPostgres } from "../db/inventory_repo.ts";
import type { Logger } from "../services/log.ts";
import { ActorRegistry } from "./registry.ts";
import { startQueueConsumer } from "./queue.ts";

/** What the inventory subsystem needs from the composition root. */
export interface InventoryRuntimeDeps {
  kv: Deno.Kv;
  sql: Sql;
  clock: Clock;
  log: Logger;
  holdTtlMs: number;
  /** Register the once-a-minute expiry sweep with Deno.cron (off in tests). */
  cron?: boolean;
}

/** The running inventory subsystem. */
export interface InventoryRuntime {
  registry: ActorRegistry;
  /** Waits for mailboxes to drain and stops the sweep; close KV afterwards. */
  stop(): Promise<void>;
}

/**
 * Starts the flight actors' registry, the KV queue consumer (delayed hold expiries and the
 * Postgres projector) and a cron sweep that releases holds whose expiry message was missed.
 */
export function startInventory(deps: InventoryRuntimeDeps): InventoryRuntime {
  const log = deps.log.child({ component: "inventory" });
  const registry = new ActorRegistry({
    kv: deps.kv,
    clock: deps.clock,
    log,
    source: (flightId) => loadInventoryFromPostgres(deps.sql, flightId, deps.holdTtlMs),
  }).start();
  startQueueConsumer({ kv: deps.kv, sql: deps.sql, registry, log }).catch((err) =>
    log.error("queue consumer stopped", { error: err })
  );
  const sweep = new AbortController();
  if (deps.cron) {
    Deno.cron("contrail expire overdue holds", "* * * * *", { signal: sweep.signal }, async () => {
      const released = await registry.sweepExpiredHolds();
      if (released) log.info("sweep released overdue holds", { released });
    });
  }
  return {
    registry,
    stop: async () => {
      sweep.abort();
      await registry.close();
    },
  };
}
