/** Shared set-up of the benchmarks that run against a real PostgreSQL server. */
import { type Database, openDatabase } from "../db/postgres.ts";
import { migrate } from "../db/migrate.ts";

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
 * Creates database `name` anew on the benchmark server and migrates it; undefined when no
 * server answers (the benchmark then says it skipped).
 */
export async function openBenchDatabase(
  name: string,
  maxConnections: number,
): Promise<BenchDatabase | undefined> {
  const server = new URL(BENCH_SERVER);
  try {
    (await Deno.connect({ hostname: server.hostname, port: Number(server.port || 5432) })).close();
  } catch {
    return undefined;
  }
  const admin = await openDatabase({ databaseUrl: BENCH_SERVER, maxConnections: 1 });
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
