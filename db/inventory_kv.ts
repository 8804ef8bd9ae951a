import type { StatusChanged } from "../domain/inventory/commands.ts";
import type { FlightStatusChanged } from "../domain/flight_status.ts";
import type { InventoryState } from "../domain/inventory/state.ts";
import {
  dropTail,
  type LoggedEvent,
  stateMutations,
  stateWrites,
  type StoredBase,
} from "./inventory_snapshots.ts";

export {
  getInventory,
  type LoggedEvent,
  MAX_CHUNKS,
  type StoredBase,
  type StoredInventory,
} from "./inventory_snapshots.ts";
import {
  counterWrites,
  type FlightCounters,
  type OpsEvent,
  STATUS_LOG_TTL_MS,
} from "./realtime_kv.ts";
import {
  flightEventHeadKey,
  flightEventKey,
  flightStatusEventKey,
  flightStatusHeadKey,
  holdExpiryKey,
  holdExpiryPrefix,
  opsActivityKey,
  opsEventKey,
  opsHeadKey,
  projectionPendingKey,
  projectionPendingPrefix,
} from "./kv_keys.ts";

/**
 * Queue messages of the inventory path: delayed hold expiries (and projection requests, which
 * older versions enqueued with every commit and a queue may still hold).
 */
export type InventoryMessage =
  | { kind: "expire-hold"; flightId: string; holdId: string }
  | { kind: "project"; flightId: string; upTo: number };

/** How long a flight's event log entries live (SSE resume window and projector catch-up). */
export const EVENT_LOG_TTL_MS = 24 * 3600_000;

/** Writes a flight's first inventory only if none exists; null when another writer won. */
export async function createInventory(
  kv: Deno.Kv,
  state: InventoryState,
): Promise<StoredBase | null> {
  const atomic = kv.atomic().set(flightEventHeadKey(state.flightId), state.seq);
  const { snapshot } = stateWrites(atomic, { versionstamp: null }, state, []);
  const result = await atomic.commit();
  return result.ok ? { versionstamp: result.versionstamp, snapshot } : null;
}

/** Hold-expiry index changes that go with a batch. */
export interface ExpiryChange {
  expiresAt: number;
  holdId: string;
  op: "add" | "remove";
}

/** One batch's worth of writes, committed as one atomic operation. */
export interface InventoryCommit {
  state: InventoryState;
  /**
   * What the state was read at (versionstamp null: KV had none); the commit fails if anyone
   * wrote since.
   */
  base: StoredBase;
  events: LoggedEvent[];
  expiries: ExpiryChange[];
  now: number;
  /** The flight's booking counters after the batch, for the ops board. */
  counters?: FlightCounters;
}

/** Mutations one commit needs, so callers can keep batches under KV's 1000 limit. */
export function commitMutations(c: Pick<InventoryCommit, "events" | "expiries">): number {
  const delayedExpiries = c.expiries.filter((e) => e.op === "add").length;
  const statuses = c.events.filter((e) => e.event.type === "FlightStatusChanged").length;
  // The state (header, and a snapshot or the events as its tail), the head, outbox mark and
  // message, three for the ops board (activity sum, latest counters, change index), each
  // event in the log, and per status change its two log entries plus the two heads.
  return 6 + stateMutations(c.events.length) + c.events.length + c.expiries.length +
    delayedExpiries + (statuses ? 2 * statuses + 2 : 0);
}

/** A status change as streams show it: without who made it. */
export function publicStatus(e: StatusChanged): FlightStatusChanged {
  const { by: _by, ...event } = e;
  return event;
}

/**
 * Adds a batch's status changes to the flight's status log and the ops log, raising both
 * heads. The ops log is one sequence across flights, so its head is checked: status changes
 * are rare operator actions, and a commit that lost the race is decided again like any other.
 */
async function statusWrites(kv: Deno.Kv, atomic: Deno.AtomicOperation, events: LoggedEvent[]) {
  const changes = events.flatMap(({ event }) =>
    event.type === "FlightStatusChanged" ? [publicStatus(event)] : []
  );
  if (!changes.length) return;
  const head = await kv.get<number>(opsHeadKey());
  let seq = head.value ?? 0;
  atomic.check(head);
  for (const event of changes) {
    seq++;
    atomic.set(opsEventKey(seq), { seq, event } satisfies OpsEvent, {
      expireIn: STATUS_LOG_TTL_MS,
    });
    atomic.set(flightStatusEventKey(event.flightId, event.version), event, {
      expireIn: STATUS_LOG_TTL_MS,
    });
  }
  const last = changes[changes.length - 1];
  atomic.set(opsHeadKey(), seq).set(flightStatusHeadKey(last.flightId), last.version);
}

