import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { errors, Redis } from "@upstash/redis/cloudflare";
import { kvStore, type Store } from "../../adapters/store.ts";
import { upstashStore } from "../../adapters/store_upstash.ts";
import {
  IN_CI,
  redisReachable,
  startUpstashShim,
  type UpstashShim,
} from "../support/upstash_shim.ts";

/** A store under test and how to let go of it. */
interface StoreFixture {
  store: Store;
  /** A second client of the same data, as another process has (its own batches). */
  other: Store;
  close(): Promise<void> | void;
}

/** Every Store adapter; Upstash runs through the shim, skipped only without Redis outside CI. */
const ADAPTERS: { name: string; ignore: boolean; open(): Promise<StoreFixture> }[] = [
  {
    name: "deno kv",
    ignore: false,
    async open() {
      // A file, not :memory:, so that two handles share it as two processes would.
      const dir = await Deno.makeTempDir();
      const [kv, kv2] = [await Deno.openKv(`${dir}/kv`), await Deno.openKv(`${dir}/kv`)];
      return {
        store: kvStore(kv),
        other: kvStore(kv2),
        async close() {
          kv.close();
          kv2.close();
          await Deno.remove(dir, { recursive: true });
        },
      };
    },
  },
  {
    name: "upstash",
    ignore: !redisReachable && !IN_CI,
    async open() {
      const shim = await startUpstashShim();
      const { url, token, keyPrefix } = shim;
      return {
        store: upstashStore({ url, token, keyPrefix }),
        other: upstashStore({ url, token, keyPrefix }),
        close: () => shim.close(),
      };
    },
  },
];

// Real TTLs, short so the suite stays quick. A check that expects a value still alive only
// counts when it finished inside the TTL: a loaded CI machine can stall for longer.
const TTL = 120;
const AFTER_TTL = TTL + 80;
const LONG = 10_000;
const inTime = (since: number, ttlMs = TTL) => performance.now() - since < ttlMs;

/** Whether `counts` are exactly 1..n in some order: no number skipped or repeated. */
function assertCountsOneToN(counts: number[]) {
  assert.deepEqual(counts.sort((a, b) => a - b), Array.from(counts, (_, i) => i + 1));
}

