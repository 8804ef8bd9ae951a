/**
 * Contrail's entry: config → Postgres (migrated, seeded) → compose() → Deno.serve, and with
 * ISOLATES > 1 the worker isolates serving beside this one. No logic lives here.
 * `deno run main.ts [serve|migrate|seed]`.
 */
import { startupConfig } from "./platform/startup_config.ts";
import { createLogger } from "./platform/log.ts";
import { systemClock } from "./platform/clock.ts";
import { hashPassword } from "./adapters/password.ts";
import { exitAfterShutdown, onShutdownSignal, withTimeout } from "./platform/lifecycle.ts";
import { migrate } from "./db/migrate.ts";
import { DEMO_USERS, seedDemoData } from "./db/seed.ts";
import { startWorkerIsolates } from "./platform/isolates.ts";
import { compose, openIsolateDatabase } from "./compose.ts";
import type { WorkerInit } from "./isolate.ts";

const command = Deno.args[0] ?? "serve";
if (!["serve", "migrate", "seed"].includes(command)) {
  console.error(`Unknown command "${command}"; expected serve, migrate or seed.`);
  Deno.exit(2);
}

const config = await startupConfig(command);
const log = createLogger({ level: config.logLevel });

const db = await openIsolateDatabase(config);
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

const composed = await compose({ config, log, db, primary: true });
// Several isolates share the port: the kernel spreads connections over them.
const isolates = config.isolates;
let listening!: (addr: Deno.NetAddr) => void;
const bound = new Promise<Deno.NetAddr>((resolve) => listening = resolve);
const server = Deno.serve({
  port: config.port,
  hostname: config.host,
  reusePort: isolates > 1,
  onListen: (addr) => listening(addr),
}, composed.fetch);
const { hostname, port } = await bound;
const workers = isolates > 1
  ? await startWorkerIsolates<WorkerInit>(new URL("./isolate.ts", import.meta.url), isolates, {
    config,
    port,
  })
  : undefined;
if (workers) composed.attach(workers.mesh);
const url = `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}/`;
log.info("listening", { url, isolates });
if (config.env === "development") {
  console.log(`\n  Contrail is running at ${url}\n`);
  if (config.demoData) {
    console.log(`  Demo accounts (password "${config.demoPassword}"):`);
    for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(10)} ${u.email}`);
    console.log("");
  }
}

onShutdownSignal(async (signal) => {
  log.info("shutting down", { signal });
  const development = config.env === "development";
  try {
    // Stop accepting, let in-flight requests and actor batches finish, then close storage.
    // Streams never finish on their own: end them first so the drain can complete. Worker
    // isolates drain alongside, while this one still runs the flights they forward to it.
    composed.closeStreams();
    await Promise.all([
      withTimeout(server.shutdown(), config.shutdownTimeoutMs, "HTTP drain"),
      workers?.stop(config.shutdownTimeoutMs),
    ]);
    await composed.stop(config.shutdownTimeoutMs);
    log.info("stopped");
    exitAfterShutdown(signal, 0, { development });
  } catch (err) {
    log.error("unclean shutdown", { error: err });
    exitAfterShutdown(signal, 1, { development });
  }
});
