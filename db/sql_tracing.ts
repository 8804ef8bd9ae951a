import { SpanKind } from "@opentelemetry/api";
import { failSpan, tracer, tracingEnabled, withSpan } from "../platform/tracing.ts";
import type { Sql } from "./postgres.ts";

const MAX_TEXT = 2000;

/** The statement as sent, with `$n` where values go: never the values themselves. */
function statementText(strings: unknown): string {
  const text = Array.isArray(strings)
    ? strings.reduce((sql: string, part: string, i: number) => `${sql}$${i}${part}`)
    : String(strings);
  return text.replace(/\s+/g, " ").trim().slice(0, MAX_TEXT);
}

interface PendingQuery extends Promise<unknown> {
  strings: unknown;
}

function isQuery(value: unknown): value is PendingQuery {
  return value instanceof Promise && "strings" in value;
}

/**
 * Makes a postgres.js query a span when it runs. Queries are lazy promises that execute on
 * their first `then` (an `await`); a query used as a fragment inside another is never
 * awaited, so it never becomes a span of its own.
 */
function traceQuery<T>(query: T): T {
  if (!isQuery(query)) return query;
  const then = query.then;
  let started = false;
  Object.defineProperty(query, "then", {
    configurable: true,
    writable: true,
    value(this: PendingQuery, ...args: Parameters<PendingQuery["then"]>) {
      if (!started) {
        started = true;
        const text = statementText(query.strings);
        const operation = /^\w+/.exec(text)?.[0].toUpperCase() ?? "QUERY";
        const span = tracer.startSpan(`postgres ${operation}`, {
          kind: SpanKind.CLIENT,
          attributes: {
            "db.system.name": "postgresql",
            "db.operation.name": operation,
            "db.query.text": text,
          },
        });
        then.call(this, () => span.end(), (err) => {
          failSpan(span, err);
          span.end();
        });
      }
      return then.apply(this, args);
    },
  });
  return query;
}

const TRANSACTIONS = new Set<PropertyKey>(["begin", "savepoint"]);
const RAW = new Set<PropertyKey>(["unsafe", "file"]);

/**
 * A postgres.js client whose queries and transactions are OpenTelemetry spans (children of
 * whatever span is active: a request, an actor commit). The one place Postgres is traced:
 * repositories keep using `sql` as before. When tracing is off, `sql` itself is returned.
 */
export function tracedSql<S extends Sql>(sql: S): S {
  if (!tracingEnabled()) return sql;
  return new Proxy(sql, {
    apply: (target, self, args) => traceQuery(Reflect.apply(target, self, args)),
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      if (RAW.has(prop)) {
        return (...args: unknown[]) => traceQuery(value.apply(target, args));
      }
      if (TRANSACTIONS.has(prop)) {
        // The transaction's own handle is wrapped too, so its queries are spans inside it.
        const wrap = (a: unknown) => typeof a === "function" ? (tx: Sql) => a(tracedSql(tx)) : a;
        return (...args: unknown[]) =>
          withSpan(
            "postgres transaction",
            () => value.apply(target, args.map(wrap)),
            SpanKind.CLIENT,
          );
      }
      return value;
    },
  });
}
