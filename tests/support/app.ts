import { createApp } from "../../routes/app.ts";
import type { AppDeps } from "../../routes/context.ts";
import type { Database } from "../../db/postgres.ts";
import { parseConfig } from "../../platform/config.ts";
import { createLogger } from "../../platform/log.ts";
import { kvStore } from "../../adapters/store.ts";
import { simulatedGateway } from "../../adapters/payment_gateway.ts";
import { manualClock } from "../../domain/clock.ts";
import { createInventory } from "../../actors/inventory_runtime.ts";
import { inventoryHooks } from "../../workers/inventory_hooks.ts";
import { startNoticeWorker } from "../../workers/notice_worker.ts";
import type { NotifierDeps } from "../../notifications/notifier.ts";
import { RealtimeHub } from "../../realtime/hub.ts";

/** An app wired to a test database, in-memory KV, a manual clock and a captured log. */
export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  logs: Record<string, unknown>[];
  clock: ReturnType<typeof manualClock>;
  /** Resolves once every queued notice went out (notices follow their change, not in it). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Options for testApp. */
export interface TestAppOptions {
  /** Extra environment for the config (e.g. VAPID keys, RESEND_API_KEY). */
  env?: Record<string, string>;
}

/** Builds the real app around `db`; call `close()` to release KV. */
export async function testApp(
  db: Database,
  now = "2030-03-01T06:00:00Z",
  options: TestAppOptions = {},
): Promise<TestApp> {
  const logs: Record<string, unknown>[] = [];
  const log = createLogger({ level: "debug", sink: (line) => logs.push(JSON.parse(line)) });
  const kv = await Deno.openKv(":memory:");
  const clock = manualClock(now);
  const config = parseConfig({
    APP_ENV: "test",
    JWT_SECRET: "test-secret-0123456789-0123456789-abcdef",
    PAYMENT_TOKEN_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(9))),
    ...options.env,
  });
  const { publicKey, privateKey, subject } = config.vapid;
  const store = kvStore(kv, () => clock.now().getTime());
  const notifier: NotifierDeps = {
    sql: db.sql,
    kv,
    log,
    clock,
    vapid: publicKey && privateKey ? { publicKey, privateKey, subject } : undefined,
  };
  const notices = startNoticeWorker({ notifier, clock, log }, { intervalMs: 50 });
  notifier.noticeQueued = notices.kick;
  const hooks = inventoryHooks({ kv, sql: db.sql, clock, log, notifier });
  const { registry, projector } = createInventory({ kv, sql: db.sql, clock, log, hooks });
  const deps: AppDeps = {
    config,
    db,
    kv,
    log,
    clock,
    registry,
    projector,
    store,
    gateway: simulatedGateway(),
    hub: new RealtimeHub({
      kv,
      log,
      heartbeatMs: config.sseHeartbeatMs,
      maxPerUser: config.sseMaxStreamsPerUser,
      maxPerAddress: config.sseMaxStreamsPerIp,
    }),
    notifier,
  };
  const close = async () => {
    deps.hub.close();
    await registry.close();
    await projector.settled();
    await notices.stop();
    kv.close();
  };
  const settle = async () => {
    await projector.settled();
    await notices.idle();
  };
  return { app: createApp(deps), deps, logs, clock, settle, close };
}
