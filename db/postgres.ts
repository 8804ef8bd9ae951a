import postgres from "postgres";
import { tracedSql } from "./sql_tracing.ts";
import { safeTransactions } from "./transactions.ts";

/** The postgres.js client used everywhere; transactions must use their own handle. */
export type Sql = postgres.Sql;

/** A transaction's handle: the only connection to use inside `sql.begin`. */
export type Tx = postgres.TransactionSql;

/** An open Postgres connection pool, embedded or on a server. */
export interface Database {
  sql: Sql;
  kind: "embedded" | "server";
  /** The URL postgres.js connected to (the loopback socket for embedded PGlite). */
  url: string;
  close(): Promise<void>;
}

/** Options for openDatabase. */
export interface OpenDatabaseOptions {
  /** A real server; when absent, PGlite is started under `dataDir`. */
  databaseUrl?: string;
  /** PGlite data directory, or "memory://" for a throwaway database. */
  dataDir?: string;
  /**
   * Pool size for a server's queries (transactions get a pool of the same size, see
   * client()); embedded PGlite always uses one connection (see below).
   */
  maxConnections?: number;
  /**
   * A PGlite data directory dumped with `dumpDataDir()` to start from (embedded only), e.g.
   * an already migrated database that tests copy instead of migrating each time.
   */
  loadDataDir?: Blob;
}

const pool = (url: string, max: number) =>
  postgres(url, { max, onnotice: () => {}, connect_timeout: 10, idle_timeout: 60 });

/**
 * A client whose transactions run on reserved connections (db/transactions.ts): on a server
 * from a second pool of the same size, so queries and transactions never wait on each other's
 * connections; with one connection (PGlite) from that connection. Every query and transaction
 * is a span when OpenTelemetry is on (untouched when off).
 */
function client(url: string, max: number): Sql {
  const queries = pool(url, max);
  if (max === 1) return tracedSql(safeTransactions(queries));
  const transactions = pool(url, max);
  const end = queries.end.bind(queries);
  const sql = safeTransactions(queries, transactions);
  Object.defineProperty(sql, "end", {
    value: async (options?: { timeout?: number }) => {
      await Promise.all([end(options), transactions.end(options)]);
    },
    configurable: true,
    writable: true,
  });
  return tracedSql(sql);
}

/** Opens Postgres: the configured server, else embedded PGlite served on a loopback port. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const max = options.maxConnections ?? 10;
  if (options.databaseUrl) {
    const sql = client(options.databaseUrl, max);
    return {
      sql,
      kind: "server",
      url: options.databaseUrl,
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) await Deno.mkdir(dataDir, { recursive: true });
  // Loaded only here: a server deployment (Deno Deploy, Docker) never pays PGlite's
  // start-up cost, which matters for cold starts.
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-socket"),
  ]);
  const pglite = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
  // PGlite is one Postgres session. The socket server can multiplex several connections onto
  // it, but an error inside one connection's extended-protocol pipeline makes the backend
  // skip messages up to the next Sync, and those may belong to another connection ("portal
  // does not exist", or a reply that never comes). So postgres.js gets ONE connection here:
  // it pipelines and serializes everything, which costs nothing on a single-threaded engine.
  // Tools that connect from outside (psql) get the spare connections.
  const server = new PGLiteSocketServer({
    db: pglite,
    host: "127.0.0.1",
    port: 0,
    maxConnections: 4,
  });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  const sql = client(url, 1);
  return {
    sql,
    kind: "embedded",
    url,
    close: async () => {
      await sql.end({ timeout: 5 });
      await server.stop();
      await pglite.close();
    },
  };
}

/** The cheapest round trip to Postgres (readiness probes). */
export async function pingPostgres(sql: Sql): Promise<void> {
  await sql`SELECT 1`;
}
