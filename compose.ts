/**
 * Builds one isolate's Contrail from its configuration: storage, the flight actors, the
 * realtime hub and the HTTP app. The primary isolate (index 0) also runs the background work
 * (queue consumer, projection catch-up, sweeps, the notice, email and job workers); the other
 * isolates only serve, and route each flight's commands to the isolate that owns it.
 */
import type { ResolvedConfig } from "./platform/config.ts";
import type { Logger } from "./platform/log.ts";
import { systemClock } from "./platform/clock.ts";
import type { Clock } from "./domain/clock.ts";
import { withTimeout } from "./platform/lifecycle.ts";
import { kvStore } from "./adapters/store.ts";
import { upstashStore } from "./adapters/store_upstash.ts";
import { simulatedGateway } from "./adapters/payment_gateway.ts";
import { emailTransport } from "./adapters/email.ts";
import type { NotifierDeps } from "./notifications/notifier.ts";
import { RealtimeHub } from "./realtime/hub.ts";
import { actorsInMemory, appMetrics, countKvRetry } from "./platform/app_metrics.ts";
import type { MetricsSnapshot } from "./platform/metrics.ts";
import { type Database, openDatabase } from "./db/postgres.ts";
import { openKv } from "./db/kv.ts";
import { startInventory } from "./actors/inventory_runtime.ts";
import { inventoryHooks } from "./workers/inventory_hooks.ts";
import { startEmailSender } from "./workers/email_sender.ts";
import { startJobRunner } from "./workers/job_runner.ts";
import { importUndoSteps } from "./services/schedule/import_undo.ts";
import { startNoticeWorker } from "./workers/notice_worker.ts";
import { createApp } from "./routes/app.ts";
import { sweepCrewShortfalls } from "./services/status/ops_alerts.ts";
import { startPlanRefresher } from "./services/crew/stored_plans.ts";
import type { AppDeps } from "./routes/context.ts";
import type { IsolateMesh } from "./platform/isolates.ts";

/** One isolate's running Contrail. */
export interface Composed {
  fetch: (req: Request, info?: Deno.ServeHandlerInfo) => Response | Promise<Response>;
  /** The HTTP application (tests call `app.request()` on it). */
  app: ReturnType<typeof createApp>;
  /** What the application was built from. */
  deps: AppDeps;
  /** Resolves once every committed change is projected and every queued notice went out. */
  settle(): Promise<void>;
  /** Links this isolate to the others: flights routed by owner, kicks, merged metrics. */
  attach(mesh: IsolateMesh): void;
  /** Ends the streams, so a server drain can finish. */
  closeStreams(): void;
  /** Drains what this isolate runs (actors, workers), then closes storage. */
  stop(timeoutMs: number): Promise<void>;
}

/** Which background loops an isolate runs (default: all of them on the primary, none elsewhere). */
export interface BackgroundOptions {
  /** The KV queue consumer, projection catch-up and minute sweeps. */
  inventory?: boolean;
  /** The email outbox sender. */
  email?: boolean;
  /** The CSV job runner. */
  jobs?: boolean;
  /** The crew plan refresher (stored auto-assign proposals). */
  crewPlans?: boolean;
  /** The notice outbox worker, and how often it looks when not kicked. */
  notices?: boolean;
  noticeIntervalMs?: number;
}

/** What compose needs. */
export interface ComposeOptions {
  config: ResolvedConfig;
  log: Logger;
  /** Postgres, opened (and migrated) by the caller. */
  db: Database;
  /** The primary isolate runs the background work; the others only serve. */
  primary: boolean;
  /** The clock (tests pass a manual one; default the system clock). */
  clock?: Clock;
  /** Overrides which background loops run (tests run only the notice worker). */
  background?: BackgroundOptions;
  /** Whether stop() closes `db` too (default true; tests close their own database). */
  closesDatabase?: boolean;
}

/** Kinds of background work another isolate can ask the primary to look at now. */
type Kick = "notices" | "emails" | "jobs" | "crewPlans";

/** Opens Postgres as the configuration says (each isolate has its own pools). */
export async function openIsolateDatabase(config: ResolvedConfig): Promise<Database> {
  return await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: `${config.dataDir}/pg`,
    maxConnections: config.pgMaxConnections,
  });
}

