import type { Clock } from "../domain/clock.ts";
import type { Database } from "../db/postgres.ts";
import type { Logger } from "../platform/log.ts";
import type { Config } from "../platform/config.ts";
import type { MetricsSnapshot } from "../platform/metrics.ts";
import type { ActorRegistry } from "../actors/registry.ts";
import type { Projector } from "../actors/projector.ts";
import type { Store } from "../adapters/store.ts";
import type { PaymentGateway } from "../adapters/payment_gateway.ts";
import type { RealtimeHub } from "../realtime/hub.ts";
import type { NotifierDeps } from "../notifications/notifier.ts";

/**
 * Everything compose() builds that the routes hand to use cases: each use case takes the
 * part of it it needs (routes/deps.ts).
 */
export interface AppDeps {
  config: Config;
  db: Database;
  kv: Deno.Kv;
  log: Logger;
  clock: Clock;
  /** The flight actors: the only writers of live inventory. */
  registry: ActorRegistry;
  /** The one writer of projected inventory; use cases wait on it with `reach`. */
  projector: Projector;
  /** Cache, rate limits and idempotency records. */
  store: Store;
  /** Where card payments go (simulated unless a real gateway is configured). */
  gateway: PaymentGateway;
  /** The process's SSE fan-out: one KV watch per watched topic, shared by its clients. */
  hub: RealtimeHub;
  /** What notification producers need (in-app, email outbox, Web Push). */
  notifier: NotifierDeps;
  /** The background job runner, told when a job was queued (absent: its timer finds it). */
  jobs?: { kick(): void };
  /** The crew plan refresher, told when a page asked for a missing or stale plan. */
  crewPlans?: { kick(): void };
  /** The process's other isolates, when there are several. */
  peers?: {
    /** Their metrics, for a scrape that answers for the whole process. */
    metrics(): Promise<MetricsSnapshot[]>;
  };
}