const CASES: [string, (store: Store, other: Store) => Promise<void>][] = [
  ["a missing key reads as undefined", async (store) => {
    assert.equal(await store.get("missing"), undefined);
  }],
  ["objects, strings and numbers read back as they were set", async (store) => {
    const values = [{ n: 1, list: ["x", null], nested: { ok: true } }, "text", "42", 42, 0.5, ""];
    await Promise.all(values.map((v, i) => store.set(`v${i}`, v, LONG)));
    for (const [i, v] of values.entries()) assert.deepEqual(await store.get(`v${i}`), v);
  }],
  ["a value is gone once its TTL has passed", async (store) => {
    const since = performance.now();
    await store.set("short", { a: 1 }, TTL);
    const live = await store.get("short");
    if (inTime(since)) assert.deepEqual(live, { a: 1 });
    await sleep(AFTER_TTL);
    assert.equal(await store.get("short"), undefined);
  }],
  ["setIfAbsent sets once, refuses while set and sets again after expiry", async (store) => {
    const since = performance.now();
    assert.equal(await store.setIfAbsent("lease", 1, TTL), true);
    const second = await store.setIfAbsent("lease", 2, TTL);
    if (inTime(since)) assert.equal(second, false);
    await sleep(AFTER_TTL);
    assert.equal(await store.setIfAbsent("lease", 3, LONG), true);
    assert.equal(await store.get("lease"), 3);
  }],
  ["setIfAbsent lets exactly one of 20 concurrent callers win", async (store) => {
    const wins = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.setIfAbsent("once", i, LONG)),
    );
    assert.equal(wins.filter(Boolean).length, 1);
    assert.equal(await store.get("once"), wins.indexOf(true));
  }],
  ["delete removes a value and is harmless on a missing key", async (store) => {
    await store.delete("missing");
    await store.set("b", "v", LONG);
    await store.delete("b");
    assert.equal(await store.get("b"), undefined);
    assert.equal(await store.setIfAbsent("b", "w", LONG), true);
  }],
  ["increment counts up within its window and starts over after it", async (store) => {
    const since = performance.now();
    const counters = [];
    for (let i = 0; i < 3; i++) counters.push(await store.increment("hits", TTL));
    if (inTime(since)) assert.deepEqual(counters.map((c) => c.count), [1, 2, 3]);
    for (const c of counters) assert.ok(c.resetMs > 0 && c.resetMs <= TTL, `resetMs ${c.resetMs}`);
    await sleep(AFTER_TTL);
    const fresh = await store.increment("hits", TTL);
    assert.equal(fresh.count, 1);
    assert.ok(fresh.resetMs > 0 && fresh.resetMs <= TTL, `resetMs ${fresh.resetMs}`);
  }],
  ["200 concurrent increments count 1 to 200 with no duplicates", async (store) => {
    const counters = await Promise.all(
      Array.from({ length: 200 }, () => store.increment("burst", LONG)),
    );
    assert.deepEqual(
      counters.map((c) => c.count).sort((a, b) => a - b),
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    for (const c of counters) assert.ok(c.resetMs > 0 && c.resetMs <= LONG, `resetMs ${c.resetMs}`);
  }],
  ["100 concurrent setIfAbsent over 10 keys let exactly one caller per key win", async (store) => {
    const wins = await Promise.all(
      Array.from({ length: 100 }, (_, i) => store.setIfAbsent(`claim${i % 10}`, i, LONG)),
    );
    const winners = wins.flatMap((won, i) => won ? [i] : []);
    assert.deepEqual(winners.map((i) => i % 10).sort((a, b) => a - b), [...Array(10).keys()]);
    for (const i of winners) assert.equal(await store.get(`claim${i % 10}`), i);
  }],
  ["300 concurrent increments of 3 keys count each key exactly", async (store) => {
    const counters = await Promise.all(
      Array.from({ length: 300 }, (_, i) => store.increment(`multi${i % 3}`, LONG)),
    );
    for (let k = 0; k < 3; k++) {
      assertCountsOneToN(counters.filter((_, i) => i % 3 === k).map((c) => c.count));
    }
  }],
  [
    "a concurrent burst of sets, deletes, claims and increments each takes effect",
    async (store) => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`doomed${i}`, i, LONG)));
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => [
          store.set(`fresh${i}`, { i }, LONG),
          store.delete(`doomed${i}`),
          store.setIfAbsent(`taken${i}`, i, LONG),
          store.increment(`tally${i % 2}`, LONG),
        ]).flat(),
      );
      for (let i = 0; i < 20; i++) {
        assert.deepEqual(await store.get(`fresh${i}`), { i });
        assert.equal(await store.get(`doomed${i}`), undefined);
        assert.equal(await store.get(`taken${i}`), i);
      }
      assert.equal((await store.increment("tally0", LONG)).count, 11);
    },
  ],
  ["two clients racing for 10 claims: exactly one caller per key wins", async (store, other) => {
    const wins = await Promise.all(
      Array.from(
        { length: 100 },
        (_, i) => (i % 2 ? store : other).setIfAbsent(`race${i % 10}`, i, LONG),
      ),
    );
    const winners = wins.flatMap((won, i) => won ? [i] : []);
    assert.deepEqual(winners.map((i) => i % 10).sort((a, b) => a - b), [...Array(10).keys()]);
    for (const i of winners) {
      assert.equal(await store.get(`race${i % 10}`), i);
      assert.equal(await other.get(`race${i % 10}`), i);
    }
  }],
  [
    "two clients counting one key concurrently never skip or repeat a number",
    async (store, other) => {
      const counters = await Promise.all(
        Array.from({ length: 200 }, (_, i) => (i % 2 ? store : other).increment("shared", LONG)),
      );
      assertCountsOneToN(counters.map((c) => c.count));
    },
  ],
];

for (const adapter of ADAPTERS) {
  for (const [what, fn] of CASES) {
    Deno.test({
      name: `store contract [${adapter.name}]: ${what}`,
      ignore: adapter.ignore,
      // KV's expireIn and the HTTP client's keep-alive outlive a test by design.
      sanitizeResources: false,
      sanitizeOps: false,
      fn: async () => {
        const { store, other, close } = await adapter.open();
        try {
          await fn(store, other);
        } finally {
          await close();
        }
      },
    });
  }
}

