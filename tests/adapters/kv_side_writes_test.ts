import assert from "node:assert/strict";
import { storeKey } from "../../db/kv_keys.ts";
import {
  applySideWrites,
  keysToRead,
  KV_LIMITS,
  planGroups,
  type SideWrite,
  type Stamped,
} from "../../adapters/side_writes.ts";
import { kvStore } from "../../adapters/store.ts";

const T = 1_000_000;
const LONG = 60_000;

Deno.test("side writes to one key compose in order within a batch", () => {
  const table: [string, SideWrite[], Stamped | undefined, unknown[], Stamped | null][] = [
    [
      "two increments of a missing key count 1 and 2",
      [{ op: "increment", key: "k", ttlMs: 100 }, { op: "increment", key: "k", ttlMs: 100 }],
      undefined,
      [{ count: 1, resetMs: 100 }, { count: 2, resetMs: 100 }],
      { value: 2, expiresAt: T + 100 },
    ],
    [
      "an increment keeps a live window and its end",
      [{ op: "increment", key: "k", ttlMs: 100 }],
      { value: 4, expiresAt: T + 30 },
      [{ count: 5, resetMs: 30 }],
      { value: 5, expiresAt: T + 30 },
    ],
    [
      "an increment of an expired counter starts a new window",
      [{ op: "increment", key: "k", ttlMs: 100 }],
      { value: 4, expiresAt: T },
      [{ count: 1, resetMs: 100 }],
      { value: 1, expiresAt: T + 100 },
    ],
    [
      "of two setIfAbsent of a missing key the first wins",
      [
        { op: "setIfAbsent", key: "k", value: "a", ttlMs: 100 },
        { op: "setIfAbsent", key: "k", value: "b", ttlMs: 100 },
      ],
      undefined,
      [true, false],
      { value: "a", expiresAt: T + 100 },
    ],
    [
      "setIfAbsent of an expired value wins",
      [{ op: "setIfAbsent", key: "k", value: "b", ttlMs: 100 }],
      { value: "a", expiresAt: T - 1 },
      [true],
      { value: "b", expiresAt: T + 100 },
    ],
    [
      "a delete lets a later setIfAbsent win; a later set replaces it",
      [
        { op: "delete", key: "k" },
        { op: "setIfAbsent", key: "k", value: "b", ttlMs: 100 },
        { op: "set", key: "k", value: "c", ttlMs: 50 },
      ],
      { value: "a", expiresAt: T + 100 },
      [undefined, true, undefined],
      { value: "c", expiresAt: T + 50 },
    ],
    [
      "a set then a delete leaves the key deleted",
      [{ op: "set", key: "k", value: "a", ttlMs: 100 }, { op: "delete", key: "k" }],
      undefined,
      [undefined, undefined],
      null,
    ],
  ];
  for (const [what, writes, stored, results, final] of table) {
    const applied = applySideWrites(writes, new Map([["k", stored]]), T);
    assert.deepEqual(applied.results, results, what);
    assert.deepEqual(applied.changed.get("k"), final, what);
  }
});

Deno.test("a losing claim changes nothing, so it needs no commit", () => {
  const stored = new Map([["k", { value: "a", expiresAt: T + 1 }]]);
  const applied = applySideWrites(
    [{ op: "setIfAbsent", key: "k", value: "b", ttlMs: 9 }],
    stored,
    T,
  );
  assert.deepEqual(applied.results, [false]);
  assert.equal(applied.changed.size, 0);
});

Deno.test("only keys whose first write is conditional are read", () => {
  const writes: SideWrite[] = [
    { op: "set", key: "a", value: 1, ttlMs: 1 },
    { op: "setIfAbsent", key: "a", value: 2, ttlMs: 1 },
    { op: "setIfAbsent", key: "b", value: 2, ttlMs: 1 },
    { op: "increment", key: "c", ttlMs: 1 },
    { op: "delete", key: "d" },
  ];
  assert.deepEqual(keysToRead(writes), ["b", "c"]);
});

Deno.test("a batch is cut into atomics within KV's limits, in order", () => {
  const claims = Array.from(
    { length: 250 },
    (_, i): SideWrite => ({ op: "setIfAbsent", key: `c${i}`, value: 1, ttlMs: 1 }),
  );
  assert.deepEqual(planGroups(claims).map((g) => g.length), [100, 100, 50]);
  assert.deepEqual(planGroups(claims).flat(), claims);

  const sets = Array.from(
    { length: 1500 },
    (_, i): SideWrite => ({ op: "set", key: `s${i}`, value: 1, ttlMs: 1 }),
  );
  assert.ok(planGroups(sets).every((g) => g.length <= KV_LIMITS.mutations));

  // ~60 KiB estimated per value: 13 of them would pass KV's 800 KiB per atomic.
  const big = Array.from(
    { length: 20 },
    (_, i): SideWrite => ({ op: "set", key: `b${i}`, value: "x".repeat(30_000), ttlMs: 1 }),
  );
  assert.deepEqual(planGroups(big).map((g) => g.length), [13, 7]);

  // 80 KiB of keys per atomic: 1,000-byte keys fit 80 at a time.
  const longKeys = Array.from(
    { length: 100 },
    (_, i): SideWrite => ({ op: "delete", key: `${i}`.padEnd(1000, "k") }),
  );
  assert.deepEqual(planGroups(longKeys).map((g) => g.length), [81, 19]);

  const tooLarge: SideWrite = { op: "set", key: "huge", value: "x".repeat(40_000), ttlMs: 1 };
  const mixed = [claims[0], tooLarge, claims[1]];
  assert.deepEqual(planGroups(mixed), [[claims[0]], [tooLarge], [claims[1]]]);
});

