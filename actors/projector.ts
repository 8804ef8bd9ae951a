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
import { outboxLag } from "../platform/app_metrics.ts";
import { singleFlight } from "../db/group_commit.ts";
import { TimeoutError, withTimeout } from "../platform/lifecycle.ts";

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

/** A use case waited longer than its bound for the projector to reach its commit. */
export class ProjectionTimeout extends Error {
  constructor(readonly flightId: string, readonly seq: number) {
    super(`projection of ${flightId} did not reach seq ${seq} in time`);
    this.name = "ProjectionTimeout";
  }
}

/** What the projector needs. */
export interface ProjectorDeps {
  kv: Deno.Kv;
  sql: Sql;
  /**
   * Called after every run that applied events (waitlist offers): runs on its own, never
   * delaying the callers waiting on the projection; must not reject.
   */
  onProjected?: (result: ProjectionResult) => Promise<unknown> | void;
}

/** Flights whose reached seq is remembered (a cache: forgetting only costs a query). */
const MAX_REMEMBERED = 10_000;

/**
 * The one writer of the projected inventory tables. Runs are single-flight per flight (a
 * burst of triggers costs at most two runs) and serialized across processes by the flight's
 * projection row lock. Use cases that must answer after the projection call `reach` and wait,
 * with a bound, for a run that covers their commit; they never project themselves.
 */
export class Projector {
  readonly #run: (flightId: string) => Promise<ProjectionResult>;
  /** The highest seq known to be in Postgres, per flight. */
  readonly #reached = new Map<string, number>();
  /** What onProjected started and has not finished. */
  readonly #followUps = new Set<Promise<unknown>>();
  /** Runs in progress. */
  readonly #running = new Set<Promise<unknown>>();

  constructor(private readonly deps: ProjectorDeps) {
    this.#run = singleFlight(async (flightId) => {
      const result = await projectFlight(deps.kv, deps.sql, flightId);
      this.#remember(flightId, result.to);
      const followUp = result.applied > 0 ? deps.onProjected?.(result) : undefined;
      if (followUp) {
        this.#followUps.add(followUp);
        followUp.finally(() => this.#followUps.delete(followUp));
      }
      return result;
    });
  }

  #remember(flightId: string, seq: number): void {
    if ((this.#reached.get(flightId) ?? -1) >= seq) return;
    this.#reached.delete(flightId);
    if (this.#reached.size >= MAX_REMEMBERED) {
      this.#reached.delete(this.#reached.keys().next().value!);
    }
    this.#reached.set(flightId, seq);
  }

  /** Brings Postgres up to the flight's event head now (queue messages, catch-up, admins). */
  project(flightId: string): Promise<ProjectionResult> {
    const run = this.#run(flightId);
    this.#running.add(run);
    run.catch(() => {}).finally(() => this.#running.delete(run));
    return run;
  }

  /** Resolves once no run or follow-up is in progress (a shutdown, before storage closes). */
  async drained(): Promise<void> {
    while (this.#running.size) await Promise.allSettled([...this.#running]);
    await this.settled();
  }

  /**
   * Resolves once Postgres has the flight's events up to `seq`; throws ProjectionTimeout
   * after `timeoutMs`. Runs started for other callers count: fifty payments on one flight
   * share a run or two.
   */
  async reach(flightId: string, seq: number, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while ((this.#reached.get(flightId) ?? -1) < seq) {
      const left = deadline - performance.now();
      if (left <= 0) throw new ProjectionTimeout(flightId, seq);
      const result = await withTimeout(this.project(flightId), left, "projection").catch((err) => {
        throw err instanceof TimeoutError ? new ProjectionTimeout(flightId, seq) : err;
      });
      // Aged-out events never arrive: reconciliation repairs the flight, nobody can wait.
      if (result.gap) throw new ProjectionTimeout(flightId, seq);
    }
  }

  /** Resolves once every follow-up started so far (and those they started) has finished. */
  async settled(): Promise<void> {
    while (this.#followUps.size) await Promise.allSettled([...this.#followUps]);
  }

  /**
   * Projects every flight the durable outbox marks as pending, a bounded batch at a time and
   * a few flights at once: the catch-up after a crash, when queue messages may have been lost
   * with the process. Returns how many flights were projected.
   */
  async catchUp(batch = 200, concurrency = 4): Promise<number> {
    const ids = await listPendingProjections(this.deps.kv, batch);
    let next = 0;
    const lane = async () => {
      while (next < ids.length) await this.project(ids[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, lane));
    return ids.length;
  }
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
