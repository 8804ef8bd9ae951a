import { Hono } from "hono";
import { seatMapView } from "../../domain/inventory/view.ts";
import { statusView } from "../../domain/flight_status.ts";
import { getEventHead, listEvents } from "../../db/inventory_kv.ts";
import { getStatusHead, listStatusEvents } from "../../db/realtime_kv.ts";
import { notFound } from "../../domain/app_error.ts";
import { frame, seatFrame, seatTopic, statusFrame, statusTopic } from "../../realtime/topics.ts";
import type { Frame } from "../../realtime/hub.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { flightOr404, FlightParam } from "./flights.ts";
import { missed, openStream, resetFrame, StreamQuery } from "../sse.ts";

// A snapshot's prices follow the clock (days to departure), so a shared one is rebuilt after
// this long even when no seat changed.
const SNAPSHOT_REUSE_MS = 60_000;

/** `GET /api/flights/:id/seats/stream` and `/status/stream`: live seat map and status. */
export function flightStreamRoutes(deps: AppDeps) {
  const { kv } = deps;

  /** Snapshot (shared while the flight is unchanged), then whatever committed after it. */
  const seatSnapshot = async (flightId: string, source: ReturnType<typeof seatTopic>) => {
    const inv = await deps.registry.inventory(flightId);
    const now = deps.clock.now().getTime();
    const seq = inv.state.seq;
    let shared = source.snapshot;
    if (!shared || shared.seq !== seq || now - shared.builtAt > SNAPSHOT_REUSE_MS) {
      shared = { seq, builtAt: now, frame: frame("snapshot", seq, seatMapView(inv, now), seq) };
      source.snapshot = shared;
    }
    // The actor's copy may trail KV when another process committed: the log fills the gap.
    const head = await getEventHead(kv, flightId);
    const after = head > seq ? await listEvents(kv, flightId, seq + 1, head) : [];
    return [shared.frame, ...after.map(seatFrame)];
  };

  /** The actor's status, then whatever another process committed after it. */
  const statusSnapshot = async (flightId: string): Promise<Frame[]> => {
    const ops = (await deps.registry.inventory(flightId)).state.ops;
    if (!ops) throw notFound("Flight");
    const head = await getStatusHead(kv, flightId);
    const after = head > ops.version
      ? await listStatusEvents(kv, flightId, ops.version + 1, head)
      : [];
    return [
      frame("snapshot", ops.version, statusView(ops), ops.version),
      ...after.map(statusFrame),
    ];
  };

  return new Hono<AppEnv>()
    .get(
      "/:id/seats/stream",
      validate("param", FlightParam),
      validate("query", StreamQuery),
      async (c) => {
        const flight = await flightOr404(deps, c.req.valid("param").id);
        return openStream(c, deps, {
          topic: `seats:${flight.id}`,
          source: () => seatTopic(kv, flight.id),
          start: async (sub, last) => {
            if (last === undefined) return await seatSnapshot(flight.id, sub.source);
            const head = await getEventHead(kv, flight.id);
            const events = await missed(last, head, (a, b) => listEvents(kv, flight.id, a, b));
            if (!events) {
              return [resetFrame("aged_out", last), ...await seatSnapshot(flight.id, sub.source)];
            }
            sub.sent = last;
            return events.map(seatFrame);
          },
          resync: async (sub, had) => [
            resetFrame("resync", had),
            ...await seatSnapshot(flight.id, sub.source),
          ],
        });
      },
    )
    .get(
      "/:id/status/stream",
      validate("param", FlightParam),
      validate("query", StreamQuery),
      async (c) => {
        const flight = await flightOr404(deps, c.req.valid("param").id);
        return openStream(c, deps, {
          topic: `status:${flight.id}`,
          source: () => statusTopic(kv, flight.id),
          start: async (sub, last) => {
            const snapshot = await statusSnapshot(flight.id);
            if (last === undefined) return snapshot;
            // The snapshot has the current version; the KV log has the changes that led to it.
            const version = snapshot[snapshot.length - 1].seq!;
            const events = await missed(
              last,
              version,
              (a, b) => listStatusEvents(kv, flight.id, a, b),
            );
            if (!events) return [resetFrame("aged_out", last), ...snapshot];
            sub.sent = last;
            return events.map(statusFrame);
          },
          resync: async (_sub, had) => [
            resetFrame("resync", had),
            ...await statusSnapshot(flight.id),
          ],
        });
      },
    );
}
