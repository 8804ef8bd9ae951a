import assert from "node:assert/strict";
import type { Store } from "../../services/store.ts";

/** A store under test and a way to move its clock (where the adapter allows it). */
export interface StoreFixture {
  store: Store;
  /** Waits until `ms` have passed for the store. */
  elapse(ms: number): Promise<void>;
  close(): Promise<void> | void;
}

/** The contract every Store adapter must meet; each adapter's test file runs it. */
export function storeContract(name: string, make: () => Promise<StoreFixture>, ignore = false) {
  const test = (what: string, fn: (f: StoreFixture) => Promise<void>) =>
    Deno.test({
      name: `store contract [${name}]: ${what}`,
      ignore,
      sanitizeResources: false,
      sanitizeOps: false,
      fn: async () => {
        const f = await make();
        try {
          await fn(f);
        } finally {
          await f.close();
        }
      },
    });

  test("a value set is read back, structured, until it expires", async ({ store, elapse }) => {
    await store.set("a", { n: 1, list: ["x"] }, 1000);
    assert.deepEqual(await store.get("a"), { n: 1, list: ["x"] });
    await elapse(1100);
    assert.equal(await store.get("a"), undefined);
  });

  test("a missing key reads as undefined and deleting it is harmless", async ({ store }) => {
    assert.equal(await store.get("nope"), undefined);
    await store.delete("nope");
    await store.set("b", "v", 10_000);
    await store.delete("b");
    assert.equal(await store.get("b"), undefined);
  });

  test("setIfAbsent lets exactly one of many concurrent callers win", async ({ store }) => {
    const wins = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.setIfAbsent("once", i, 10_000)),
    );
    assert.equal(wins.filter(Boolean).length, 1);
    assert.equal(await store.get("once"), wins.indexOf(true));
  });

  test("setIfAbsent succeeds again after the value expired", async ({ store, elapse }) => {
    assert.equal(await store.setIfAbsent("lease", 1, 500), true);
    assert.equal(await store.setIfAbsent("lease", 2, 500), false);
    await elapse(600);
    assert.equal(await store.setIfAbsent("lease", 3, 500), true);
    assert.equal(await store.get("lease"), 3);
  });

  test("increment counts concurrent calls exactly and resets after its window", async ({ store, elapse }) => {
    const counts = await Promise.all(
      Array.from({ length: 25 }, () => store.increment("hits", 1000)),
    );
    assert.deepEqual(
      counts.map((c) => c.count).sort((a, b) => a - b),
      [...Array(25)].map((_, i) => i + 1),
    );
    for (const c of counts) assert.ok(c.resetMs > 0 && c.resetMs <= 1000, `resetMs ${c.resetMs}`);
    await elapse(1100);
    assert.equal((await store.increment("hits", 1000)).count, 1);
  });
}
