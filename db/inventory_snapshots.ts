/**
 * How a flight's live inventory is stored in KV: a snapshot of the state now and then, and
 * the tail of events since it. A commit writes a small header (the entry every writer checks)
 * and its own events, not the whole state: a 1,000-seat flight's state is ~100 KB, a hold's
 * event a few hundred bytes. Every SNAPSHOT_EVERY events the commit writes a fresh snapshot
 * instead, and the tail behind it is deleted afterwards. Reading is the snapshot with the
 * tail applied.
 */
import type { InventoryState } from "../domain/inventory/state.ts";
import { indexInventory } from "../domain/inventory/state.ts";
import { applyEvent } from "../domain/inventory/evolve.ts";
import type { InventoryEvent } from "../domain/inventory/commands.ts";
import { type PackedInventory, packInventory, unpackInventory } from "./inventory_codec.ts";
import { flightInventoryChunkKey, flightInventoryKey, flightInventoryTailKey } from "./kv_keys.ts";

/** An event as stored in a flight's log: its sequence number and commit time. */
export interface LoggedEvent {
  seq: number;
  at: number;
  event: InventoryEvent;
}

/** Characters per chunk: KV values are at most 64 KiB. */
const CHUNK_CHARS = 60_000;
/** Chunks a snapshot may take: 10 × 60 KB covers a 1,000-seat flight with every seat held. */
export const MAX_CHUNKS = 10;
/** Events between snapshots: loading applies at most this many on top of the snapshot. */
export const SNAPSHOT_EVERY = 512;

/** Where a snapshot's chunks are, tagged so a reader can tell them from a newer write's. */
export interface SnapshotRef {
  seq: number;
  chunks: number;
  tag: string;
}

/** The checked entry: the state's seq and the snapshot it starts from. */
interface Header {
  v: 3;
  seq: number;
  snapshot: SnapshotRef;
}

/** Older forms of the same key: the whole state in one value (v1) or in chunks (v2). */
type Legacy = PackedInventory | { v: 2; chunks: number; tag: string };

/** What a commit builds on: the header's versionstamp and the snapshot it points to. */
export interface StoredBase {
  /** null while KV has nothing for the flight (the first commit checks it stays so). */
  versionstamp: string | null;
  /** Absent before the first snapshot (a new flight, or a state stored in an older form). */
  snapshot?: SnapshotRef;
}

/** A stored inventory with the base its next commit builds on. */
export interface StoredInventory extends StoredBase {
  state: InventoryState;
  versionstamp: string;
}

async function readChunks(kv: Deno.Kv, flightId: string, chunks: number, tag: string) {
  const parts = await kv.getMany<{ tag: string; part: string }[]>(
    Array.from({ length: chunks }, (_, i) => flightInventoryChunkKey(flightId, i)),
  );
  if (parts.some((p) => p.value?.tag !== tag)) return undefined;
  return unpackInventory(JSON.parse(parts.map((p) => p.value!.part).join("")) as PackedInventory);
}

/** The tail events `from < seq <= to`, or undefined when any is missing (a newer snapshot). */
async function readTail(kv: Deno.Kv, flightId: string, from: number, to: number) {
  if (to <= from) return [];
  const events: LoggedEvent[] = [];
  const iter = kv.list<LoggedEvent>({
    start: flightInventoryTailKey(flightId, from + 1),
    end: flightInventoryTailKey(flightId, to + 1),
  });
  for await (const e of iter) events.push(e.value);
  return events.length === to - from ? events : undefined;
}

/** `state` with `events` applied in order (a fresh copy; `state` is not changed). */
export function replay(state: InventoryState, events: LoggedEvent[]): InventoryState {
  if (!events.length) return state;
  const inv = indexInventory(structuredClone(state));
  for (const { event } of events) applyEvent(inv, event);
  return inv.state;
}

/**
 * Reads a flight's inventory (strongly consistent), or null when KV has none. A commit that
 * lands between the reads (new chunks, a tail cut short by a snapshot) makes it read again.
 */
export async function getInventory(kv: Deno.Kv, flightId: string): Promise<StoredInventory | null> {
  for (;;) {
    const entry = await kv.get<Header | Legacy>(flightInventoryKey(flightId));
    if (!entry.versionstamp) return null;
    const value = entry.value!;
    const versionstamp = entry.versionstamp;
    if (value.v === 1) return { state: unpackInventory(value), versionstamp };
    if (value.v === 2) {
      const state = await readChunks(kv, flightId, value.chunks, value.tag);
      if (state) return { state, versionstamp };
      continue;
    }
    const { snapshot } = value;
    const base = await readChunks(kv, flightId, snapshot.chunks, snapshot.tag);
    const tail = base && await readTail(kv, flightId, snapshot.seq, value.seq);
    if (base && tail) return { state: replay(base, tail), versionstamp, snapshot };
  }
}

/** The writes of a snapshot of `state`: its chunks under a new tag, stale chunks deleted. */
function snapshotWrites(atomic: Deno.AtomicOperation, state: InventoryState): SnapshotRef {
  const json = JSON.stringify(packInventory(state));
  const flightId = state.flightId;
  const chunks = Math.ceil(json.length / CHUNK_CHARS);
  if (chunks > MAX_CHUNKS) throw new RangeError(`Inventory of ${flightId} needs ${chunks} chunks`);
  const tag = crypto.randomUUID();
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const key = flightInventoryChunkKey(flightId, i);
    if (i < chunks) {
      atomic.set(key, { tag, part: json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS) });
    } else atomic.delete(key);
  }
  return { seq: state.seq, chunks, tag };
}

/** Mutations the state part of a commit may need at most (snapshot, header). */
export function stateMutations(events: number): number {
  return 1 + MAX_CHUNKS + events;
}

/**
 * Adds the state part of a commit to `atomic`: the header, checked against `base`, and either
 * the batch's events as tail entries or, when one is due, a snapshot of `state`. Returns the
 * snapshot the new header points to; `snapshotted` says whether this commit wrote it.
 */
export function stateWrites(
  atomic: Deno.AtomicOperation,
  base: StoredBase,
  state: InventoryState,
  events: LoggedEvent[],
): { snapshot: SnapshotRef; snapshotted: boolean } {
  const key = flightInventoryKey(state.flightId);
  atomic.check({ key, versionstamp: base.versionstamp });
  const due = !base.snapshot || state.seq - base.snapshot.seq >= SNAPSHOT_EVERY;
  const snapshot = due ? snapshotWrites(atomic, state) : base.snapshot!;
  if (!due) {
    for (const e of events) atomic.set(flightInventoryTailKey(state.flightId, e.seq), e);
  }
  atomic.set(key, { v: 3, seq: state.seq, snapshot } satisfies Header);
  return { snapshot, snapshotted: due };
}

/**
 * Deletes tail entries a snapshot has made redundant (at or before `seq`). Best effort after
 * the snapshot's commit: entries a crash leaves behind are never read (reads start after the
 * snapshot) and the next snapshot's cleanup takes them.
 */
export async function dropTail(kv: Deno.Kv, flightId: string, seq: number): Promise<void> {
  const keys: Deno.KvKey[] = [];
  const iter = kv.list({
    start: flightInventoryTailKey(flightId, 0),
    end: flightInventoryTailKey(flightId, seq + 1),
  });
  for await (const e of iter) keys.push(e.key);
  for (let i = 0; i < keys.length; i += 1000) {
    const atomic = kv.atomic();
    for (const k of keys.slice(i, i + 1000)) atomic.delete(k);
    await atomic.commit();
  }
}
