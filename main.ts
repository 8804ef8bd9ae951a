/**
 * Contrail's composition root: config → storage → app → Deno.serve. No logic lives here.
 * `deno run main.ts [serve|migrate|seed]`.
 */
import { startupConfig } from "./services/startup_config.ts";
import { createLogger } from "./services/log.ts";
import { systemClock } from "./services/clock.ts";
import { hashPassword } from "./services/password.ts";
import { exitAfterShutdown, onShutdownSignal, withTimeout } from "./services/lifecycle.ts";
import { kvStore } from "./services/store.ts";
import { upstashStore } from "./services/store_upstash.ts";
import { simulatedGateway } from "./services/payment_gateway.ts";
import { openDatabase } from "./db/postgres.ts";
import { openKv } from "./db/kv.ts";
import { migrate } from "./db/migrate.ts";
import { DEMO_USERS, seedDemoData } from "./db/seed.ts";
import { startInventory } from "./actors/inventory_runtime.ts";
import { startEmailSender } from "./actors/email_sender.ts";
import { startJobRunner } from "./actors/job_runner.ts";
import { startNoticeWorker } from "./workers/notice_worker.ts";
import { emailTransport } from "./services/email.ts";
import type { NotifierDeps } from "./services/notifier.ts";
import { createApp } from "./routes/app.ts";
import { RealtimeHub } from "./services/realtime_hub.ts";

const command = Deno.args[0] ?? "serve";
if (!["serve", "migrate", "seed"].includes(command)) {
  console.error(`Unknown command "${command}"; expected serve, migrate or seed.`);
  Deno.exit(2);
}

const config = await startupConfig(command);
const log = createLogger({ level: config.logLevel });

const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: `${config.dataDir}/pg`,
  maxConnections: config.pgMaxConnections,
});
log.info("postgres open", { kind: db.kind });
const migrations = await migrate(db.sql);
log.info("migrations", {
  applied: migrations.applied,
  total: migrations.applied.length + migrations.alreadyApplied.length,
});

if (command === "seed" || (command === "serve" && config.demoData)) {
  const seeded = await seedDemoData(db.sql, {
    startDate: systemClock.now().toISOString().slice(0, 10),
    demoPassword: config.demoPassword,
    hashPassword,
  });
  log.info("demo data", { ...seeded });
}
if (command !== "serve") {
  await db.close();
  Deno.exit(0);
}

const kv = await openKv(config.kvPath);
const gateway = simulatedGateway();
const transport = emailTransport(config.email, db.sql);
if (transport.name === "mailbox") log.warn("no RESEND_API_KEY: email goes to the dev mailbox");
const emailSender = startEmailSender({
  sql: db.sql,
  transport,
  clock: systemClock,
  log: log.child({ component: "email" }),
  from: config.email.from,
});
const { publicKey, privateKey, subject } = config.vapid;
if (!publicKey || !privateKey) log.warn("no VAPID keys: Web Push is off");
const notifier: NotifierDeps = {
  sql: db.sql,
  kv,
  log: log.child({ component: "notify" }),
  clock: systemClock,
  vapid: publicKey && privateKey ? { publicKey, privateKey, subject } : undefined,
  emailQueued: emailSender.kick,
};
const notices = startNoticeWorker({
  notifier,
  clock: systemClock,
  log: log.child({ component: "notices" }),
});
notifier.noticeQueued = notices.kick;
const inventory = startInventory({
  notifier,
  gateway,
  kv,
  sql: db.sql,
  clock: systemClock,
  log,
  holdTtlMs: config.holdTtlMs,
  background: true,
});
const hub = new RealtimeHub({
  kv,
  log: log.child({ component: "realtime" }),
  heartbeatMs: config.sseHeartbeatMs,
  maxPerUser: config.sseMaxStreamsPerUser,
  maxPerAddress: config.sseMaxStreamsPerIp,
});
const jobs = startJobRunner({
  sql: db.sql,
  log: log.child({ component: "jobs" }),
  clock: systemClock,
});
const app = createApp({
  config,
  db,
  kv,
  log,
  clock: systemClock,
  registry: inventory.registry,
  projector: inventory.projector,
  store: config.upstash ? upstashStore(config.upstash) : kvStore(kv),
  gateway,
  hub,
  notifier,
  jobs,
});
const server = Deno.serve({
  port: config.port,
  hostname: config.host,
  onListen: ({ hostname, port }) => {
    const url = `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}/`;
    log.info("listening", { url });
    if (config.env === "development") {
      console.log(`\n  Contrail is running at ${url}\n`);
      if (config.demoData) {
        console.log(`  Demo accounts (password "${config.demoPassword}"):`);
        for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(10)} ${u.email}`);
        console.log("");
      }
    }
  },
}, app.fetch);

onShutdownSignal(async (signal) => {
  log.info("shutting down", { signal });
  try {
    // Stop accepting, let in-flight requests and actor batches finish, then close storage.
    // Streams never finish on their own: end them first so the drain can complete.
    hub.close();
    await withTimeout(server.shutdown(), config.shutdownTimeoutMs, "HTTP drain");
    await withTimeout(inventory.stop(), config.shutdownTimeoutMs, "actor mailboxes");
    await withTimeout(notices.stop(), config.shutdownTimeoutMs, "notice outbox");
    await withTimeout(emailSender.stop(), config.shutdownTimeoutMs, "email outbox");
    await withTimeout(jobs.stop(), config.shutdownTimeoutMs, "job runner");
    kv.close();
    await withTimeout(db.close(), config.shutdownTimeoutMs, "Postgres close");
    log.info("stopped");
    exitAfterShutdown(signal, 0, { development: config.env === "development" });
  } catch (err) {
    log.error("unclean shutdown", { error: err });
    exitAfterShutdown(signal, 1, { development: config.env === "development" });
  }
});
