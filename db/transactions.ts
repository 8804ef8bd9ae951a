/**
 * Transactions on reserved connections. postgres.js 3.4's own `sql.begin` sends BEGIN through
 * the shared pipeline: under load the BEGIN can land on a connection without reserving it
 * (it fills the pipeline, or the socket buffer is full), and queued queries can be pipelined
 * onto a connection right after its BEGIN. The first fails with UNSAFE_TRANSACTION; the second
 * runs unrelated queries inside someone else's transaction (porsager/postgres#823, #1189).
 * Here a transaction first takes a whole connection with `reserve()`, which is handed out only
 * when idle, and nothing else can reach that connection until it is released.
 */
import type postgres from "postgres";

type Sql = postgres.Sql;
type TransactionBody<T> = (tx: postgres.TransactionSql) => T | Promise<T>;

/** Only letters and spaces reach BEGIN's options, as postgres.js itself allows. */
const options = (text: string) => text.replace(/[^a-z ]/gi, "");

/**
 * Runs `body` in a transaction on a connection reserved from `pool`: committed when it
 * returns, rolled back when it throws. An array returned by `body` is awaited first, as
 * postgres.js does.
 */
export async function reservedTransaction<T>(
  pool: Sql,
  mode: string,
  body: TransactionBody<T>,
): Promise<T> {
  const conn = await pool.reserve();
  try {
    await conn.unsafe(`BEGIN ${options(mode)}`);
    let result: T;
    try {
      const value = await body(conn as unknown as postgres.TransactionSql);
      result = (Array.isArray(value) ? await Promise.all(value) : value) as T;
    } catch (err) {
      await conn.unsafe("ROLLBACK").catch(() => {});
      throw err;
    }
    await conn.unsafe("COMMIT");
    return result;
  } finally {
    conn.release();
  }
}

/**
 * Makes `sql.begin` run on reserved connections of `pool` (by default `sql`'s own pool).
 * A server gets a pool of its own for transactions: `reserve()` waits for an idle connection,
 * and under a steady stream of pipelined queries the shared pool's connections may never idle.
 */
export function safeTransactions<S extends Sql>(sql: S, pool: Sql = sql): S {
  const begin = (a: string | TransactionBody<unknown>, b?: TransactionBody<unknown>) =>
    typeof a === "function" ? reservedTransaction(pool, "", a) : reservedTransaction(pool, a, b!);
  Object.defineProperty(sql, "begin", { value: begin, configurable: true, writable: true });
  return sql;
}

/**
 * Runs `body` in a read-only transaction whose statements are planned for their actual
 * parameters. A prepared statement otherwise turns to a generic plan after five runs, and for a
 * range (a date window) the generic plan guesses a few rows: it then sorts every flight in
 * the range instead of walking the sort's index (270 ms instead of 5 at 400,000 flights).
 */
export function withCustomPlans<T>(
  sql: Sql,
  body: (tx: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  return sql.begin("read only", async (tx) => {
    await tx`SET LOCAL plan_cache_mode = force_custom_plan`;
    return await body(tx);
  }) as Promise<T>;
}
