import type { InventoryEvent, StatusChanged } from "../domain/inventory/commands.ts";
import type { FlightStatusChanged } from "../domain/flight_status.ts";
import type { InventoryState } from "../domain/inventory/state.ts";
import { type PackedInventory, packInventory, unpackInventory } from "./inventory_codec.ts";
import {
  counterWrites,
  type FlightCounters,
  type OpsEvent,
  STATUS_LOG_TTL_MS,
} from "./realtime_kv.ts";
import {
  flightEventHeadKey,
  flightEventKey,
  flightInventoryChunkKey,
  flightInventoryKey,
  flightStatusEventKey,
  flightStatusHeadKey,
  holdExpiryKey,
  holdExpiryPrefix,
  opsActivityKey,
  opsEventKey,
  opsHeadKey,
  outboxDeadLetterKey,
  projectionPendingKey,
  projectionPendingPrefix,
} from "./kv_keys.ts";

/** An event as stored in a flight's log: its sequence number and commit time. */
export interface LoggedEvent {
  seq: number;
  at: number;
  event: InventoryEvent;
}

/** Queue messages that the inventory path enqueues. */
export type InventoryMessage =
  | { kind: "expire-hold"; flightId: string; holdId: string }
  | { kind: "project"; flightId: string; upTo: number };

/** How long a flight's event log entries live (SSE resume window and projector catch-up). */
export const EVENT_LOG_TTL_MS = 24 * 3600_000;

/** A stored inventory with the versionstamp its next write must check. */
export interface StoredInventory {
  state: InventoryState;
  versionstamp: string;
}

/** Characters per chunk: KV values are at most 64 KiB. */
const CHUNK_CHARS = 60_000;
/** Chunks a state may take: 10 × 60 KB covers a 1,000-seat flight with every seat held. */
export const MAX_CHUNKS = 10;

/** A state too large for one value: the header names the chunks and tags them. */
interface ChunkedHeader {
  v: 2;
  chunks: number;
  tag: string;
}

type StoredValue = PackedInventory | ChunkedHeader;

/** The writes that store a state: one value, or a header plus chunks (stale ones deleted). */
function stateWrites(state: InventoryState): { key: Deno.KvKey; value: unknown }[] {
  const packed = packInventory(state);
  const json = JSON.stringify(packed);
  const flightId = state.flightId;
  const stale = (from: number) =>
    Array.from(
      { length: MAX_CHUNKS - from },
      (_, i) => ({ key: flightInventoryChunkKey(flightId, from + i), value: undefined }),
    );
  if (json.length <= CHUNK_CHARS) {
    return [{ key: flightInventoryKey(flightId), value: packed }, ...stale(0)];
  }
  const chunks = Math.ceil(json.length / CHUNK_CHARS);
  if (chunks > MAX_CHUNKS) throw new RangeError(`Inventory of ${flightId} needs ${chunks} chunks`);
  const tag = crypto.randomUUID();
  return [
    { key: flightInventoryKey(flightId), value: { v: 2, chunks, tag } satisfies ChunkedHeader },
    ...Array.from({ length: chunks }, (_, i) => ({
      key: flightInventoryChunkKey(flightId, i),
      value: { tag, part: json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS) },
    })),
    ...stale(chunks),
  ];
}

function applyWrites(atomic: Deno.AtomicOperation, writes: { key: Deno.KvKey; value: unknown }[]) {
  for (const w of writes) {
    if (w.value === undefined) atomic.delete(w.key);
    else atomic.set(w.key, w.value);
  }
}

/** Reads a flight's inventory (strongly consistent), or null when KV has none. */
export async function getInventory(kv: Deno.Kv, flightId: string): Promise<StoredInventory | null> {
  for (;;) {
    const entry = await kv.get<StoredValue>(flightInventoryKey(flightId));
    if (!entry.versionstamp) return null;
    const value = entry.value!;
    if (value.v === 1) return { state: unpackInventory(value), versionstamp: entry.versionstamp };
    const parts = await kv.getMany<{ tag: string; part: string }[]>(
      Array.from({ length: value.chunks }, (_, i) => flightInventoryChunkKey(flightId, i)),
    );
    // Chunks from a newer write than the header: read again.
    if (parts.some((p) => p.value?.tag !== value.tag)) continue;
    const packed = JSON.parse(parts.map((p) => p.value!.part).join("")) as PackedInventory;
    return { state: unpackInventory(packed), versionstamp: entry.versionstamp };
  }
}

/** Writes a flight's first inventory only if none exists; null when another writer won. */
export async function createInventory(kv: Deno.Kv, state: InventoryState): Promise<string | null> {
  const atomic = kv.atomic()
    .check({ key: flightInventoryKey(state.flightId), versionstamp: null })
    .set(flightEventHeadKey(state.flightId), state.seq);
  applyWrites(atomic, stateWrites(state));
  const result = await atomic.commit();
  return result.ok ? result.versionstamp : null;
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
   * The versionstamp the state was read at (null: KV had none); the commit fails if anyone
   * wrote since.
   */
  versionstamp: string | null;
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
  // State (up to MAX_CHUNKS values + deletes of stale ones), head, outbox mark and message,
  // three for the ops board (activity sum, latest counters, change index), and per status
  // change its two log entries plus the two heads.
  return 7 + 2 * MAX_CHUNKS + c.events.length + c.expiries.length + delayedExpiries +
    (statuses ? 2 * statuses + 2 : 0);
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
 * Commits a batch: the state (checked against `versionstamp`), its events appended to the
 * flight's log with a TTL, the event head, the hold-expiry index, a delayed expiry message
 * per new hold and one projection message for the outbox. Returns the new versionstamp, or
 * null when the check failed (another writer got there first).
 */
export async function commitInventory(kv: Deno.Kv, c: InventoryCommit): Promise<string | null> {
  const flightId = c.state.flightId;
  const atomic = kv.atomic()
    .check({ key: flightInventoryKey(flightId), versionstamp: c.versionstamp })
    .set(flightEventHeadKey(flightId), c.state.seq);
  applyWrites(atomic, stateWrites(c.state));
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
    // The durable outbox mark: cleared only once Postgres has these events.
    atomic.set(projectionPendingKey(flightId), c.state.seq);
    const message: InventoryMessage = { kind: "project", flightId, upTo: c.state.seq };
    atomic.enqueue(message, { keysIfUndelivered: [outboxDeadLetterKey(flightId, c.state.seq)] });
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
  return result.ok ? result.versionstamp : null;
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
