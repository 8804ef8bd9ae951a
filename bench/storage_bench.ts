/**
 * Storage round trips, printed with ratios against a baseline in the same process:
 * what the pglite-socket hop costs over calling PGlite directly, how the embedded database
 * compares with the PostgreSQL server (when one answers), and Deno KV's basic operations.
 */
import { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "../db/postgres.ts";
import { migrate } from "../db/migrate.ts";
import { seedDemoData } from "../db/seed.ts";
import { listUpcomingFlights } from "../db/flights_repo.ts";
import { flightInventoryKey } from "../db/kv_keys.ts";

const SERVER_URL = Deno.env.get("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5432/test";
const seed = {
  startDate: "2030-03-01",
  days: 3,
  demoPassword: "contrail-demo",
  hashPassword: (p: string) => Promise.resolve(`plain:${p}`),
};
const now = new Date("2030-03-01T00:00:00Z");

const direct = await PGlite.create();
const embedded = await openDatabase({ dataDir: "memory://", maxConnections: 4 });
await migrate(embedded.sql);
await seedDemoData(embedded.sql, seed);

let server: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  const conn = await Deno.connect({ hostname: new URL(SERVER_URL).hostname, port: 5432 });
  conn.close();
  const admin = await openDatabase({ databaseUrl: SERVER_URL, maxConnections: 1 });
  await admin.sql.unsafe("DROP DATABASE IF EXISTS contrail_bench WITH (FORCE)");
  await admin.sql.unsafe("CREATE DATABASE contrail_bench");
  await admin.close();
  const url = new URL(SERVER_URL);
  url.pathname = "/contrail_bench";
  server = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
  await migrate(server.sql);
  await seedDemoData(server.sql, seed);
} catch {
  console.log("PostgreSQL server not reachable: its benchmarks are skipped.");
}

Deno.bench({
  name: "PGlite.query direct",
  group: "SELECT 1",
  baseline: true,
  fn: async () => {
    await direct.query("SELECT 1");
  },
});
Deno.bench({
  name: "postgres.js → pglite-socket → PGlite",
  group: "SELECT 1",
  fn: async () => {
    await embedded.sql`SELECT 1`;
  },
});
Deno.bench({
  name: "postgres.js → PostgreSQL server",
  group: "SELECT 1",
  ignore: !server,
  fn: async () => {
    await server!.sql`SELECT 1`;
  },
});

Deno.bench({
  name: "embedded PGlite",
  group: "upcoming flights from LHR (50 rows, 3 joins)",
  baseline: true,
  fn: async () => {
    await listUpcomingFlights(embedded.sql, { now, from: "LHR", limit: 50 });
  },
});
Deno.bench({
  name: "PostgreSQL server",
  group: "upcoming flights from LHR (50 rows, 3 joins)",
  ignore: !server,
  fn: async () => {
    await listUpcomingFlights(server!.sql, { now, from: "LHR", limit: 50 });
  },
});

const kv = await Deno.openKv(":memory:");
const key = flightInventoryKey("bench-flight");
await kv.set(key, { seats: new Array(300).fill(0) });
Deno.bench({
  name: "kv.get (strong)",
  group: "Deno KV (in memory)",
  baseline: true,
  fn: async () => {
    await kv.get(key);
  },
});
Deno.bench({
  name: "kv.atomic check + set",
  group: "Deno KV (in memory)",
  fn: async () => {
    const entry = await kv.get(key);
    await kv.atomic().check(entry).set(key, entry.value).commit();
  },
});
