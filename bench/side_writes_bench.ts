/**
 * Side writes per second against a KV file on disk: N concurrent booking-shaped requests,
 * each incrementing its rate-limit counter, claiming an idempotency key and storing the
 * result. The new store group-commits all three kinds in one writer; the baseline, in the
 * same process and period, is the store as it was: one KV commit per claim and per result,
 * increments batched in a commit stream of their own.
 */
import { storeKey } from "../db/kv_keys.ts";
import { kvStore, type Store } from "../adapters/store.ts";

const REQUESTS = 2_000;
const ROUNDS = 5;
const TTL = 3_600_000;

/** The store before side writes were grouped, reduced to the three writes measured here. */
function oneCommitPerWrite(kv: Deno.Kv): Store {
  const counters = kvStore(kv); // its increments were already batched, in their own stream
  return {
    ...counters,
    async set(key, value, ttlMs) {
      await kv.set(storeKey(key), { value, expiresAt: Date.now() + ttlMs }, { expireIn: ttlMs });
    },
    async setIfAbsent(key, value, ttlMs) {
      for (;;) {
        const entry = await kv.get<{ expiresAt: number }>(storeKey(key));
        if (entry.value && entry.value.expiresAt > Date.now()) return false;
        const stamped = { value, expiresAt: Date.now() + ttlMs };
        const op = kv.atomic().check(entry).set(storeKey(key), stamped, { expireIn: ttlMs });
        if ((await op.commit()).ok) return true;
      }
    },
  };
}

/** Counts commits through `kv`: atomic operations and plain sets. */
function countCommits(kv: Deno.Kv): { commits: number } {
  const counter = { commits: 0 };
  const atomic = kv.atomic.bind(kv);
  kv.atomic = () => {
    const op = atomic();
    const commit = op.commit.bind(op);
    op.commit = () => (counter.commits++, commit());
    return op;
  };
  const set = kv.set.bind(kv);
  kv.set = (...args) => (counter.commits++, set(...args));
  return counter;
}

/** One round: REQUESTS concurrent (increment, claim, result) sequences on fresh keys. */
async function round(store: Store, tag: string): Promise<void> {
  await Promise.all(Array.from({ length: REQUESTS }, async (_, i) => {
    await store.increment(`rl:booking:user:${tag}:${i % 100}`, 60_000);
    const key = `idem:booking:user:${tag}:${i}`;
    if (!await store.setIfAbsent(key, { state: "pending", fingerprint: "f" }, TTL)) {
      throw new Error(`${key} claimed twice`);
    }
    await store.set(key, { state: "done", fingerprint: "f", status: 201, body: "{}" }, TTL);
  }));
}

const dir = await Deno.makeTempDir();
const kv = await Deno.openKv(`${dir}/kv.sqlite3`);
const counter = countCommits(kv);
const paths = { baseline: oneCommitPerWrite(kv), grouped: kvStore(kv) };
const totals = {
  baseline: { seconds: 0, commits: 0, perSecond: [] as number[] },
  grouped: { seconds: 0, commits: 0, perSecond: [] as number[] },
};
await round(paths.baseline, "warm-b");
await round(paths.grouped, "warm-g");
// Alternating rounds, so both paths see the same disk and machine load.
for (let r = 0; r < ROUNDS; r++) {
  for (const name of ["baseline", "grouped"] as const) {
    const before = counter.commits;
    const started = performance.now();
    await round(paths[name], `${name}-${r}`);
    const seconds = (performance.now() - started) / 1000;
    totals[name].seconds += seconds;
    totals[name].commits += counter.commits - before;
    totals[name].perSecond.push(3 * REQUESTS / seconds);
  }
}
kv.close();
await Deno.remove(dir, { recursive: true });

const writes = 3 * REQUESTS * ROUNDS;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const row = (label: string, t: typeof totals.baseline) => {
  const sorted = t.perSecond.toSorted((a, b) => a - b);
  return `| ${label} | ${fmt(writes / t.seconds)} | ${fmt(sorted[0])}–${fmt(sorted.at(-1)!)} | ${
    fmt(t.commits)
  } | ${(writes / t.commits).toFixed(1)} |`;
};
console.log(
  `\nSide writes against a KV file on disk: ${REQUESTS} concurrent requests × 3 writes ` +
    `(increment, claim, result), ${ROUNDS} rounds per path\n`,
);
console.log("| path | writes/s | per round | commits | writes per commit |");
console.log("| --- | ---: | ---: | ---: | ---: |");
console.log(row("one commit per write (baseline)", totals.baseline));
console.log(row("one group-commit writer", totals.grouped));
const ratio = totals.baseline.seconds / totals.grouped.seconds;
const fewer = totals.baseline.commits / totals.grouped.commits;
console.log(`\nratio: ${ratio.toFixed(1)}× the writes/s, ${fewer.toFixed(0)}× fewer commits`);
