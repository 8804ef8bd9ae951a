import type { InventoryMessage } from "../db/inventory_kv.ts";
import type { Logger } from "../platform/log.ts";
import type { ActorRegistry } from "./registry.ts";
import type { Projector } from "./projector.ts";
import { countQueueMessage, queueInFlight } from "../platform/app_metrics.ts";

/** What the queue consumer needs. */
export interface QueueConsumerDeps {
  kv: Deno.Kv;
  registry: ActorRegistry;
  projector: Projector;
  log: Logger;
  /** Messages handled at once (default 64); KV itself hands out at most 100 per handle. */
  concurrency?: number;
}

function isInventoryMessage(m: unknown): m is InventoryMessage {
  const kind = (m as { kind?: unknown })?.kind;
  return kind === "expire-hold" || kind === "project";
}

/**
 * Handles the inventory path's queue messages: delayed hold expiries go to the flight's
 * actor, projection requests (older versions sent one per commit) to the projector. Both
 * are cheap and idempotent (delivery is at-least-once): an expiry the actor already applied
 * is a no-op, and a projection whose events another run already applied finds nothing to do.
 * Notices and waitlist offers follow from the projection, not from here. A thrown error makes
 * KV redeliver with backoff.
 */
export function handleQueueMessage(
  deps: Pick<QueueConsumerDeps, "registry" | "projector" | "log">,
) {
  return async (message: unknown): Promise<void> => {
    if (!isInventoryMessage(message)) {
      deps.log.warn("unknown queue message", { message });
      return;
    }
    if (message.kind === "expire-hold") {
      await deps.registry.send(message.flightId, { type: "ExpireHold", holdId: message.holdId });
      return;
    }
    const result = await deps.projector.project(message.flightId);
    if (result.gap) deps.log.warn("projection gap: events aged out", { ...result });
  };
}

/** A counting semaphore: `run` waits for one of `slots` before calling `fn`. */
export function limiter(slots: number) {
  let free = slots;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
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

/** A listening queue consumer. */
export interface QueueConsumer {
  /** Resolves when KV is closed. */
  done: Promise<void>;
  /**
   * Stops taking messages and waits for those being handled. A message delivered after this
   * is left unacknowledged: KV hands it out again after a restart, as after a crash.
   */
  stop(): Promise<void>;
}

/**
 * Starts listening to the KV queue with at most `concurrency` messages handled at once (the
 * rest wait for a slot, and KV stops handing out more at 100 per handle).
 */
export function startQueueConsumer(deps: QueueConsumerDeps): QueueConsumer {
  const handle = handleQueueMessage(deps);
  const slot = limiter(deps.concurrency ?? 64);
  const redeliveries = redeliveryTracker();
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  const done = deps.kv.listenQueue(async (message) => {
    // Neither done nor failed: never answered, it is delivered again after the restart.
    if (stopping) return await new Promise<never>(() => {});
    const known = isInventoryMessage(message);
    const id = known ? messageId(message) : "";
    const kind = known ? message.kind : "unknown";
    const again = known && redeliveries.arrived(id);
    queueInFlight.inc();
    const work = slot(() => handle(message));
    inFlight.add(work);
    try {
      await work;
      countQueueMessage(kind, true, again);
    } catch (err) {
      countQueueMessage(kind, false, again);
      if (known) redeliveries.failed(id);
      deps.log.error("queue message failed; it will be redelivered", { error: err });
      throw err;
    } finally {
      inFlight.delete(work);
      queueInFlight.dec();
    }
  });
  return {
    done,
    async stop() {
      stopping = true;
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
