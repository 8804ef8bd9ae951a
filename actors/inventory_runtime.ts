import type { Clock } from "../domain/clock.ts";
import type { Sql } from "../db/postgres.ts";
import { loadInventoryFromPostgres } from "../db/inventory_repo.ts";
import { singleFlight } from "../db/group_commit.ts";
import type { Logger } from "../platform/log.ts";
import { ActorRegistry } from "./registry.ts";
import { type QueueConsumer, startQueueConsumer } from "./queue.ts";
import { Projector } from "./projector.ts";

/** What the inventory subsystem needs from the composition root. */
export interface InventoryRuntimeDeps {
  kv: Deno.Kv;
  sql: Sql;
  clock: Clock;
  log: Logger;
  holdTtlMs: number;
  /**
   * Run the background side here: the KV queue consumer, the projection catch-up loop and
   * the once-a-minute sweeps (off in tests, and in every isolate but one).
   */
  background?: boolean;
  /** How often to project flights the durable outbox marks as pending (default 5 s). */
  catchUpMs?: number;
  /** Work outside the actor system that reacts to it (waitlist offers, sweeps). */
  hooks?: InventoryHooks;
}

/**
 * What the inventory runtime calls back into, so that the workers that react to seats and
 * sweeps (workers/inventory_hooks.ts) depend on the actors, never the other way round.
 */
export interface InventoryHooks {
  /** Seats were freed in Postgres by a projection; returns how many waitlist offers it made. */
  seatsFreed?: (registry: ActorRegistry, flightId: string) => Promise<number>;
  /** Runs once a minute after the overdue-hold sweep (background isolate only). */
  everyMinute?: (registry: ActorRegistry, projector: Projector) => Promise<void>;
}

/** The running inventory subsystem. */
export interface InventoryRuntime {
  registry: ActorRegistry;
  projector: Projector;
  /** Waits for mailboxes to drain and stops the loops; close KV afterwards. */
  stop(): Promise<void>;
}

/** The actors' registry and the projector, wired together (the app and tests both use it). */
export function createInventory(
  deps: Pick<InventoryRuntimeDeps, "kv" | "sql" | "clock" | "log" | "hooks"> & {
    holdTtlMs?: number;
  },
): { registry: ActorRegistry; projector: Projector } {
  const log = deps.log.child({ component: "inventory" });
  const registry = new ActorRegistry({
    kv: deps.kv,
    clock: deps.clock,
    log,
    source: (flightId) => loadInventoryFromPostgres(deps.sql, flightId, deps.holdTtlMs),
    // Every commit is projected into Postgres by the isolate that made it, at once; the
    // commit's durable mark is the guarantee (the catch-up loop), this is the fast path.
    onCommit: (state) => {
      projector.project(state.flightId)
        .then((r) => r.gap && log.warn("projection gap: events aged out", { ...r }))
        .catch((err) => log.warn("projection failed; the catch-up loop retries", { error: err }));
    },
  });
  // Seats freed anywhere (a release, an expiry, a cancellation) reach the waitlist from the
  // projection that brought them into Postgres, once per flight at a time.
  const seatsFreed = deps.hooks?.seatsFreed;
  const offer = singleFlight((flightId) =>
    seatsFreed ? seatsFreed(registry, flightId) : Promise.resolve(0)
  );
  const projector: Projector = new Projector({
    kv: deps.kv,
    sql: deps.sql,
    onProjected: (result) => {
      if (!result.freed) return;
      return offer(result.flightId)
        .then((offered) => offered && log.info("waitlist offered seats", { ...result, offered }))
        .catch((err) => log.error("waitlist offer failed", { error: err }));
    },
  });
  return { registry, projector };
}

/**
 * Starts the flight actors' registry and the projector; with `background`, also the KV queue
 * consumer (delayed hold expiries and projection messages), a catch-up loop over the durable
 * outbox marks, and a cron sweep for holds whose expiry message was missed.
 */
export function startInventory(deps: InventoryRuntimeDeps): InventoryRuntime {
  const log = deps.log.child({ component: "inventory" });
  const { registry, projector } = createInventory(deps);
  registry.start();
  const sweep = new AbortController();
  let catchingUp: Promise<unknown> | undefined;
  let catchUpTimer: ReturnType<typeof setInterval> | undefined;
  let consumer: QueueConsumer | undefined;
  if (deps.background) {
    consumer = startQueueConsumer({ kv: deps.kv, registry, projector, log });
    consumer.done.catch((err) => log.error("queue consumer stopped", { error: err }));
    // The queue is only the fast path to Postgres; this loop is the guarantee (at start-up
    // too), one bounded batch of flights per pass.
    const catchUp = () => {
      catchingUp ??= projector.catchUp()
        .catch((err) => log.error("projection catch-up failed", { error: err }))
        .finally(() => catchingUp = undefined);
    };
    catchUp();
    catchUpTimer = setInterval(catchUp, deps.catchUpMs ?? 5000);
    Deno.cron(
      "contrail expire overdue holds",
      "* * * * *",
      { signal: sweep.signal },
      () => minuteSweep(deps, registry, projector, log),
    );
  }
  return {
    registry,
    projector,
    stop: async () => {
      // Nothing new starts; what runs finishes while KV and Postgres are still open.
      sweep.abort();
      clearInterval(catchUpTimer);
      await consumer?.stop();
      await registry.close();
      await catchingUp;
      await projector.drained();
    },
  };
}

/** The once-a-minute safety net for overdue holds, then the hooks' own sweeps. */
async function minuteSweep(
  deps: InventoryRuntimeDeps,
  registry: ActorRegistry,
  projector: Projector,
  log: Logger,
): Promise<void> {
  const released = await registry.sweepExpiredHolds();
  if (released) log.info("sweep released overdue holds", { released });
  await deps.hooks?.everyMinute?.(registry, projector);
}