/**
 * Commits a batch: the state (its header checked against `base`; db/inventory_snapshots.ts),
 * its events appended to the flight's log with a TTL, the event head, the hold-expiry index, a
 * delayed expiry message per new hold and one projection message for the outbox. Returns the
 * base the next commit builds on, or null when the check failed (another writer got there
 * first).
 */
export async function commitInventory(
  kv: Deno.Kv,
  c: InventoryCommit,
): Promise<StoredBase | null> {
  const flightId = c.state.flightId;
  const atomic = kv.atomic().set(flightEventHeadKey(flightId), c.state.seq);
  const { snapshot, snapshotted } = stateWrites(atomic, c.base, c.state, c.events);
  for (const e of c.events) {
    atomic.set(flightEventKey(flightId, e.seq), e, { expireIn: EVENT_LOG_TTL_MS });
  }
  for (const x of c.expiries) {
    const key = holdExpiryKey(x.expiresAt, flightId, x.holdId);
    if (x.op === "remove") {
      atomic.delete(key);
      continue;
    }
    atomic.set(key, true);
    const message: InventoryMessage = { kind: "expire-hold", flightId, holdId: x.holdId };
    atomic.enqueue(message, { delay: Math.max(0, x.expiresAt - c.now) });
  }
  if (c.events.length) {
    // The durable outbox mark: cleared only once Postgres has these events. The committing
    // isolate starts the projection itself at once (a queue message would cost two more KV
    // writes per commit to deliver); after a crash the catch-up loop finds the mark.
    atomic.set(projectionPendingKey(flightId), c.state.seq);
  }
  await statusWrites(kv, atomic, c.events);
  if (c.counters) {
    // The ops board learns of changes across all flights through one KvU64 that every commit
    // adds to with `sum`: sums never conflict, so flights stay independent of each other (a
    // check() on a global key would serialize every flight's commits). The counters
    // themselves go to per-flight keys, written only under this flight's own check.
    atomic.sum(opsActivityKey(), 1n);
    counterWrites(atomic, c.counters);
  }
  const result = await atomic.commit();
  if (!result.ok) return null;
  if (snapshotted && c.base.snapshot) {
    dropTail(kv, flightId, snapshot.seq).catch(() => {/* the next snapshot's cleanup */});
  }
  return { versionstamp: result.versionstamp, snapshot };
}

/** The flight's latest event sequence number (0 when it has none). */
export async function getEventHead(kv: Deno.Kv, flightId: string): Promise<number> {
  return (await kv.get<number>(flightEventHeadKey(flightId))).value ?? 0;
}

/** Logged events with `from <= seq <= to`, in order; aged-out entries are simply absent. */
export async function listEvents(
  kv: Deno.Kv,
  flightId: string,
  from: number,
  to: number,
): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  const iter = kv.list<LoggedEvent>({
    start: flightEventKey(flightId, from),
    end: flightEventKey(flightId, to + 1),
  });
  for await (const entry of iter) events.push(entry.value);
  return events;
}

/** Holds due at or before `now`, from the expiry index, oldest first. */
export async function listDueHolds(
  kv: Deno.Kv,
  now: number,
  limit = 500,
): Promise<{ flightId: string; holdId: string; expiresAt: number }[]> {
  const due = [];
  const iter = kv.list({ prefix: holdExpiryPrefix(), end: [...holdExpiryPrefix(), now + 1] }, {
    limit,
  });
  for await (const entry of iter) {
    const [, expiresAt, flightId, holdId] = entry.key as [string, number, string, string];
    due.push({ flightId, holdId, expiresAt });
  }
  return due;
}

/** Removes expiry index entries whose holds no longer exist. */
export async function clearHoldExpiries(
  kv: Deno.Kv,
  entries: { flightId: string; holdId: string; expiresAt: number }[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    const atomic = kv.atomic();
    for (const e of entries.slice(i, i + 1000)) {
      atomic.delete(holdExpiryKey(e.expiresAt, e.flightId, e.holdId));
    }
    await atomic.commit();
  }
}

/** Flights whose projection into Postgres is pending (oldest keys first). */
export async function listPendingProjections(kv: Deno.Kv, limit = 1000): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of kv.list({ prefix: projectionPendingPrefix() }, { limit })) {
    ids.push(entry.key[1] as string);
  }
  return ids;
}

/** Clears a flight's pending mark if Postgres now has everything up to `projectedSeq`. */
export async function clearPendingProjection(
  kv: Deno.Kv,
  flightId: string,
  projectedSeq: number,
): Promise<boolean> {
  const entry = await kv.get<number>(projectionPendingKey(flightId));
  if (entry.versionstamp === null) return true;
  if ((entry.value ?? 0) > projectedSeq) return false;
  const result = await kv.atomic().check(entry).delete(entry.key).commit();
  return result.ok;
}
