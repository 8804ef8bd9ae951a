/** Shared set-up of the benchmarks that run against a real PostgreSQL server. */
import { type Database, openDatabase } from "../db/postgres.ts";
import { migrate } from "../db/migrate.ts";
import { signAccessToken } from "../services/tokens.ts";
import { type ServerProcess, startServer, taskRunFlags } from "../tests/support/server.ts";

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
 * Creates database `name` anew on the benchmark server (or `serverUrl`) and migrates it;
 * undefined when no server answers (the benchmark then says it skipped).
 */
export async function openBenchDatabase(
  name: string,
  maxConnections: number,
  serverUrl = BENCH_SERVER,
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
  await migrate(db.sql);
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

/** A Contrail server for a benchmark; `stop()` also removes its data dir. */
export type BenchServer = ServerProcess & { stop(): Promise<Deno.CommandStatus> };

/**
 * Starts the server as `deno task serve` would (its least-privilege flags) on `databaseUrl`,
 * with a throwaway data dir unless `env.DATA_DIR` names one the caller keeps (a restart on the
 * same KV file). `BENCH_V8_FLAGS` (e.g. `--prof`) profiles it; `BENCH_INSPECT` (a host:port)
 * opens the inspector there, for a DevTools CPU profile of a run.
 */
export async function startBenchServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const dataDir = env.DATA_DIR ?? `./data/bench-${crypto.randomUUID().slice(0, 8)}`;
  const v8Flags = Deno.env.get("BENCH_V8_FLAGS");
  const inspect = Deno.env.get("BENCH_INSPECT");
  const server = await startServer([
    ...(v8Flags ? [`--v8-flags=${v8Flags}`] : []),
    ...(inspect ? [`--inspect=${inspect}`] : []),
    ...await taskRunFlags("serve"),
  ], {
    APP_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    JWT_SECRET: SECRET,
    PAYMENT_TOKEN_KEY: PAYMENT_KEY,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: "info", // startServer waits for the "listening" line
    ...env,
  });
  return {
    ...server,
    stop: async () => {
      const status = await server.stop("SIGTERM");
      if (!env.DATA_DIR) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
      return status;
    },
  };
}

/** The JSON body of `POST /api/bookings` for one economy passenger. */
export function oneSeatBooking(flightId: string, lastName: string): string {
  return JSON.stringify({
    flightId,
    cabin: "Y",
    passengers: [{ firstName: "Bench", lastName }],
  });
}
