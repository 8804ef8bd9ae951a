/** The live seat map and status of one flight, as SSE stream plans. */
import { seatMapView } from "../../domain/inventory/view.ts";
import { statusView } from "../../domain/flight_status.ts";
import { notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import { getEventHead, listEvents } from "../../db/inventory_kv.ts";
import { getStatusHead, listStatusEvents } from "../../db/realtime_kv.ts";
import { frame, seatFrame, seatTopic, statusFrame, statusTopic } from "../../realtime/topics.ts";
import type { Frame } from "../../realtime/hub.ts";
import { missed, resetFrame, type StreamPlan } from "../../realtime/stream_plan.ts";

// A snapshot's prices follow the clock (days to departure), so a shared one is rebuilt after
// this long even when no seat changed.
const SNAPSHOT_REUSE_MS = 60_000;

/** What the flight feeds read. */
export interface FlightFeedDeps {
  kv: Deno.Kv;
  registry: ActorRegistry;
  clock: Clock;
}

/** Snapshot (shared while the flight is unchanged), then whatever committed after it. */
async function seatSnapshot(
  deps: FlightFeedDeps,
  flightId: string,
  source: ReturnType<typeof seatTopic>,
): Promise<Frame[]> {
  const inv = await deps.registry.inventory(flightId);
  const now = deps.clock.now().getTime();
  const seq = inv.state.seq;
  let shared = source.snapshot;
  if (!shared || shared.seq !== seq || now - shared.builtAt > SNAPSHOT_REUSE_MS) {
    shared = { seq, builtAt: now, frame: frame("snapshot", seq, seatMapView(inv, now), seq) };
    source.snapshot = shared;
  }
  // The actor's copy may trail KV when another process committed: the log fills the gap.
  const head = await getEventHead(deps.kv, flightId);
  const after = head > seq ? await listEvents(deps.kv, flightId, seq + 1, head) : [];
  return [shared.frame, ...after.map(seatFrame)];
}

/** The actor's status, then whatever another process committed after it. */
async function statusSnapshot(deps: FlightFeedDeps, flightId: string): Promise<Frame[]> {
  const ops = (await deps.registry.inventory(flightId)).state.ops;
  if (!ops) throw notFound("Flight");
  const head = await getStatusHead(deps.kv, flightId);
  const after = head > ops.version
    ? await listStatusEvents(deps.kv, flightId, ops.version + 1, head)
    : [];
  return [
    frame("snapshot", ops.version, statusView(ops), ops.version),
    ...after.map(statusFrame),
  ];
}

/** The seat map of a flight: a snapshot, or the seat changes after a client's last event. */
export function seatFeed(
  deps: FlightFeedDeps,
  flightId: string,
): StreamPlan<ReturnType<typeof seatTopic>> {
  const { kv } = deps;
  return {
    topic: `seats:${flightId}`,
    source: () => seatTopic(kv, flightId),
    start: async (sub, last) => {
      if (last === undefined) return await seatSnapshot(deps, flightId, sub.source);
      const head = await getEventHead(kv, flightId);
      const events = await missed(last, head, (a, b) => listEvents(kv, flightId, a, b));
      if (!events) {
        return [resetFrame("aged_out", last), ...await seatSnapshot(deps, flightId, sub.source)];
      }
      sub.sent = last;
      return events.map(seatFrame);
    },
    resync: async (sub, had) => [
      resetFrame("resync", had),
      ...await seatSnapshot(deps, flightId, sub.source),
    ],
  };
}

/** The status of a flight: a snapshot, or the changes after a client's last event. */
export function statusFeed(
  deps: FlightFeedDeps,
  flightId: string,
): StreamPlan<ReturnType<typeof statusTopic>> {
  const { kv } = deps;
  return {
    topic: `status:${flightId}`,
    source: () => statusTopic(kv, flightId),
    start: async (sub, last) => {
      const snapshot = await statusSnapshot(deps, flightId);
      if (last === undefined) return snapshot;
      // The snapshot has the current version; the KV log has the changes that led to it.
      const version = snapshot[snapshot.length - 1].seq!;
      const events = await missed(last, version, (a, b) => listStatusEvents(kv, flightId, a, b));
      if (!events) return [resetFrame("aged_out", last), ...snapshot];
      sub.sent = last;
      return events.map(statusFrame);
    },
    resync: async (
      _sub,
      had,
    ) => [resetFrame("resync", had), ...await statusSnapshot(deps, flightId)],
  };
}
