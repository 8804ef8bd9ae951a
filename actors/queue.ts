import type { Sql } from "../db/postgres.ts";
import type { InventoryMessage } from "../db/inventory_kv.ts";
import type { Logger } from "../services/log.ts";
import type { ActorRegistry } from "./registry.ts";
import { projectFlight } from "./projector.ts";
import { singleFlight } from "../db/group_commit.ts";
import { promoteWaitlist } from "./waitlist.ts";
import { notifyExpiredHolds } from "../services/booking_notices.ts";
import { bestEffort, type NotifierDeps } from "../services/notifier.ts";
import { countQueueMessage } from "../services/app_metrics.ts";

/** What the queue consumer needs. */
export interface QueueConsumerDeps {
  kv: Deno.Kv;
  sql: Sql;
  registry: ActorRegistry;
  log: Logger;
  /** Notification producers; without them, nobody is told about expiries and offers. */
  notifier?: NotifierDeps;
}

function isInventoryMessage(m: unknown): m is InventoryMessage {
  const kind = (m as { kind?: unknown })?.kind;
  return kind === "expire-hold" || kind === "project";
}

/**
 * Handles the inventory path's queue messages: delayed hold expiries go to the flight's
 * actor, outbox messages run the projector. Delivery is at-least-once and both handlers are
 * idempotent; a thrown error makes KV redeliver with backoff.
 */
export function handleQueueMessage(deps: QueueConsumerDeps) {
  // Every actor commit sends a message; under load many arrive for one flight at once. Each
  // projection takes the flight's projection lock, so concurrent ones would only queue on it
  // while holding pool connections: run one at a time per flight and coalesce the rest.
  const project = singleFlight((flightId) => projectFlight(deps.kv, deps.sql, flightId));
  return async (message: unknown): Promise<void> => {
    if (!isInventoryMessage(message)) {
      deps.log.warn("unknown queue message", { message });
      return;
    }
    if (message.kind === "expire-hold") {
      await deps.registry.send(message.flightId, { type: "ExpireHold", holdId: message.holdId });
      return;
    }
    const result = await project(message.flightId);
    if (result.gap) deps.log.warn("projection gap: events aged out", { ...result });
    // Seats came free: offer them to the waitlist. When this run applied nothing, another
    // caller (a cancellation, a payment) projected this commit's events first and they may
    // have freed seats: look too. Nobody waiting costs one indexed UPDATE that finds nothing.
    if (result.freed || result.applied === 0) {
      const offered = await promoteWaitlist(
        { sql: deps.sql, kv: deps.kv, registry: deps.registry, notifier: deps.notifier },
        message.flightId,
      );
      if (offered) deps.log.info("waitlist offered seats", { flightId: message.flightId, offered });
    }
    // Not only when this message applied events: a route may have projected them first.
    const notifier = deps.notifier;
    if (notifier) {
      await bestEffort(
        deps.log,
        "hold expired",
        () => notifyExpiredHolds(notifier, message.flightId),
      );
    }
  };
}

/** A message's identity: each commit's projection message and each hold's expiry is unique. */
function messageId(m: InventoryMessage): string {
  return m.kind === "project" ? `${m.flightId}:${m.upTo}` : `${m.flightId}:${m.holdId}`;
}

/** Most failed messages remembered for spotting their redelivery. */
const MAX_REMEMBERED = 10_000;

/**
 * Tracks messages that failed here, which KV delivers again: `arrived` says whether a
 * message is such a redelivery. Only failures are kept (a handled message is not redelivered
 * unless its acknowledgement was lost), so the set stays small.
 */
function redeliveryTracker(limit = MAX_REMEMBERED) {
  const failed = new Set<string>();
  return {
    arrived: (id: string) => failed.delete(id),
    failed(id: string) {
      failed.add(id);
      if (failed.size > limit) failed.delete(failed.values().next().value!);
    },
  };
}

/** Starts listening to the KV queue; resolves when the KV is closed. */
export function startQueueConsumer(deps: QueueConsumerDeps): Promise<void> {
  const handle = handleQueueMessage(deps);
  const redeliveries = redeliveryTracker();
  return deps.kv.listenQueue(async (message) => {
    const known = isInventoryMessage(message);
    const id = known ? messageId(message) : "";
    const kind = known ? message.kind : "unknown";
    const again = known && redeliveries.arrived(id);
    try {
      await handle(message);
      countQueueMessage(kind, true, again);
    } catch (err) {
      countQueueMessage(kind, false, again);
      if (known) redeliveries.failed(id);
      deps.log.error("queue message failed; it will be redelivered", { error: err });
      throw err;
    }
  });
}
