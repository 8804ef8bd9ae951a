import assert from "node:assert/strict";
import { type Frame, RealtimeHub, type TopicSource } from "../../services/realtime_hub.ts";
import { createLogger } from "../../services/log.ts";

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

const seqs = (d: { kind: string; frames?: Frame[] }) => d.frames?.map((f) => dec.decode(f.bytes));

Deno.test("hub: subscribers of one key share one watch and one read per change", async () => {
  await withHub(async (hub, kv) => {
    const reads = { n: 0 };
    const make = () => counterTopic(kv, ["c"], reads);
    const a = hub.subscribe("c", make);
    const b = hub.subscribe("c", make);
    const other = hub.subscribe("d", () => counterTopic(kv, ["d"], { n: 0 }));
    await Promise.all([a.ready, b.ready]);
    assert.equal(hub.watcherCount, 2);
    assert.equal(a.source, b.source, "one source for the topic");
    await kv.set(["c"], 1);
    assert.deepEqual(seqs(await a.next() as { kind: string; frames: Frame[] }), ["1"]);
    assert.deepEqual(seqs(await b.next() as { kind: string; frames: Frame[] }), ["1"]);
    const readsAfterOne = reads.n;
    // The two clients got the same encoded bytes, read once.
    await kv.set(["c"], 2);
    const [fa, fb] = [await a.next(), await b.next()];
    assert.ok(fa.kind === "frames" && fb.kind === "frames");
    assert.equal(fa.frames[0].bytes, fb.frames[0].bytes);
    assert.equal(reads.n - readsAfterOne, 1);
    a.close();
    assert.equal(hub.watcherCount, 2, "b still watches c");
    b.close();
    other.close();
    assert.equal(hub.watcherCount, 0);
    assert.equal(hub.subscriberCount, 0);
  });
});

Deno.test("hub: frames a subscriber already sent are skipped", async () => {
  await withHub(async (hub, kv) => {
    const sub = hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 }));
    await sub.ready;
    sub.sent = 2; // its catch-up already covered 1 and 2
    await kv.set(["c"], 3);
    const d = await sub.next();
    assert.deepEqual(seqs(d as { kind: string; frames: Frame[] }), ["3"]);
    sub.close();
    assert.equal((await sub.next()).kind, "closed");
  });
});

Deno.test("hub: a subscriber too far behind is told to reset, then gets frames again", async () => {
  await withHub(async (hub, kv) => {
    const sub = hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 }));
    await sub.ready;
    await kv.set(["c"], 10); // ten frames at once, over the limit of 4
    assert.equal((await sub.next()).kind, "reset");
    sub.sent = 10;
    await kv.set(["c"], 11);
    assert.deepEqual(seqs(await sub.next() as { kind: string; frames: Frame[] }), ["11"]);
    sub.close();
  }, 4);
});

Deno.test("hub: a log that goes back resets its subscribers", async () => {
  await withHub(async (hub, kv) => {
    await kv.set(["c"], 5);
    const sub = hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 }));
    await sub.ready;
    await kv.set(["c"], 2);
    assert.equal((await sub.next()).kind, "reset");
    sub.close();
  });
});

Deno.test("hub: a failing topic sends its subscribers an error and stops watching", async () => {
  await withHub(async (hub, kv) => {
    const sub = hub.subscribe("c", () => counterTopic(kv, ["c"], { n: 0 }, true));
    await sub.ready;
    await kv.set(["c"], 1);
    assert.equal((await sub.next()).kind, "error");
    assert.equal(hub.watcherCount, 0);
    sub.close();
  });
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