/** Builds one isolate (see the module comment). */
export async function compose(options: ComposeOptions): Promise<Composed> {
  const { config, log, db, primary } = options;
  const run = {
    inventory: primary,
    email: primary,
    jobs: primary,
    crewPlans: primary,
    notices: primary,
    ...options.background,
  };
  let mesh: IsolateMesh | undefined;
  const kv = await openKv(config.kvPath, () => countKvRetry("other", "locked"));
  const clock = options.clock ?? systemClock;
  const gateway = simulatedGateway();
  const kick = (what: Kick) => () => void mesh?.call(0, "kick", what).catch(() => {});

  const transport = emailTransport(config.email, db.sql);
  if (run.email && transport.name === "mailbox") {
    log.warn("no RESEND_API_KEY: email goes to the dev mailbox");
  }
  const emailSender = run.email
    ? startEmailSender({
      sql: db.sql,
      transport,
      clock,
      log: log.child({ component: "email" }),
      from: config.email.from,
    })
    : undefined;
  const { publicKey, privateKey, subject } = config.vapid;
  if (run.notices && (!publicKey || !privateKey)) log.warn("no VAPID keys: Web Push is off");
  const notifier: NotifierDeps = {
    sql: db.sql,
    kv,
    log: log.child({ component: "notify" }),
    clock,
    vapid: publicKey && privateKey ? { publicKey, privateKey, subject } : undefined,
    emailQueued: emailSender?.kick ?? kick("emails"),
  };
  const notices = run.notices
    ? startNoticeWorker(
      { notifier, clock, log: log.child({ component: "notices" }) },
      run.noticeIntervalMs ? { intervalMs: run.noticeIntervalMs } : undefined,
    )
    : undefined;
  notifier.noticeQueued = notices?.kick ?? kick("notices");
  const inventory = startInventory({
    hooks: inventoryHooks({
      kv,
      sql: db.sql,
      clock,
      log,
      gateway,
      paymentTokenKey: config.paymentTokenKey,
      notifier,
    }),
    kv,
    sql: db.sql,
    clock,
    log,
    holdTtlMs: config.holdTtlMs,
    background: run.inventory,
  });
  const hub = new RealtimeHub({
    kv,
    log: log.child({ component: "realtime" }),
    heartbeatMs: config.sseHeartbeatMs,
    maxPerUser: config.sseMaxStreamsPerUser,
    maxPerAddress: config.sseMaxStreamsPerIp,
  });
  // Crew shortfalls within 24 h alert operators even when no status change happens.
  const alertSweep = new AbortController();
  if (run.inventory) {
    Deno.cron(
      "contrail crew shortfall alerts",
      "*/5 * * * *",
      { signal: alertSweep.signal },
      () =>
        sweepCrewShortfalls({ sql: db.sql, kv }, clock.now().getTime())
          .then(() => undefined, (error) => log.error("crew shortfall sweep failed", { error })),
    );
  }
  const store = config.upstash
    ? upstashStore(config.upstash)
    : kvStore(kv, () => clock.now().getTime());
  const jobLog = log.child({ component: "jobs" });
  const jobs = run.jobs
    ? startJobRunner({
      sql: db.sql,
      log: jobLog,
      clock,
      steps: importUndoSteps({
        sql: db.sql,
        kv,
        registry: inventory.registry,
        projector: inventory.projector,
        store,
        log: jobLog,
        notifier,
        clock,
      }),
    })
    : { kick: kick("jobs"), stop: () => Promise.resolve() };
  const crewPlans = run.crewPlans
    ? startPlanRefresher({ sql: db.sql, log: log.child({ component: "crew-plans" }), clock })
    : { kick: kick("crewPlans"), stop: () => Promise.resolve() };
  const attach = (linked: IsolateMesh) => {
    mesh = linked;
    inventory.registry.route(linked);
    linked.handle("metrics", (): MetricsSnapshot => {
      actorsInMemory.set(inventory.registry.size);
      const snapshot = appMetrics.snapshot();
      // Read from KV by whichever isolate answers the scrape: one value for the process.
      delete snapshot["contrail_outbox_pending_flights"];
      return snapshot;
    });
    if (!primary) return;
    const kicks: Record<Kick, (() => void) | undefined> = {
      notices: notices?.kick,
      emails: emailSender?.kick,
      jobs: jobs.kick,
      crewPlans: crewPlans.kick,
    };
    linked.handle("kick", (what) => kicks[what as Kick]?.());
  };
  const deps: AppDeps = {
    config,
    db,
    kv,
    log,
    clock,
    registry: inventory.registry,
    projector: inventory.projector,
    store,
    gateway,
    hub,
    notifier,
    jobs,
    crewPlans,
    peers: { metrics: async () => (await mesh?.gather<MetricsSnapshot>("metrics", null)) ?? [] },
  };
  const app = createApp(deps);
  return {
    fetch: app.fetch,
    app,
    deps,
    async settle() {
      await inventory.projector.settled();
      await notices?.idle();
    },
    attach,
    closeStreams: () => hub.close(),
    async stop(timeoutMs) {
      alertSweep.abort();
      await withTimeout(inventory.stop(), timeoutMs, "actor mailboxes");
      if (notices) await withTimeout(notices.stop(), timeoutMs, "notice outbox");
      if (emailSender) await withTimeout(emailSender.stop(), timeoutMs, "email outbox");
      await withTimeout(jobs.stop(), timeoutMs, "job runner");
      await withTimeout(crewPlans.stop(), timeoutMs, "crew plan refresher");
      kv.close();
      if (options.closesDatabase ?? true) {
        await withTimeout(db.close(), timeoutMs, "Postgres close");
      }
    },
  };
}
