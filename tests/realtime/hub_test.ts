import assert from "node:assert/strict";
import {
  type Frame,
  RealtimeHub,
  type Sink,
  type Subscription,
  type TopicSource,
} from "../../realtime/hub.ts";
import { createLogger } from "../../platform/log.ts";

const log = createLogger({ level: "error", sink: () => {} });
const enc = new TextEncoder();
const dec = new TextDecoder();

/** A topic over one KV counter: each new value v becomes frames for every seq up to v. */
function counterTopic(kv: Deno.Kv, key: Deno.KvKey, reads: { n: number }, fail = false) {
  return {
    keys: [key],
    last: 0,
    async start() {
      this.last = (await kv.get<number>(key)).value ?? 0;
    },
    update([e]: Deno.KvEntryMaybe<unknown>[]): Promise<Frame[] | "reset"> {
      if (fail && e.value) return Promise.reject(new Error("boom"));
      const v = Number(e.value ?? 0);
      if (v < this.last) {
        this.last = v;
        return Promise.resolve("reset");
      }
      reads.n++;
      const frames: Frame[] = [];
      for (let s = this.last + 1; s <= v; s++) frames.push({ seq: s, bytes: enc.encode(`${s}`) });
      this.last = v;
      return Promise.resolve(frames);
    },
  } satisfies TopicSource & { last: number };
}

async function withHub(fn: (hub: RealtimeHub, kv: Deno.Kv) => Promise<void>, maxBuffered = 512) {
  const kv = await Deno.openKv(":memory:");
  const hub = new RealtimeHub({
    kv,
    log,
    heartbeatMs: 60_000,
    maxBuffered,
    maxPerUser: 2,
    maxPerAddress: 3,
  });
  try {
    await fn(hub, kv);
  } finally {
    hub.close();
    kv.close();
  }
}

/** A sink that records what reached the client and lets a test wait for it. */
function recorder() {
  const got: string[] = [];
  const ends: string[] = [];
  let wake = () => {};
  const sink: Sink = {
    write: (b) => {
      got.push(dec.decode(b));
      wake();
    },
    end: (kind) => {
      ends.push(kind);
      wake();
    },
  };
  /** Waits (bounded) until `n` writes or ends arrived. */
  const until = async (n: number, of: string[] = got) => {
    for (let i = 0; i < 100 && of.length < n; i++) {
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 20);
      });
    }
    return of;
  };
  return { sink, got, ends, until };
}

const live = async (sub: Subscription) => {
  const r = recorder();
  await sub.ready;
  sub.attach(r.sink);
  return r;
};

Deno.test("hub: subscribers of one key share one watch and one read per change", async () => {
  await withHub(async (hub, kv) => {
    const reads = { n: 0 };
    const make = () => counterTopic(kv, ["c"], reads);
    const a = hub.subscribe("c", make);
    const b = hub.subscribe("c", make);
    const other = hub.subscribe("d", () => counterTopic(kv, ["d"], { n: 0 }));
    const [ra, rb] = [await live(a), await live(b)];
    assert.equal(hub.watcherCount, 2);
    assert.equal(a.source, b.source, "one source for the topic");
    await kv.set(["c"], 1);
    assert.deepEqual(await ra.until(1), ["1"]);
    assert.deepEqual(await rb.until(1), ["1"]);
    await kv.set(["c"], 2);
    assert.deepEqual(await ra.until(2), ["1", "2"]);
    assert.deepEqual(await rb.until(2), ["1", "2"]);
    assert.ok(reads.n <= 3, "read once per change, not once per subscriber");
    a.close();
    assert.equal(hub.watcherCount, 2, "b still watches c");
    b.close();
    other.close();
    assert.equal(hub.watcherCount, 0);
    assert.equal(hub.subscriberCount, 0);
  });
});

Deno.test("hub: the same encoded bytes go to every subscriber", async () => {
  await withHub(async (hub, kv) => {
    const seen: Uint8Array[] = [];
    const sink: Sink = { write: (b) => seen.push(b), end: () => {} };
    const subs = [0, 1, 2].map(() => hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 })));
    for (const s of subs) {
      await s.ready;
      s.attach(sink);
    }
    await kv.set(["c"], 1);
    for (let i = 0; i < 100 && seen.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(seen.length, 3);
    assert.ok(seen[0] === seen[1] && seen[1] === seen[2]);
    for (const s of subs) s.close();
  });
});

Deno.test("hub: frames queued while catching up are flushed, minus what was sent", async () => {
  await withHub(async (hub, kv) => {
    const sub = hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 }));
    await sub.ready;
    await kv.set(["c"], 3);
    for (let i = 0; i < 100 && sub.source.last < 3; i++) await new Promise((r) => setTimeout(r, 5));
    // The hub fans out in the microtasks after its read: one macrotask later it has.
    await new Promise((r) => setTimeout(r, 0));
    sub.sent = 2; // its catch-up already covered 1 and 2
    const r = recorder();
    sub.attach(r.sink);
    assert.deepEqual(r.got, ["3"]);
    sub.close();
  });
});

Deno.test("hub: a subscriber too far behind while catching up is told to reset", async () => {
  await withHub(async (hub, kv) => {
    const sub = hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 }));
    await sub.ready;
    await kv.set(["c"], 10); // ten frames at once, over the limit of 4
    for (let i = 0; i < 100 && sub.source.last < 10; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 0));
    const r = recorder();
    sub.attach(r.sink);
    assert.deepEqual(r.ends, ["reset"]);
    // After its resync it goes live again.
    sub.sent = 10;
    sub.attach(r.sink);
    await kv.set(["c"], 11);
    assert.deepEqual(await r.until(1), ["11"]);
    sub.close();
  }, 4);
});

Deno.test("hub: a log that goes back resets its live subscribers", async () => {
  await withHub(async (hub, kv) => {
    await kv.set(["c"], 5);
    const r = await live(hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 })));
    await kv.set(["c"], 2);
    assert.deepEqual(await r.until(1, r.ends), ["reset"]);
    hub.close();
  });
});

Deno.test("hub: a failing topic ends its subscribers with an error and stops watching", async () => {
  await withHub(async (hub, kv) => {
    const sub = hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 }, true));
    const r = await live(sub);
    await kv.set(["c"], 1);
    assert.deepEqual(await r.until(1, r.ends), ["error"]);
    assert.equal(hub.watcherCount, 0);
    sub.close();
  });
});

Deno.test("hub: heartbeats reach live subscribers from one timer", async () => {
  const kv = await Deno.openKv(":memory:");
  const hub = new RealtimeHub({ kv, log, heartbeatMs: 10, heartbeat: enc.encode("hb") });
  try {
    const r = await live(hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 })));
    assert.deepEqual((await r.until(2)).slice(0, 2), ["hb", "hb"]);
  } finally {
    hub.close();
    kv.close();
  }
});

Deno.test("hub: caps count streams per user and per address until released", async () => {
  await withHub((hub) => {
    const r1 = hub.admit("u1", "1.2.3.4")!;
    const r2 = hub.admit("u1", "1.2.3.4")!;
    assert.equal(hub.admit("u1", "5.6.7.8"), undefined, "user cap 2");
    const r3 = hub.admit(undefined, "1.2.3.4")!;
    assert.equal(hub.admit("u2", "1.2.3.4"), undefined, "address cap 3");
    r1();
    r1(); // releasing twice frees one slot, not two
    const r4 = hub.admit("u2", "1.2.3.4");
    assert.ok(r4);
    assert.equal(hub.admit("u3", "1.2.3.4"), undefined);
    for (const r of [r2, r3, r4]) r();
    return Promise.resolve();
  });
});
