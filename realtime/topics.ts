import { encodeSse } from "./sse.ts";
import { seatChange } from "../domain/realtime/seat_changes.ts";
import { getEventHead, listEvents, type LoggedEvent } from "../db/inventory_kv.ts";
import {
  flightEventHeadKey,
  flightStatusHeadKey,
  opsActivityKey,
  opsHeadKey,
  userNotificationHeadKey,
} from "../db/kv_keys.ts";
import {
  type FlightCounters,
  getOpsHead,
  getStatusHead,
  listCounterChanges,
  listFlightCounters,
  listOpsEvents,
  listStatusEvents,
  type OpsEvent,
} from "../db/realtime_kv.ts";
import {
  getNotificationHead,
  listNotificationsAfter,
  type Notification,
} from "../db/notifications_repo.ts";
import type { FlightStatusChanged } from "../domain/flight_status.ts";
import type { Sql } from "../db/postgres.ts";
import type { Frame, TopicSource } from "./hub.ts";

/** Encodes one event as a frame; `seq` marks it as a log entry subscribers deduplicate. */
export function frame(event: string, id: number, data: unknown, seq?: number): Frame {
  return { seq, bytes: encodeSse({ event, id, data: JSON.stringify(data) }) };
}

/** The frame of one seat change (event `seats`, id = the flight's event seq). */
export const seatFrame = (e: LoggedEvent) => frame("seats", e.seq, seatChange(e), e.seq);
/** The frame of one status change (event `status`, id = the flight row's version). */
export const statusFrame = (e: FlightStatusChanged) => frame("status", e.version, e, e.version);
/** The frame of one notification (event `notification`, id = its seq). */
export const notificationFrame = (n: Notification) => frame("notification", n.seq, n, n.seq);
/** The ops stream's frame of a status change or an alert (id = the ops log seq). */
export const opsStatusFrame = (e: OpsEvent) =>
  "alert" in e ? frame("alert", e.seq, e.alert, e.seq) : frame("status", e.seq, e.event, e.seq);

/**
 * A topic over a numbered log with a head key: on each head change it reads the entries
 * after the last one it fanned out. A head that goes back (KV rebuilt) resets subscribers.
 */
function logTopic(
  key: Deno.KvKey,
  head: () => Promise<number>,
  read: (from: number, to: number) => Promise<Frame[]>,
): TopicSource & { last: number } {
  return {
    keys: [key],
    last: 0,
    async start() {
      this.last = await head();
    },
    async update([entry]) {
      const at = Number(entry.value ?? 0);
      if (at < this.last) {
        this.last = at;
        return "reset";
      }
      if (at === this.last) return [];
      const frames = await read(this.last + 1, at);
      this.last = at;
      return frames;
    },
  };
}

/** A flight's seat changes, with the encoded snapshot shared while the flight is unchanged. */
export function seatTopic(kv: Deno.Kv, flightId: string) {
  return {
    ...logTopic(
      flightEventHeadKey(flightId),
      () => getEventHead(kv, flightId),
      async (from, to) => (await listEvents(kv, flightId, from, to)).map(seatFrame),
    ),
    /** The last snapshot built, reused by clients that connect while nothing changed. */
    snapshot: undefined as { seq: number; builtAt: number; frame: Frame } | undefined,
  };
}

/** A flight's status changes. */
export function statusTopic(kv: Deno.Kv, flightId: string) {
  return logTopic(
    flightStatusHeadKey(flightId),
    () => getStatusHead(kv, flightId),
    async (from, to) => (await listStatusEvents(kv, flightId, from, to)).map(statusFrame),
  );
}

/** A user's notifications: the head is in KV, the rows in Postgres. */
export function notificationTopic(kv: Deno.Kv, sql: Sql, userId: string) {
  return logTopic(
    userNotificationHeadKey(userId),
    () => getNotificationHead(kv, userId),
    (from) => readNotifications(sql, userId, from - 1),
  );
}

/** Up to `max` notifications after `afterSeq`, as frames, oldest first. */
export async function readNotifications(
  sql: Sql,
  userId: string,
  afterSeq: number,
  max = 1000,
): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (let after = afterSeq; frames.length < max;) {
    const page = await listNotificationsAfter(sql, userId, after, 100);
    frames.push(...page.map(notificationFrame));
    if (page.length < 100) break;
    after = page[page.length - 1].seq;
  }
  return frames;
}

// Counter changes are indexed by commit time, and commits become visible slightly out of
// order across processes: look this far back each time and keep only newer seqs per flight.
const LOOK_BACK_MS = 30_000;

/**
 * The ops board: status changes from the ops log, plus every flight's booking counters,
 * aggregated in memory from the counter index that inventory commits feed.
 */
export function opsTopic(kv: Deno.Kv) {
  const latest = new Map<string, FlightCounters>();
  let cursor = 0;
  const take = (c: FlightCounters) => {
    const known = latest.get(c.flightId);
    if (known && known.seq >= c.seq) return false;
    latest.set(c.flightId, c);
    cursor = Math.max(cursor, c.at);
    return true;
  };
  return {
    keys: [opsHeadKey(), opsActivityKey()],
    last: 0,
    async start() {
      this.last = await getOpsHead(kv);
      for (const c of await listFlightCounters(kv)) take(c);
    },
    async update([head]: Deno.KvEntryMaybe<unknown>[]): Promise<Frame[]> {
      const frames: Frame[] = [];
      const at = Number(head.value ?? 0);
      if (at > this.last) {
        frames.push(...(await listOpsEvents(kv, this.last + 1, at)).map(opsStatusFrame));
        this.last = at;
      }
      for (const c of await listCounterChanges(kv, cursor - LOOK_BACK_MS)) {
        if (take(c)) frames.push(frame("counters", this.last, c));
      }
      return frames;
    },
    /** Every flight's latest counters. */
    counters: () => [...latest.values()],
  };
}