/** Registers a test of the shim itself, with a raw `@upstash/redis` client pointed at it. */
function shimTest(name: string, fn: (shim: UpstashShim, redis: Redis) => Promise<void>) {
  Deno.test({
    name: `upstash shim: ${name}`,
    ignore: !redisReachable && !IN_CI,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async () => {
      const shim = await startUpstashShim();
      try {
        await fn(shim, new Redis({ url: shim.url, token: shim.token, enableTelemetry: false }));
      } finally {
        await shim.close();
      }
    },
  });
}

shimTest("a wrong token is refused and the client throws", async (shim) => {
  const store = upstashStore({ url: shim.url, token: "wrong", keyPrefix: shim.keyPrefix });
  await assert.rejects(store.get("x"), (err) => {
    assert.ok(err instanceof errors.UpstashError);
    assert.match(err.message, /Unauthorized/);
    return true;
  });
  const res = await fetch(shim.url, { method: "POST", body: '["PING"]' });
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { error: "Unauthorized" });
});

shimTest("unicode strings survive the base64 response encoding", async (shim, redis) => {
  const key = `${shim.keyPrefix}unicode`;
  const text = "Grüße aus Zürich ✈ 東京 → São Paulo 🛫";
  assert.equal(await redis.set(key, text), "OK");
  assert.equal(await redis.get(key), text);
  const res = await fetch(shim.url, {
    method: "POST",
    headers: { authorization: `Bearer ${shim.token}`, "upstash-encoding": "base64" },
    body: JSON.stringify(["GET", key]),
  });
  const { result } = await res.json();
  const bytes = Uint8Array.from(atob(result), (c) => c.charCodeAt(0));
  assert.equal(new TextDecoder().decode(bytes), text);
  const store = upstashStore({ url: shim.url, token: shim.token, keyPrefix: shim.keyPrefix });
  await store.set("json", { text }, LONG);
  assert.deepEqual(await store.get("json"), { text });
});

shimTest("a pipeline answers each command, errors in place", async (shim, redis) => {
  const [a, n] = [`${shim.keyPrefix}a`, `${shim.keyPrefix}n`];
  const results = await redis.pipeline()
    .set(a, "one")
    .incr(n)
    .incrby(n, 4)
    .get(a)
    .incr(a)
    .exec({ keepErrors: true });
  assert.deepEqual(results.slice(0, 4).map((r) => r.result), ["OK", 1, 5, "one"]);
  assert.match(results[4].error ?? "", /not an integer/);
});

shimTest("multi-exec runs its commands as one transaction", async (shim, redis) => {
  const key = `${shim.keyPrefix}tx`;
  assert.deepEqual(await redis.multi().set(key, 1).incr(key).get(key).exec(), ["OK", 2, 2]);
  const res = await fetch(`${shim.url}/multi-exec`, {
    method: "POST",
    headers: { authorization: `Bearer ${shim.token}` },
    body: JSON.stringify([["SET", key, "x"], ["NOSUCHCOMMAND"]]),
  });
  assert.equal(res.status, 400);
  assert.match((await res.json()).error, /EXECABORT/);
  assert.equal(await redis.get(key), 2);
});

shimTest("commands from separate ticks share pipeline requests", async (shim) => {
  const store = upstashStore({ url: shim.url, token: shim.token, keyPrefix: shim.keyPrefix });
  await store.increment("warm", LONG); // loads the script once
  const before = { ...shim.counts };
  // One caller per macrotask, as requests served one by one arrive.
  const results = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
    await sleep(0);
    if (i % 2) return await store.setIfAbsent(`claim${i % 10}`, i, LONG);
    return (await store.increment("spread", LONG)).count;
  }));
  assert.equal(shim.counts.commands - before.commands, 200);
  const requests = shim.counts.requests - before.requests;
  assert.ok(requests < 50, `${requests} requests for 200 commands`);
  assert.equal(results.filter((r) => r === true).length, 5);
  assert.deepEqual(
    results.filter((r) => typeof r === "number").sort((a, b) => Number(a) - Number(b)),
    Array.from({ length: 100 }, (_, i) => i + 1),
  );
});

shimTest("increment still counts on a server that lost its scripts", async (shim) => {
  const store = upstashStore({ url: shim.url, token: shim.token, keyPrefix: shim.keyPrefix });
  assert.equal((await store.increment("lost", LONG)).count, 1);
  await shim.redis.call("SCRIPT", "FLUSH");
  const counters = await Promise.all([1, 2, 3].map(() => store.increment("lost", LONG)));
  assert.deepEqual(counters.map((c) => c.count).sort(), [2, 3, 4]);
});
