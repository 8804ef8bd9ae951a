import { type Counter, type CounterChild, MetricsRegistry } from "./metrics.ts";

/**
 * Contrail's metrics, one registry per process (like the hub): recording sites import what
 * they count from here, `GET /metrics` renders it. Outcome labels are enumerated up front so
 * every series exists at 0 before its first event and rates start from a known zero.
 */
export const appMetrics = new MetricsRegistry();

/** HTTP requests by method, matched route pattern and status class. */
export const httpRequests = appMetrics.counter({
  name: "contrail_http_requests_total",
  help: "HTTP requests answered, by method, route pattern and status class.",
  labelNames: ["method", "route", "status"],
});

/** Time to the response (for streams: to its headers). */
export const httpDuration = appMetrics.histogram({
  name: "contrail_http_request_duration_seconds",
  help: "Time from request to response headers, by method, route pattern and status class.",
  labelNames: ["method", "route", "status"],
});

/** Commands per flight actor batch. */
export const actorBatchSize = appMetrics.histogram({
  name: "contrail_actor_batch_size",
  help: "Commands a flight actor took off its mailbox for one atomic commit.",
  buckets: [1, 2, 5, 10, 20, 50, 100, 200],
});

/** Batch to durable: decide, KV commit, and any retries. */
export const actorCommitDuration = appMetrics.histogram({
  name: "contrail_actor_commit_duration_seconds",
  help: "Time for a flight actor batch to become durable in KV, retries included.",
});

const kvConflicts = appMetrics.counter({
  name: "contrail_kv_commit_conflicts_total",
  help: "KV atomic commits refused because a checked key had changed, by writer.",
  labelNames: ["writer"],
});

const kvRetries = appMetrics.counter({
  name: "contrail_kv_commit_retries_total",
  help: "KV atomic commits tried again, by writer and reason (conflict or locked).",
  labelNames: ["writer", "reason"],
});

/** The code paths that retry a KV atomic commit. */
export type KvWriter = "inventory" | "store" | "other";

/** Counts a KV commit tried again after a refused check ("conflict") or a locked database. */
export function countKvRetry(writer: KvWriter, reason: "conflict" | "locked"): void {
  if (reason === "conflict") kvConflicts.labels(writer).inc();
  kvRetries.labels(writer, reason).inc();
}

const holds = appMetrics.counter({
  name: "contrail_holds_total",
  help: "Seat holds by outcome: held, confirmed (paid), released by the owner, expired.",
  labelNames: ["outcome"],
});

const bookings = appMetrics.counter({
  name: "contrail_bookings_total",
  help: "Bookings by outcome: confirmed (paid) or cancelled (refunded or not).",
  labelNames: ["outcome"],
});

const payments = appMetrics.counter({
  name: "contrail_payments_total",
  help: "Card payments by outcome: approved, declined, error (retryable), refunded.",
  labelNames: ["outcome"],
});

/** One series per outcome, looked up once here instead of on every count. */
function outcomes<K extends string>(metric: Counter, names: readonly K[]): Record<K, CounterChild> {
  return Object.fromEntries(names.map((o) => [o, metric.labels(o)])) as Record<K, CounterChild>;
}

/** Hold outcomes, counted from the events the flight actors commit. */
export const holdCounters = outcomes(holds, ["held", "confirmed", "released", "expired"]);

/** Booking outcomes, counted where payment and cancellation finish. */
export const bookingCounters = outcomes(bookings, ["confirmed", "cancelled"]);

/** Payment outcomes, counted where the gateway answered. */
export const paymentCounters = outcomes(payments, ["approved", "declined", "error", "refunded"]);

/** Open event streams by kind (seats, status, notifications, ops). */
export const sseConnections = appMetrics.gauge({
  name: "contrail_sse_connections",
  help: "Server-sent event streams open in this process, by stream kind.",
  labelNames: ["stream"],
});

/** Flights with events not yet projected into Postgres (read at scrape time). */
export const outboxPending = appMetrics.gauge({
  name: "contrail_outbox_pending_flights",
  help: "Flights whose outbox mark says Postgres lacks some of their events (capped at 1000).",
});

/** How far behind the projector was when it applied events. */
export const outboxLag = appMetrics.histogram({
  name: "contrail_outbox_lag_seconds",
  help: "Age of the oldest event each projection run brought into Postgres.",
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

/** Flight actors held in memory (read at scrape time). */
export const actorsInMemory = appMetrics.gauge({
  name: "contrail_actors_in_memory",
  help: "Flight actors loaded in this process.",
});

const queueMessages = appMetrics.counter({
  name: "contrail_queue_messages_total",
  help: "KV queue messages handled, by kind and outcome (ok, failed: KV delivers it again).",
  labelNames: ["kind", "outcome"],
});

const queueRedeliveries = appMetrics.counter({
  name: "contrail_queue_redeliveries_total",
  help: "KV queue messages this process saw again (an earlier delivery failed or was lost).",
  labelNames: ["kind"],
});

/** Counts one handled queue message. */
export function countQueueMessage(kind: string, ok: boolean, redelivered: boolean): void {
  queueMessages.labels(kind, ok ? "ok" : "failed").inc();
  if (redelivered) queueRedeliveries.labels(kind).inc();
}

for (const kind of ["project", "expire-hold"]) {
  queueMessages.labels(kind, "ok");
  queueMessages.labels(kind, "failed");
  queueRedeliveries.labels(kind);
}
for (const writer of ["inventory", "store"]) {
  kvConflicts.labels(writer);
  kvRetries.labels(writer, "conflict");
}
kvRetries.labels("inventory", "locked");

/** Notices the notice worker handled, by topic and outcome (sent, retrying, parked). */
export const noticeCounters = appMetrics.counter({
  name: "contrail_notices_total",
  help: "Notices produced from the notice outbox, by topic and outcome.",
  labelNames: ["topic", "outcome"],
});

/** Queue messages being handled right now in this isolate (bounded by the consumer). */
export const queueInFlight = appMetrics.gauge({
  name: "contrail_queue_in_flight",
  help: "KV queue messages this isolate is handling or holding for a free slot.",
});
