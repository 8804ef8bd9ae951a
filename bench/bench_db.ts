/** Shared set-up of the benchmarks that run against a real PostgreSQL server. */
import { type Database, openDatabase, type Sql } from "../db/postgres.ts";
import { loadMigrations, migrate } from "../db/migrate.ts";
import { signAccessToken } from "../adapters/tokens.ts";
import { addDays } from "../domain/time.ts";
import { economyLayout } from "../tests/support/inventory.ts";
import { ROOT, type ServerProcess, startServer, taskRunFlags } from "../tests/support/server.ts";

/** The server the benchmarks use (`BENCH_DATABASE_URL`, else the local one). */
export const BENCH_SERVER = Deno.env.get("BENCH_DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/test";

/** A fresh, migrated benchmark database; `drop()` closes and removes it. */
export interface BenchDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates database `name` anew on the benchmark server (or `serverUrl`) and migrates it with
 * the migrations of the project copy `cwd` (a baseline checkout has its own); undefined when
 * no server answers (the benchmark then says it skipped).
 */
export async function openBenchDatabase(
  name: string,
  maxConnections: number,
  serverUrl = BENCH_SERVER,
  { cwd = ROOT }: { cwd?: string } = {},
): Promise<BenchDatabase | undefined> {
  const server = new URL(serverUrl);
  try {
    (await Deno.connect({ hostname: server.hostname, port: Number(server.port || 5432) })).close();
  } catch {
    return undefined;
  }
  const admin = await openDatabase({ databaseUrl: serverUrl, maxConnections: 1 });
  await admin.sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.sql.unsafe(`CREATE DATABASE ${name}`);
  server.pathname = `/${name}`;
  const url = server.toString();
  const db = await openDatabase({ databaseUrl: url, maxConnections });
  await migrate(
    db.sql,
    await loadMigrations(new URL(`file://${cwd.replace(/\/$/, "")}/db/migrations/`)),
  );
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await admin.sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export async function cpuSeconds(pid: number | "self"): Promise<number> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
}

const SECRET = "bench-secret-0123456789-0123456789-0123";
const PAYMENT_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(3)));

/** Inserts `count` passengers named `<prefix><n>@example.test`; returns their bearer tokens. */
export async function benchPassengers(
  db: Database,
  prefix: string,
  count: number,
): Promise<string[]> {
  const users = await db.sql`
    INSERT INTO users (email, name, role)
    SELECT ${prefix} || g || '@example.test', 'Bench ' || g, 'passenger'
    FROM generate_series(1, ${count}) g
    RETURNING id, email`;
  return await Promise.all(
    users.map((u) => signAccessToken({ sub: u.id, role: "passenger", email: u.email }, SECRET)),
  );
}

