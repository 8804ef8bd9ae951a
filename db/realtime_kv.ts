import type { FlightStatusChanged } from "../domain/flight_status.ts";
import type { CabinCounters } from "../domain/inventory/state.ts";
import {
  flightStatusEventKey,
  flightStatusHeadKey,
  opsCounterChangeKey,
  opsCounterChangePrefix,
  opsEventKey,
  opsFlightCountersKey,
  opsFlightCountersPrefix,
  opsHeadKey,
} from "./kv_keys.ts";

/** How long status changes stay in the per-flight and ops logs (the resume window). */
export const STATUS_LOG_TTL_MS = 7 * 24 * 3600_000;
/** How long a flight's latest counters stay listed for the ops board after its last change. */
export const COUNTERS_TTL_MS = 3 * 24 * 3600_000;
/** How long the counter-change index keeps an entry: readers only look a little way back. */
export const COUNTER_CHANGE_TTL_MS = 10 * 60_000;

/** An operator alert as the ops log keeps it and the ops stream sends it (event `alert`). */
export interface OpsAlertEvent {
  /** Stable per flight and condition (the alert's dedupe key). */
  key: string;
  flightId: string;
  condition: string;
  title: string;
  body: string;
  createdAt: string;
}

/** A status change or an operator alert as stored in the ops log. */
export type OpsEvent =
  | { seq: number; event: FlightStatusChanged }
  | { seq: number; alert: OpsAlertEvent };

/** A flight's live booking counters, as the ops stream sends them. */
export interface FlightCounters {
  flightId: string;
  /** The inventory event seq these counters are at: newer replaces older. */
  seq: number;
  at: number;
  cabins: Pick<CabinCounters, "cabin" | "capacity" | "authorized" | "held" | "sold" | "blocked">[];
}

/** The counters a flight's commit writes (blocked and available come from its seat index). */
export function flightCounters(
  flightId: string,
  seq: number,
  at: number,
  cabins: CabinCounters[],
): FlightCounters {
  return {
    flightId,
    seq,
    at,
    cabins: cabins.map((c) => ({
      cabin: c.cabin,
      capacity: c.capacity,
      authorized: c.authorized,
      held: c.held,
      sold: c.sold,
      blocked: c.blocked,
    })),
  };
}

/** A flight's newest status version in KV (0 when none was published). */
export async function getStatusHead(kv: Deno.Kv, flightId: string): Promise<number> {
  return (await kv.get<number>(flightStatusHeadKey(flightId))).value ?? 0;
}

/** Status changes of a flight with `from <= version <= to`; aged-out ones are absent. */
export async function listStatusEvents(
  kv: Deno.Kv,
  flightId: string,
  from: number,
  to: number,
): Promise<FlightStatusChanged[]> {
  const out: FlightStatusChanged[] = [];
  const iter = kv.list<FlightStatusChanged>({
    start: flightStatusEventKey(flightId, from),
    end: flightStatusEventKey(flightId, to + 1),
  });
  for await (const e of iter) out.push(e.value);
  return out;
}

/** The ops log's newest seq (0 when empty). */
export async function getOpsHead(kv: Deno.Kv): Promise<number> {
  return (await kv.get<number>(opsHeadKey())).value ?? 0;
}

/** Ops log entries with `from <= seq <= to`; aged-out ones are absent. */
export async function listOpsEvents(kv: Deno.Kv, from: number, to: number): Promise<OpsEvent[]> {
  const out: OpsEvent[] = [];
  const iter = kv.list<OpsEvent>({ start: opsEventKey(from), end: opsEventKey(to + 1) });
  for await (const e of iter) out.push(e.value);
  return out;
}

/** Every flight's latest counters (flights with inventory activity in the last few days). */
export async function listFlightCounters(kv: Deno.Kv, limit = 5000): Promise<FlightCounters[]> {
  const out: FlightCounters[] = [];
  const iter = kv.list<FlightCounters>({ prefix: opsFlightCountersPrefix() }, { limit });
  for await (const e of iter) out.push(e.value);
  return out;
}

/** Counters written at or after `since` (commit time), oldest first. */
export async function listCounterChanges(
  kv: Deno.Kv,
  since: number,
  limit = 5000,
): Promise<FlightCounters[]> {
  const out: FlightCounters[] = [];
  const iter = kv.list<FlightCounters>({
    start: [...opsCounterChangePrefix(), since],
    end: [...opsCounterChangePrefix(), Number.MAX_SAFE_INTEGER],
  }, { limit });
  for await (const e of iter) out.push(e.value);
  return out;
}

/** The writes a flight's inventory commit adds for the ops board (no checks: no conflicts). */
export function counterWrites(atomic: Deno.AtomicOperation, counters: FlightCounters): void {
  atomic.set(opsFlightCountersKey(counters.flightId), counters, { expireIn: COUNTERS_TTL_MS })
    .set(opsCounterChangeKey(counters.at, counters.flightId), counters, {
      expireIn: COUNTER_CHANGE_TTL_MS,
    });
}

/**
 * Appends an operator alert to the ops log, so every open board hears of it: the head is
 * checked like a status commit's, and a write that lost the race is tried again.
 */
export async function appendOpsAlert(kv: Deno.Kv, alert: OpsAlertEvent): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const head = await kv.get<number>(opsHeadKey());
    const seq = (head.value ?? 0) + 1;
    const res = await kv.atomic().check(head)
      .set(opsEventKey(seq), { seq, alert } satisfies OpsEvent, { expireIn: STATUS_LOG_TTL_MS })
      .set(opsHeadKey(), seq)
      .commit();
    if (res.ok) return seq;
  }
  throw new Error("ops log: could not append an alert");
}