/** Counts the commits made through `kv`: atomic operations and plain sets and deletes. */
function countCommits(kv: Deno.Kv): { commits: number } {
  const counter = { commits: 0 };
  const atomic = kv.atomic.bind(kv);
  kv.atomic = () => {
    const op = atomic();
    const commit = op.commit.bind(op);
    op.commit = () => {
      counter.commits++;
      return commit();
    };
    return op;
  };
  const set = kv.set.bind(kv);
  kv.set = (...args) => (counter.commits++, set(...args));
  const del = kv.delete.bind(kv);
  kv.delete = (key) => (counter.commits++, del(key));
  return counter;
}

/** Runs `fn` with a fresh KV and its store; the KV is closed afterwards. */
async function withKv(fn: (kv: Deno.Kv) => Promise<void>) {
  const kv = await Deno.openKv(":memory:");
  try {
    await fn(kv);
  } finally {
    kv.close();
  }
}

Deno.test("300 concurrent side writes share a few KV commits, not one each", async () => {
  await withKv(async (kv) => {
    const store = kvStore(kv);
    const counter = countCommits(kv);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => [
        store.setIfAbsent(`idem:${i}`, { state: "pending" }, LONG),
        store.increment(`rl:${i % 10}`, LONG),
        store.set(`idem:done:${i}`, { state: "done", body: "{}" }, LONG),
      ]).flat(),
    );
    assert.equal(results.filter((r) => r === true).length, 100);
    assert.ok(counter.commits >= 1 && counter.commits <= 5, `${counter.commits} commits`);
    assert.equal((await store.increment("rl:0", LONG)).count, 11);
  });
});

Deno.test("a lone side write commits on its own, with no batch to wait for", async () => {
  await withKv(async (kv) => {
    const store = kvStore(kv);
    const counter = countCommits(kv);
    await store.set("alone", 1, LONG);
    assert.equal(counter.commits, 1);
    assert.equal(await store.get("alone"), 1);
  });
});

Deno.test("a check lost to another writer is retried without failing the batch", async () => {
  await withKv(async (kv) => {
    const store = kvStore(kv);
    const getMany = kv.getMany.bind(kv);
    let interfered = false;
    // Another process claims c1 between the batch's read and its commit.
    kv.getMany =
      (async (keys: Deno.KvKey[], options?: { consistency?: Deno.KvConsistencyLevel }) => {
        const entries = await getMany(keys, options);
        if (!interfered) {
          interfered = true;
          await kv.set(storeKey("c1"), { value: "other", expiresAt: Date.now() + LONG });
        }
        return entries;
      }) as Deno.Kv["getMany"];
    const counter = countCommits(kv);
    const [c1, c2, n1, n2] = await Promise.all([
      store.setIfAbsent("c1", "mine", LONG),
      store.setIfAbsent("c2", "mine", LONG),
      store.increment("n", LONG),
      store.increment("n", LONG),
    ]);
    assert.equal(interfered, true);
    assert.deepEqual([c1, c2, n1.count, n2.count], [false, true, 1, 2]);
    assert.equal(await store.get("c1"), "other");
    assert.equal(counter.commits, 3, "the interfering set, the refused batch, its retry");
  });
});

Deno.test("a value KV refuses fails only its own write, not the rest of the batch", async () => {
  await withKv(async (kv) => {
    const store = kvStore(kv);
    // Doubles take 9 bytes each in KV but 4 characters of JSON: too large, yet estimated to
    // fit, so it shares the batch's atomic until KV refuses it.
    const doubles = Array.from({ length: 8_000 }, () => 0.5);
    const obvious = "✈".repeat(40_000);
    const results = await Promise.allSettled([
      store.setIfAbsent("claim", 1, LONG),
      store.set("doubles", doubles, LONG),
      store.set("obvious", obvious, LONG),
      store.increment("n", LONG),
      store.set("small", "ok", LONG),
    ]);
    assert.deepEqual(results.map((r) => r.status), [
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    for (const r of results) {
      if (r.status === "rejected") assert.match(String(r.reason), /too large/i);
    }
    assert.equal(await store.get("claim"), 1);
    assert.equal(await store.get("small"), "ok");
    assert.equal(await store.get("doubles"), undefined);
  });
});

Deno.test("250 concurrent claims of distinct keys commit in three atomics of at most 100", async () => {
  await withKv(async (kv) => {
    const store = kvStore(kv);
    const counter = countCommits(kv);
    const wins = await Promise.all(
      Array.from({ length: 250 }, (_, i) => store.setIfAbsent(`k${i}`, i, LONG)),
    );
    assert.ok(wins.every(Boolean));
    assert.equal(counter.commits, 3);
  });
});

Deno.test("fresh claims are committed without reading their keys; a taken key is read and lost", async () => {
  await withKv(async (kv) => {
    const store = kvStore(kv);
    let reads = 0;
    const getMany = kv.getMany.bind(kv);
    kv.getMany = ((keys: Deno.KvKey[], options?: { consistency?: Deno.KvConsistencyLevel }) => {
      reads++;
      return getMany(keys, options);
    }) as Deno.Kv["getMany"];
    const wins = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.setIfAbsent(`fresh${i}`, i, LONG)),
    );
    assert.ok(wins.every(Boolean));
    assert.equal(reads, 0, "a fresh claim is checked absent, not read");
    // One taken key in a batch of fresh ones: the batch's absence check fails, then it reads.
    const again = await Promise.all([
      store.setIfAbsent("fresh7", "late", LONG),
      store.setIfAbsent("new1", 1, LONG),
    ]);
    assert.deepEqual(again, [false, true]);
    assert.ok(reads > 0);
    assert.equal(await store.get("fresh7"), 7);
  });
});
