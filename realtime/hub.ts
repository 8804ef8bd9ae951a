import type { Logger } from "../platform/log.ts";
import { encodeComment } from "./sse.ts";

/** One SSE frame, encoded once and written as the same bytes to every subscriber. */
export interface Frame {
  /** The frame's event id when it is part of a log; a subscriber skips ids it already sent. */
  seq?: number;
  bytes: Uint8Array;
}

/**
 * What one topic does: the KV keys it watches and how their new values become frames. It
 * reads each change once for all of the topic's subscribers.
 */
export interface TopicSource {
  keys: Deno.KvKey[];
  /** Reads the topic's starting point; subscribers catch up on their own from there. */
  start(): Promise<void>;
  /** The frames for new values of the watched keys, or "reset" when the log went backwards. */
  update(entries: Deno.KvEntryMaybe<unknown>[]): Promise<Frame[] | "reset">;
}

/**
 * Where a live subscriber's bytes go: written synchronously during the hub's fan-out, so
 * one event costs one enqueue per client and no promise chain per client.
 */
export interface Sink {
  write(bytes: Uint8Array): void;
  /** The topic ends for this client: it must start over (reset), failed, or was closed. */
  end(kind: "reset" | "error" | "closed"): void;
}

/** Options for RealtimeHub. */
export interface HubOptions {
  kv: Deno.Kv;
  log: Logger;
  /** How often every stream gets a heartbeat comment (default 15 s). */
  heartbeatMs?: number;
  /** The heartbeat's bytes (one shared buffer for every stream). */
  heartbeat?: Uint8Array;
  /** Frames a subscriber may fall behind by before it is told to reset (default 512). */
  maxBuffered?: number;
  /** Concurrent streams per signed-in user (default 8). */
  maxPerUser?: number;
  /** Concurrent streams per client address (default 256). */
  maxPerAddress?: number;
}

/**
 * One client's place on a topic. Until the client has caught up (snapshot or missed events)
 * frames wait in a bounded queue; once attached to its sink they are written straight
 * through, skipping any seq the client already has.
 */
export class Subscription<S extends TopicSource = TopicSource> {
  #queue: Frame[] = [];
  #pending: "reset" | "error" | "closed" | undefined;
  #sink: Sink | undefined;
  /** The highest log seq this client was sent; older frames are skipped. */
  sent = -1;

  constructor(
    readonly source: S,
    readonly ready: Promise<void>,
    private readonly limit: number,
    private readonly onClose: () => void,
  ) {}

