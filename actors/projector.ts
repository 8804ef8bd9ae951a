import type { Sql } from "../db/postgres.ts";
import {
  clearPendingProjection,
  getEventHead,
  getInventory,
  listEvents,
  listPendingProjections,
} from "../db/inventory_kv.ts";
import {
  applyInventoryEvents,
  loadInventoryFromPostgres,
  lockProjection,
} from "../db/inventory_repo.ts";
import type { InventoryState } from "../domain/inventory/state.ts";
import { outboxLag } from "../services/app_metrics.ts";

/** What a projection run did. */
export interface ProjectionResult {
  flightId: string;
  from: number;
  to: number;
  applied: number;
  /** True when events had aged out of the log and a gap was found. */
  gap: boolean;
  /** True when the applied events may have freed seats (released, cancelled, unblocked, ...). */
  freed: boolean;
}

// Operator changes may raise authorization or add seats: the waitlist gets a look too.
const FREEING = new Set([
  "HoldReleased",
  "SeatsCancelled",
  "SeatsUnblocked",
  "FlightConfigured",
  "AircraftChanged",
]);

/**
 * Brings Postgres up to the flight's event head: reads the events after the projected seq
 * from the KV log and applies them in one transaction. Idempotent and order-free, so any
 * outbox message, duplicate or late, may trigger it.
 */
export async function projectFlight(
  kv: Deno.Kv,
  sql: Sql,
  flightId: string,
): Promise<ProjectionResult> {
  const head = await getEventHead(kv, flightId);
  let oldestAt: number | undefined;
  const result = await sql.begin(async (tx): Promise<ProjectionResult> => {
    // A deleted flight has nothing left to project into: its events are dropped.
    const last = await lockProjection(tx, flightId) ?? head;
    if (head <= last) {
      return { flightId, from: last, to: last, applied: 0, gap: false, freed: false };
    }
    const events = await listEvents(kv, flightId, last + 1, head);
    // Apply only a contiguous run: a missing seq means the log aged out (reconcile repairs).
    let n = 0;
    while (n < events.length && events[n].seq === last + 1 + n) n++;
    const run = events.slice(0, n);
    await applyInventoryEvents(tx, flightId, run);
    oldestAt = run[0]?.at;
    return {
      flightId,
      from: last,
      to: last + n,
      applied: n,
      gap: n < head - last,
      freed: run.some((e) => FREEING.has(e.event.type)),
    };
  });
  if (!result.gap) await clearPendingProjection(kv, flightId, result.to);
  // Event times come from the actor's clock, which is the wall clock outside tests.
  if (oldestAt !== undefined) outboxLag.observe(Math.max(0, Date.now() - oldestAt) / 1000);
  return result;
}

/**
 * Projects every flight the durable outbox marks as pending: the catch-up after a crash,
 * when queue messages may have been lost with the process. Returns flights projected.
 */
export async function projectPending(kv: Deno.Kv, sql: Sql): Promise<ProjectionResult[]> {
  const results: ProjectionResult[] = [];
  for (const flightId of await listPendingProjections(kv)) {
    results.push(await projectFlight(kv, sql, flightId));
  }
  return results;
}

/** One difference between KV and Postgres for a flight. */
export interface Drift {
  what: "seq" | "hold" | "sale" | "blocked";
  id: string;
  kv: unknown;
  postgres: unknown;
}

/** A reconciliation report; `drift` is empty when both agree. */
export interface Reconciliation {
  flightId: string;
  kvSeq: number;
  postgresSeq: number;
  drift: Drift[];
}

const sorted = (a: string[]) => [...a].sort().join(",");

function compare(kvState: InventoryState, pg: InventoryState): Drift[] {
  const drift: Drift[] = [];
  if (kvState.seq !== pg.seq) {
    drift.push({ what: "seq", id: "seq", kv: kvState.seq, postgres: pg.seq });
  }
  const ids = new Set([...Object.keys(kvState.holds), ...Object.keys(pg.holds)]);
  for (const id of ids) {
    const a = kvState.holds[id];
    const b = pg.holds[id];
    const same = a && b && sorted(a.seats) === sorted(b.seats) && a.count === b.count &&
      a.owner === b.owner && a.unitPrice === b.unitPrice;
    if (!same) drift.push({ what: "hold", id, kv: a?.seats ?? null, postgres: b?.seats ?? null });
  }
  const refs = new Set([...Object.keys(kvState.sales), ...Object.keys(pg.sales)]);
  for (const id of refs) {
    const a = kvState.sales[id];
    const b = pg.sales[id];
    const same = a && b && sorted(a.seats) === sorted(b.seats) && a.count === b.count;
    if (!same) drift.push({ what: "sale", id, kv: a?.seats ?? null, postgres: b?.seats ?? null });
  }
  if (sorted(kvState.blocked) !== sorted(pg.blocked)) {
    drift.push({ what: "blocked", id: "blocked", kv: kvState.blocked, postgres: pg.blocked });
  }
  return drift;
}

/** Compares a flight's inventory in KV with its Postgres projection and reports drift. */
export async function reconcileFlight(
  kv: Deno.Kv,
  sql: Sql,
  flightId: string,
): Promise<Reconciliation> {
  const stored = await getInventory(kv, flightId);
  const pg = await loadInventoryFromPostgres(sql, flightId);
  // A flight whose inventory never changed lives only in Postgres: its actors read it from
  // there and write KV at their first commit. That is no drift.
  if (!stored && pg && pg.seq === 0) return { flightId, kvSeq: 0, postgresSeq: 0, drift: [] };
  if (!stored || !pg) {
    return {
      flightId,
      kvSeq: stored?.state.seq ?? 0,
      postgresSeq: pg?.seq ?? 0,
      drift: stored || pg ? [{ what: "seq", id: "missing", kv: !!stored, postgres: !!pg }] : [],
    };
  }
  return {
    flightId,
    kvSeq: stored.state.seq,
    postgresSeq: pg.seq,
    drift: compare(stored.state, pg),
  };
}
