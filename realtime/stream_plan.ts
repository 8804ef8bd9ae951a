/** How one SSE stream starts and starts over, apart from the HTTP that carries it. */
import { frame } from "./topics.ts";
import type { Frame, Subscription, TopicSource } from "./hub.ts";

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