  /** Delivers frames: straight to the sink when live, else queued (bounded). */
  push(frames: Frame[]): void {
    const sink = this.#sink;
    if (sink) {
      for (const f of frames) this.#write(sink, f);
      return;
    }
    if (this.#pending) return;
    // A client too far behind while catching up starts over instead of queueing forever.
    if (this.#queue.length + frames.length > this.limit) this.signal("reset");
    else this.#queue.push(...frames);
  }

  /** Writes a heartbeat if live (a client still catching up is busy being written to). */
  beat(bytes: Uint8Array): void {
    this.#sink?.write(bytes);
  }

  /** Ends the subscription's current run: reset, error or closed. */
  signal(kind: "reset" | "error" | "closed"): void {
    if (this.#pending === "closed" || this.#pending === "error") return;
    this.#queue = [];
    const sink = this.#sink;
    if (sink && kind === "reset") {
      this.#sink = undefined;
      sink.end(kind);
      return;
    }
    this.#pending = kind;
    if (sink) sink.end(kind);
  }

  /** Goes live: flushes what queued while catching up (minus what was sent), then direct. */
  attach(sink: Sink): void {
    const pending = this.#pending;
    if (pending) {
      if (pending === "reset") this.#pending = undefined;
      sink.end(pending);
      return;
    }
    const queued = this.#queue;
    this.#queue = [];
    for (const f of queued) this.#write(sink, f);
    this.#sink = sink;
  }

  /** Leaves the topic (idempotent); the last subscriber out stops the topic's watch. */
  close(): void {
    this.#pending = "closed";
    this.#sink = undefined;
    this.#queue = [];
    this.onClose();
  }

  #write(sink: Sink, f: Frame) {
    if (f.seq !== undefined) {
      if (f.seq <= this.sent) return;
      this.sent = f.seq;
    }
    sink.write(f.bytes);
  }
}

class Topic {
  readonly subs = new Set<Subscription>();
  readonly ready: Promise<void>;
  #reader: ReadableStreamDefaultReader<Deno.KvEntryMaybe<unknown>[]> | undefined;
  #stopped = false;

  constructor(readonly name: string, readonly source: TopicSource, private readonly hub: Hub) {
    this.ready = source.start();
    this.ready.then(() => this.#run()).catch((err) => this.#fail(err));
  }

  async #run() {
    if (this.#stopped) return;
    this.#reader = this.hub.kv.watch(this.source.keys).getReader();
    for (;;) {
      const { value, done } = await this.#reader.read();
      if (done || this.#stopped) return;
      // Read once for everyone; the watch keeps only the newest values while this runs.
      const out = await this.source.update(value);
      if (this.#stopped) return;
      for (const sub of this.subs) {
        if (out === "reset") sub.signal("reset");
        else if (out.length) sub.push(out);
      }
    }
  }

  #fail(err: unknown) {
    if (this.#stopped) return;
    this.hub.log.error("realtime topic failed", { topic: this.name, error: err });
    for (const sub of this.subs) sub.signal("error");
    this.hub.drop(this);
  }

  stop() {
    this.#stopped = true;
    this.#reader?.cancel().catch(() => {});
  }
}

interface Hub {
  kv: Deno.Kv;
  log: Logger;
  drop(topic: Topic): void;
}

/**
 * One per process: one `kv.watch` per topic with subscribers (a flight's event head, its
 * status head, a user's notification head, the ops heads), shared by all of that topic's
 * clients and stopped when the last one leaves. Also owns the heartbeat tick and the caps
 * on concurrent streams.
 */
export class RealtimeHub {
  readonly #topics = new Map<string, Topic>();
  readonly #open = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #hub: Hub;
  readonly heartbeatMs: number;
  readonly #beat: Uint8Array;

  constructor(private readonly options: HubOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#beat = options.heartbeat ?? encodeComment("heartbeat");
    this.#hub = {
      kv: options.kv,
      log: options.log,
      drop: (topic) => {
        topic.stop();
        if (this.#topics.get(topic.name) === topic) this.#topics.delete(topic.name);
      },
    };
  }

  /** Subscribes to a topic, starting its watch with `make()` if nobody watches it yet. */
  subscribe<S extends TopicSource>(name: string, make: () => S): Subscription<S> {
    let topic = this.#topics.get(name);
    if (!topic) {
      topic = new Topic(name, make(), this.#hub);
      this.#topics.set(name, topic);
    }
    const owner = topic;
    const sub: Subscription<S> = new Subscription<S>(
      owner.source as S,
      owner.ready,
      this.options.maxBuffered ?? 512,
      () => {
        if (!owner.subs.delete(sub)) return;
        if (owner.subs.size === 0) this.#hub.drop(owner);
        this.#tick();
      },
    );
    owner.subs.add(sub);
    this.#tick();
    return sub;
  }

  /**
   * Counts a new stream against its caps; returns its release function, or undefined when
   * the user or the address already has as many streams open as allowed.
   */
  admit(userId: string | undefined, address: string): (() => void) | undefined {
    const keys = [`ip:${address}`, ...(userId ? [`user:${userId}`] : [])];
    const cap = (k: string) =>
      k.startsWith("user:") ? this.options.maxPerUser ?? 8 : this.options.maxPerAddress ?? 256;
    if (keys.some((k) => (this.#open.get(k) ?? 0) >= cap(k))) return undefined;
    for (const k of keys) this.#open.set(k, (this.#open.get(k) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const k of keys) {
        const n = (this.#open.get(k) ?? 1) - 1;
        if (n > 0) this.#open.set(k, n);
        else this.#open.delete(k);
      }
    };
  }

  /** Topics with a running watch (one per watched key set). */
  get watcherCount(): number {
    return this.#topics.size;
  }

  /** Subscribers across all topics. */
  get subscriberCount(): number {
    let n = 0;
    for (const t of this.#topics.values()) n += t.subs.size;
    return n;
  }

  /** Ends every stream and watch (shutdown). */
  close(): void {
    for (const topic of [...this.#topics.values()]) {
      for (const sub of topic.subs) sub.signal("closed");
      this.#hub.drop(topic);
    }
    this.#tick();
  }

  // One timer for every stream, running only while someone is subscribed.
  #tick() {
    const active = this.#topics.size > 0;
    if (active && !this.#timer) {
      this.#timer = setInterval(() => {
        for (const t of this.#topics.values()) for (const s of t.subs) s.beat(this.#beat);
      }, this.heartbeatMs);
    } else if (!active && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }
}
