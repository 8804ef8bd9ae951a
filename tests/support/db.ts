import { type Database, openDatabase } from "../../db/postgres.ts";
import { migrate } from "../../db/migrate.ts";

/** The two storage backends every database test runs against. */
export type Backend = "pglite" | "postgres";

/** The real server's admin URL; tests make a throwaway database on it per test. */
export const SERVER_URL = Deno.env.get("TEST_DATABASE_URL") ?? Deno.env.get("DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/test";

/** Under CI=true a missing server is a failure, never a skip. */
export const IN_CI = Deno.env.get("CI") === "true";

async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  try {
    const conn = await Deno.connect({ hostname, port: Number(port || 5432) });
    conn.close();
    return true;
  } catch {
    return false;
  }
}

/** Whether the real Postgres server answers on its port. */
export const serverReachable = await reachable(SERVER_URL);

/** Each backend with whether its tests are ignored (only a missing server outside CI). */
export const BACKENDS: { backend: Backend; ignore: boolean }[] = [
  { backend: "pglite", ignore: false },
  { backend: "postgres", ignore: !serverReachable && !IN_CI },
];

/** Options for withDatabase. */
export interface WithDatabaseOptions {
  /** Apply the migrations first (default true). */
  migrated?: boolean;
}

/**
 * Runs `fn` with a fresh, empty database on `backend`: a new in-memory PGlite, or a new
 * database on the real server that is dropped afterwards.
 */
export async function withDatabase(
  backend: Backend,
  fn: (db: Database) => Promise<void>,
  options: WithDatabaseOptions = {},
): Promise<void> {
  const run = async (db: Database) => {
    try {
      if (options.migrated ?? true) await migrate(db.sql);
      await fn(db);
    } finally {
      await db.close();
    }
  };
  if (backend === "pglite") {
    return await run(await openDatabase({ dataDir: "memory://", maxConnections: 4 }));
  }
  await withServerDatabase(async (url) =>
    await run(await openDatabase({ databaseUrl: url, maxConnections: 4 }))
  );
}

/** Registers one Deno test per backend, named "<name> [backend]". */
export function testOnEachBackend(
  name: string,
  fn: (db: Database, backend: Backend) => Promise<void>,
  options: WithDatabaseOptions = {},
): void {
  for (const { backend, ignore } of BACKENDS) {
    Deno.test({
      name: `${name} [${backend}]`,
      ignore,
      // postgres.js keeps timers for idle connections; the database is closed in finally.
      sanitizeResources: false,
      sanitizeOps: false,
      fn: () => withDatabase(backend, (db) => fn(db, backend), options),
    });
  }
}

/**
 * Runs `fn` with the URL of a fresh, empty database on the real server (no migrations), for
 * the test itself or a server process it starts; drops it afterwards.
 */
export async function withServerDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const admin = await openDatabase({ databaseUrl: SERVER_URL, maxConnections: 1 });
  const name = `contrail_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await admin.sql.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  try {
    await fn(url.toString());
  } finally {
    await admin.sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}
