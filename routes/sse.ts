import type { Context } from "hono";
import { z } from "zod";
import { AppError } from "../domain/app_error.ts";
import { encodeRetry, parseLastEventId } from "../realtime/sse.ts";
import { frame } from "../realtime/topics.ts";
import type { StreamPlan } from "../realtime/stream_plan.ts";
import type { Frame, Sink, TopicSource } from "../realtime/hub.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { documentedHeader, textResponse } from "./declare.ts";
import { clientAddress } from "./middleware/rate_limit.ts";
import { sseConnections } from "../platform/app_metrics.ts";

// How long a browser waits before reconnecting after the stream ends.
const RETRY = encodeRetry(2000);
/** Seconds a client refused for too many streams is told to wait. */
const CAP_RETRY_AFTER_S = 5;

/** Query of every stream: where to resume, for clients that cannot send Last-Event-ID. */
export const StreamQuery = z.object({
  lastEventId: z.string().regex(/^\d{1,15}$/, "expected an event id this stream sent")
    .optional(),
});

/** What every stream declares it reads: where to resume, by query or header. */
export const streamRequest = {
  query: StreamQuery,
  // lastEventIdOf checks it (400 invalid_last_event_id), as it does the query parameter.
  headers: z.object({
    "Last-Event-ID": documentedHeader(
      "The id of the last event received: the stream resumes after it.",
    ),
  }),
};

/** The documented answer of every stream. */
export const STREAM_RESPONSE = textResponse(
  "An event stream; every frame has an id, a client resumes with Last-Event-ID",
  "text/event-stream",
);

/** Last-Event-ID from the header or the `lastEventId` query parameter; 400 when malformed. */
export function lastEventIdOf(c: Context<AppEnv>): number | undefined {
  const parsed = parseLastEventId(c.req.header("last-event-id"), c.req.query("lastEventId"));
  if (!parsed.ok) {
    throw new AppError(400, "invalid_last_event_id", { detail: parsed.detail });
  }
  return parsed.seq;
}

// Frames larger than this (snapshots) are written in slices with a macrotask between them:
// Deno keeps a connection's write buffer at the size of its largest burst, so a 25 KB
// snapshot written at once costs ~28 KB per idle connection for its whole life.
const SLICE_BYTES = 8 * 1024;
// A client this far behind (bytes queued for it) is dropped; it resumes with Last-Event-ID.
const MAX_BEHIND_BYTES = 1024 * 1024;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Answers with an SSE stream run by `plan`: checks the caller's stream caps (429), then
 * subscribes to the hub, sends the start frames, and goes live: from then on the hub writes
 * each event's shared bytes straight into this stream. A client that hangs up is dropped at
 * once (the body's cancel); an internal error sends `event: error` and closes.
 *
 * Hono's streamSSE would put a TransformStream, a writer, a reader and a second
 * ReadableStream, and a promise chain per write, behind every client (about 10 KB and
 * several awaits per client per event, measured); at 10,000 clients a plain ReadableStream
 * that the hub enqueues into is what keeps fan-out and memory in budget. The wire format is
 * the same.
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
  const log = c.get("log");
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  const sub = deps.hub.subscribe(plan.topic, plan.source);
  // The topic's kind (seats:<id> → seats): a label with a handful of values, not one per id.
  const open = sseConnections.labels(plan.topic.split(":", 1)[0]);
  open.inc();

  const finish = () => {
    if (done) return;
    done = true;
    sub.close();
    release();
    open.dec();
    try {
      ctl.close();
    } catch { /* already closed or cancelled */ }
  };
  const send = (bytes: Uint8Array) => {
    if (done) return;
    ctl.enqueue(bytes);
    if ((ctl.desiredSize ?? 0) < -MAX_BEHIND_BYTES) {
      log.warn("stream client too slow, dropped", { topic: plan.topic });
      finish();
    }
  };
  const fail = (err: unknown) => {
    if (done) return;
    log.error("stream failed", { topic: plan.topic, error: err });
    const body = { code: "internal", detail: "The stream failed; reconnect to resume." };
    send(frame("error", Math.max(0, sub.sent), body).bytes);
    finish();
  };
  const writeFrames = async (frames: Frame[]) => {
    for (const f of frames) {
      for (let at = 0; at < f.bytes.length && !done; at += SLICE_BYTES) {
        if (at > 0) await nextTask();
        send(f.bytes.subarray(at, at + SLICE_BYTES));
      }
      if (f.seq !== undefined && f.seq > sub.sent) sub.sent = f.seq;
    }
  };
  const sink: Sink = {
    write: send,
    end: (kind) => {
      if (kind === "closed") finish();
      else if (kind === "error") fail(new Error(`topic ${plan.topic} failed`));
      else {run(async () => {
          // A snapshot after a log reset may carry a lower seq than what was sent before.
          const had = sub.sent;
          sub.sent = -1;
          return await plan.resync(sub, had);
        });}
    },
  };
  const run = (frames: () => Promise<Frame[]>) =>
    frames().then(writeFrames).then(() => done || sub.attach(sink)).catch(fail);

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      ctl = controller;
    },
    cancel: finish,
  }, new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }));
  send(RETRY);
  run(async () => {
    await sub.ready;
    return await plan.start(sub, lastEventId);
  });
  return c.body(body, 200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no", // nginx would otherwise hold frames back
  });
}
