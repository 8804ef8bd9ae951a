/**
 * The background work that reacts to the flight actors: freed seats go to the waitlist, and
 * once a minute half-done payments are finished and "pay soon" notices queued. The inventory
 * runtime calls these through its hooks, so actors/ never imports workers/.
 */
import { endLapsedHolds } from "../db/bookings_repo.ts";
import type { Clock } from "../domain/clock.ts";
import type { Sql } from "../db/postgres.ts";
import type { Logger } from "../platform/log.ts";
import type { PaymentGateway } from "../adapters/payment_gateway.ts";
import type { NotifierDeps } from "../notifications/notifier.ts";
import { enqueueHoldsExpiringSoon } from "../notifications/booking_notices.ts";
import type { InventoryHooks } from "../actors/inventory_runtime.ts";
import { promoteWaitlist } from "./waitlist.ts";
import { recoverPayments } from "./payment_recovery.ts";

/** What the hooks need from the composition root. */
export interface InventoryHooksDeps {
  kv: Deno.Kv;
  sql: Sql;
  clock: Clock;
  log: Logger;
  /**
   * The payment sweep's gateway (looked up for claims a crash left pending; refunds for
   * charges it left unconfirmed) and the key that seals a found charge's card token. The
   * sweep runs only with both.
   */
  gateway?: PaymentGateway;
  paymentTokenKey?: string;
  /** Notification producers: waitlist offers, hold notices. */
  notifier?: NotifierDeps;
}

/** The waitlist offer on freed seats and the minute sweeps, bound to their dependencies. */
export function inventoryHooks(deps: InventoryHooksDeps): InventoryHooks {
  const log = deps.log.child({ component: "inventory" });
  return {
    seatsFreed: (registry, flightId) =>
      promoteWaitlist({ ...deps, registry, notifier: deps.notifier }, flightId),
    everyMinute: async (registry, projector) => {
      if (deps.gateway && deps.paymentTokenKey) {
        const recovered = await recoverPayments({
          ...deps,
          gateway: deps.gateway,
          paymentTokenKey: deps.paymentTokenKey,
          registry,
          projector,
          now: deps.clock.now(),
        });
        if (recovered.length) log.warn("recovered half-done payments", { recovered });
      }
      const lapsed = await endLapsedHolds(deps.sql, deps.clock.now());
      if (lapsed) log.warn("ended held bookings past their hold", { lapsed });
      if (deps.notifier) {
        const expiring = await enqueueHoldsExpiringSoon(deps.sql, deps.clock.now());
        if (expiring) {
          deps.notifier.noticeQueued?.();
          log.info("hold notices queued", { expiring });
        }
      }
    },
  };
}
