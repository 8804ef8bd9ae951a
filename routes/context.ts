import type { Clock } from "../domain/clock.ts";
import type { Database } from "../db/postgres.ts";
import type { Logger } from "../platform/log.ts";
import type { Config } from "../platform/config.ts";
import type { MetricsSnapshot } from "../platform/metrics.ts";
import type { ActorRegistry } from "../actors/registry.ts";
import type { Projector } from "../actors/projector.ts";
import type { Principal } from "./middleware/auth.ts";
import type { Store } from "../adapters/store.ts";
import type { PaymentGateway } from "../adapters/payment_gateway.ts";
import type { RealtimeHub } from "../realtime/hub.ts";
import type { NotifierDeps } from "../notifications/notifier.ts";
import type { NotificationBadge } from "../db/notifications_repo.ts";

/** What the routes need from the composition root. */
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
  /** The process's other isolates, when there are several. */
  peers?: {
    /** Their metrics, for a scrape that answers for the whole process. */
    metrics(): Promise<MetricsSnapshot[]>;
  };
}

/** Hono's environment type for every Contrail sub-app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    principal: Principal;
    /** The CSRF token of this browser (the ct_csrf cookie), set for pages and sign-in. */
    csrf: string;
    /** The signed-in user's unread notifications, on page requests (header bell). */
    notificationBadge: NotificationBadge;
    /** The client's address as a trusted proxy reported it (TRUST_PROXY); else unset. */
    clientAddress?: string;
  };
}
