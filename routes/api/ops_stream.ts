import { Hono } from "hono";
import { getOpsHead, listOpsEvents } from "../../db/realtime_kv.ts";
import { frame, opsStatusFrame, opsTopic } from "../../realtime/topics.ts";
import type { Frame, Subscription } from "../../realtime/hub.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { missed, openStream, resetFrame, StreamQuery } from "../sse.ts";
import { validate } from "../problem.ts";

type OpsSub = Subscription<ReturnType<typeof opsTopic>>;

/** `GET /api/admin/ops/stream`: every status change and live booking counters (staff). */
export function opsStreamRoutes(deps: AppDeps) {
  // Counters are state, not events: each (re)connect gets all of them, from the hub's
  // in-memory aggregate. Its id is the newest status change the client has.
  const snapshot = (sub: OpsSub): Frame => {
    const id = Math.max(sub.sent, sub.source.last, 0);
    return frame("snapshot", id, { opsSeq: id, flights: sub.source.counters() }, id);
  };

  return new Hono<AppEnv>().get(
    "/ops/stream",
    validate("query", StreamQuery),
    (c) =>
      openStream(c, deps, {
        topic: "ops",
        source: () => opsTopic(deps.kv),
        start: async (sub, last) => {
          if (last === undefined) return [snapshot(sub)];
          const head = await getOpsHead(deps.kv);
          const events = await missed(last, head, (a, b) => listOpsEvents(deps.kv, a, b));
          if (!events) {
            return [resetFrame("aged_out", last), snapshot(sub)];
          }
          sub.sent = last;
          const frames = events.map(opsStatusFrame);
          if (frames.length) sub.sent = head;
          return [...frames, snapshot(sub)];
        },
        resync: (sub, had) => Promise.resolve([resetFrame("resync", had), snapshot(sub)]),
      }),
  );
}