/** An admin account's bearer token, for the staff endpoints a benchmark checks with. */
export async function benchAdminToken(db: Database): Promise<string> {
  const email = `bench-admin-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const [user] = await db.sql`
    INSERT INTO users (email, name, role) VALUES (${email}, 'Bench Admin', 'admin') RETURNING id`;
  return await signAccessToken({ sub: user.id, role: "admin", email }, SECRET);
}

/** A Contrail server for a benchmark; `stop()` also removes its throwaway data dir. */
export type BenchServer = ServerProcess;

/** The task that serves built bundles: `serve`, or `start` in commits from before it existed. */
async function serveTask(cwd: string): Promise<string> {
  const config = JSON.parse(await Deno.readTextFile(`${cwd.replace(/\/$/, "")}/deno.json`));
  return config.tasks.serve ? "serve" : "start";
}

/** Options of startBenchServer. */
export interface BenchServerOptions {
  /** The project copy whose server to run (default: this one; a baseline checkout). */
  cwd?: string;
}

/**
 * Starts the server as `deno task serve` would (its least-privilege flags) on `databaseUrl`,
 * with a throwaway data dir unless `env.DATA_DIR` names one the caller keeps (a restart on the
 * same KV file). `BENCH_V8_FLAGS` (e.g. `--prof`) profiles it; `BENCH_INSPECT` (a host:port)
 * opens the inspector there, for a DevTools CPU profile of a run.
 */
export async function startBenchServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  { cwd = ROOT }: BenchServerOptions = {},
): Promise<BenchServer> {
  const dataDir = env.DATA_DIR ?? benchDataDir(cwd);
  const v8Flags = Deno.env.get("BENCH_V8_FLAGS");
  const inspect = Deno.env.get("BENCH_INSPECT");
  const server = await startServer([
    ...(v8Flags ? [`--v8-flags=${v8Flags}`] : []),
    ...(inspect ? [`--inspect=${inspect}`] : []),
    ...await taskRunFlags(await serveTask(cwd), {}, { cwd }),
  ], {
    APP_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    JWT_SECRET: SECRET,
    PAYMENT_TOKEN_KEY: PAYMENT_KEY,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: "info", // startServer waits for the "listening" line
    // The load comes from one address: limits still count every request, but do not refuse.
    RATE_LIMIT_SCALE: "1000",
    ...env,
  }, { cwd });
  return {
    ...server,
    stop: async (signal = "SIGTERM") => {
      const status = await server.stop(signal);
      if (!env.DATA_DIR) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
      return status;
    },
  };
}

/** A fresh data dir under `cwd`'s `./data` (the only place the serve task may write). */
export function benchDataDir(cwd = ROOT): string {
  return `${cwd.replace(/\/$/, "")}/data/bench-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Inserts `count` LHR-JFK flights 20 days out, each of `seats` economy seats (rounded up to
 * tens), on an aircraft type of that size; returns their ids.
 */
export async function insertBenchFlights(
  sql: Sql,
  { count, seats }: { count: number; seats: number },
): Promise<string[]> {
  const layout = economyLayout(Math.ceil(seats / 10), "ABC|DEFG|HJK");
  const type = `BN${seats}`;
  await sql`INSERT INTO airports (iata, name, city, country, latitude, longitude, tz)
    VALUES ('LHR', 'Heathrow', 'London', 'GB', 51.47, -0.45, 'Europe/London'),
      ('JFK', 'Kennedy', 'New York', 'US', 40.64, -73.78, 'America/New_York')
    ON CONFLICT DO NOTHING`;
  await sql`
    INSERT INTO aircraft_types (code, name, manufacturer, cruise_kmh, range_km)
    VALUES (${type}, ${`Bench ${seats}`}, 'Bench', 900, 15000)
    ON CONFLICT DO NOTHING`;
  await sql`
    INSERT INTO aircraft_configurations (type_code, code, name, layout, seat_count, is_default)
    VALUES (${type}, 'STD', 'Standard', ${sql.json(layout)}, ${seats}, true)
    ON CONFLICT DO NOTHING`;
  const day = addDays(new Date().toISOString().slice(0, 10), 20);
  // Each call gets flight numbers of its own (unique per carrier and day).
  const [{ taken }] = await sql`
    SELECT count(*)::int AS taken FROM flights WHERE aircraft_type LIKE 'BN%'`;
  const rows = await sql`
    INSERT INTO flights (carrier, flight_number, origin, destination, departure_local,
      arrival_local, departure_at, arrival_at, aircraft_type, aircraft_config, base_fares)
    SELECT 'CT', (5000 + ${taken} + g)::text, 'LHR', 'JFK',
      ${day}::date + time '09:00' + g * interval '1 minute',
      ${day}::date + time '12:00' + g * interval '1 minute',
      ${day}::date + time '08:00' + g * interval '1 minute',
      ${day}::date + time '16:00' + g * interval '1 minute',
      ${type}, 'STD', ${sql.json({ Y: 40000 })}
    FROM generate_series(1, ${count}) g
    RETURNING id`;
  return rows.map((r) => r.id as string);
}

/** A distinct letters-only name per number, for surnames (base 26: 0 → "A", 27 → "BB"). */
export function lettersOf(i: number): string {
  return (i >= 26 ? lettersOf(Math.floor(i / 26) - 1) : "") + String.fromCharCode(65 + (i % 26));
}

/** The JSON body of `POST /api/bookings` for one economy passenger. */
export function oneSeatBooking(flightId: string, lastName: string): string {
  return JSON.stringify({
    flightId,
    cabin: "Y",
    passengers: [{ firstName: "Bench", lastName }],
  });
}
