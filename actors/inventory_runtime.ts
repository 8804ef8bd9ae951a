import type { Clock } from "../domain/clock.ts";
import type { Sql } from "../db/postgres.ts";
import { loadInventoryFromPostgres } from "../db/inventory_repo.ts";
import type { Logger } from "../services/log.ts";
import { ActorRegistry } from "./registry.ts";
import { startQueueConsumer } from "./queue.ts";
import { projectPending } from "./projector.ts";
import { recoverPayments } from "./payment_recovery.ts";
import type { PaymentGateway } from "../services/payment_gateway.ts";
import type { NotifierDeps } from "../services/notifier.ts";
import { notifyExpiredHolds, notifyHoldsExpiringSoon } from "../services/booking_notices.ts";

/** What the inventory subsystem needs from the composition root. */
export interface InventoryRuntimeDeps {
  kv: Deno.Kv;
  sql: Sql;
  clock: Clock;
  log: Logger;
  holdTtlMs: number;
  /** Register the once-a-minute expiry sweep with Deno.cron (off in tests). */
  cron?: boolean;
  /** How often to project flights the durable outbox marks as pending (default 5 s). */
  catchUpMs?: number;
  /** Where refunds go when the payment sweep finds a charge a crash left unconfirmed. */
  gateway?: PaymentGateway;
  /** Notification producers: hold expiring / expired notices, waitlist offers. */
  notifier?: NotifierDeps;
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
  const consumer = { kv: deps.kv, sql: deps.sql, registry, log, notifier: deps.notifier };
  startQueueConsumer(consumer).catch((err) => log.error("queue consumer stopped", { error: err }));
  // The queue is only the fast path to Postgres; this loop is the guarantee (at start-up too).
  let catchingUp: Promise<unknown> | undefined;
  const catchUp = () => {
    catchingUp ??= projectPending(deps.kv, deps.sql)
      .catch((err) => log.error("projection catch-up failed", { error: err }))
      .finally(() => catchingUp = undefined);
  };
  catchUp();
  const catchUpTimer = setInterval(catchUp, deps.catchUpMs ?? 5000);
  const sweep = new AbortController();
  if (deps.cron) {
    Deno.cron("contrail expire overdue holds", "* * * * *", { signal: sweep.signal }, async () => {
      const released = await registry.sweepExpiredHolds();
      if (released) log.info("sweep released overdue holds", { released });
      if (deps.gateway) {
        const recovered = await recoverPayments({
          ...deps,
          gateway: deps.gateway,
          registry,
          now: deps.clock.now(),
        });
        if (recovered.length) log.warn("recovered half-done payments", { recovered });
      }
      if (deps.notifier) {
        // Once per hold each (dedupe keys); expiry notices the queue path missed, too.
        const expiring = await notifyHoldsExpiringSoon(deps.notifier);
        const expired = await notifyExpiredHolds(deps.notifier);
        if (expiring || expired) log.info("hold notices", { expiring, expired });
      }
    });
  }
  return {
    registry,
    stop: async () => {
      sweep.abort();
      clearInterval(catchUpTimer);
      await registry.close();
      await catchingUp;
    },
  };
}
