/** Every status change and live booking counters, as the operations board's SSE plan. */
import { getOpsHead, listOpsEvents } from "../../db/realtime_kv.ts";
import { frame, opsStatusFrame, opsTopic } from "../../realtime/topics.ts";
import type { Frame, Subscription } from "../../realtime/hub.ts";
import { missed, resetFrame, type StreamPlan } from "../../realtime/stream_plan.ts";

type OpsSub = Subscription<ReturnType<typeof opsTopic>>;

// Counters are state, not events: each (re)connect gets all of them, from the hub's
// in-memory aggregate. Its id is the newest status change the client has.
function snapshot(sub: OpsSub): Frame {
  const id = Math.max(sub.sent, sub.source.last, 0);
  return frame("snapshot", id, { opsSeq: id, flights: sub.source.counters() }, id);
}

/** The operations feed: missed status changes (or a reset), then the counters' snapshot. */
export function opsFeed(kv: Deno.Kv): StreamPlan<ReturnType<typeof opsTopic>> {
  return {
    topic: "ops",
    source: () => opsTopic(kv),
    start: async (sub, last) => {
      if (last === undefined) return [snapshot(sub)];
      const head = await getOpsHead(kv);
      const events = await missed(last, head, (a, b) => listOpsEvents(kv, a, b));
      if (!events) return [resetFrame("aged_out", last), snapshot(sub)];
      sub.sent = last;
      const frames = events.map(opsStatusFrame);
      if (frames.length) sub.sent = head;
      return [...frames, snapshot(sub)];
    },
    resync: (sub, had) => Promise.resolve([resetFrame("resync", had), snapshot(sub)]),
  };
}
