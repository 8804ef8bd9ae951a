import type { Context } from "hono";
import { z } from "zod";
import { streamSSE } from "hono/streaming";
import { AppError } from "../domain/app_error.ts";
import { formatComment, parseLastEventId } from "../domain/realtime/sse.ts";
import { frame } from "../services/realtime_topics.ts";
import type { Frame, Subscription, TopicSource } from "../services/realtime_hub.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { clientAddress } from "./middleware/rate_limit.ts";

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(formatComment("heartbeat"));
// How long a browser waits before reconnecting after the stream ends.
const RETRY = encoder.encode("retry: 2000\n\n");
/** Seconds a client refused for too many streams is told to wait. */
const CAP_RETRY_AFTER_S = 5;

/** Query of every stream: where to resume, for clients that cannot send Last-Event-ID. */
export const StreamQuery = z.object({
  lastEventId: z.string().regex(/^\d{1,15}$/, "expected an event id this stream sent")
    .optional(),
});

/** The Last-Event-ID header as documented for every stream. */
export const LAST_EVENT_ID_HEADER = {
  name: "Last-Event-ID",
  required: false,
  description: "The id of the last event received: the stream resumes after it.",
};

/** How one stream starts and starts over; frames with a seq mark what the client has. */
export interface StreamPlan<S extends TopicSource> {
  /** The hub topic, e.g. `seats:<flightId>`. */
  topic: string;
  source: () => S;
  /** What the client gets first: a snapshot, or the events after its Last-Event-ID. */
  start(sub: Subscription<S>, lastEventId: number | undefined): Promise<Frame[]>;
  /**
   * What a client gets when it must start over (it fell behind, or the log was reset);
   * `had` is the last seq it was sent.
   */
  resync(sub: Subscription<S>, had: number): Promise<Frame[]>;
}

/** The `reset` event that tells a client its view restarts from the snapshot that follows. */
export function resetFrame(reason: string, id: number): Frame {
  return frame("reset", Math.max(0, id), { reason });
}

/**
 * Events after `last` up to `head` from a log, or undefined when any are missing (aged
 * out, or an id from the future): the client then needs a snapshot instead.
 */
export async function missed<T>(
  last: number,
  head: number,
  read: (from: number, to: number) => Promise<T[]>,
): Promise<T[] | undefined> {
  if (last > head) return undefined;
  const events = last === head ? [] : await read(last + 1, head);
  return events.length === head - last ? events : undefined;
}

/** Last-Event-ID from the header or the `lastEventId` query parameter; 400 when malformed. */
export function lastEventIdOf(c: Context<AppEnv>): number | undefined {
  const parsed = parseLastEventId(c.req.header("last-event-id"), c.req.query("lastEventId"));
  if (!parsed.ok) {
    throw new AppError(400, "invalid_last_event_id", { detail: parsed.detail });
  }
  return parsed.seq;
}

/**
 * Answers with an SSE stream run by `plan`: checks the caller's stream caps (429), then
 * subscribes to the hub, sends the start frames, and relays the topic's frames, heartbeats
 * and resets until the client leaves (dropped at once) or an error ends it (`event: error`).
 */
export function openStream<S extends TopicSource>(
  c: Context<AppEnv>,
  deps: AppDeps,
  plan: StreamPlan<S>,
): Response {
  const lastEventId = lastEventIdOf(c);
  const release = deps.hub.admit(c.get("principal").userId, clientAddress(c));
  if (!release) {
    throw new AppError(429, "too_many_streams", {
      detail: "Too many open streams from this user or address; close one first.",
      headers: { "Retry-After": String(CAP_RETRY_AFTER_S) },
    });
  }
  c.header("X-Accel-Buffering", "no"); // nginx would otherwise hold frames back
  return streamSSE(c, async (stream) => {
    const sub = deps.hub.subscribe(plan.topic, plan.source);
    stream.onAbort(() => sub.close());
    const write = async (frames: Frame[]) => {
      for (const f of frames) {
        if (stream.aborted) return;
        await stream.write(f.bytes);
        if (f.seq !== undefined && f.seq > sub.sent) sub.sent = f.seq;
      }
    };
    try {
      await stream.write(RETRY);
      await sub.ready;
      await write(await plan.start(sub, lastEventId));
      while (!stream.aborted) {
        const next = await sub.next();
        if (next.kind === "closed") break;
        if (next.kind === "error") throw new Error(`topic ${plan.topic} failed`);
        if (next.kind === "heartbeat") await stream.write(HEARTBEAT);
        else if (next.kind === "frames") await write(next.frames);
        else {
          // A snapshot after a log reset may carry a lower seq than what was sent before.
          const had = sub.sent;
          sub.sent = -1;
          await write(await plan.resync(sub, had));
        }
      }
    } catch (err) {
      c.get("log").error("stream failed", { topic: plan.topic, error: err });
      if (!stream.aborted) {
        const body = { code: "internal", detail: "The stream failed; reconnect to resume." };
        await stream.write(frame("error", Math.max(0, sub.sent), body).bytes);
      }
    } finally {
      sub.close();
      release();
    }
  });
}
