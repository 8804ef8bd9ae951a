import assert from "node:assert/strict";
import { memoizeAsync } from "../../platform/memo.ts";

Deno.test("memoizeAsync shares one load among concurrent misses and serves it until the TTL", async () => {
  let t = 0;
  let loads = 0;
  const get = memoizeAsync(async (k) => {
    loads++;
    await Promise.resolve();
    return `${k}:${loads}`;
  }, { ttlMs: 100, max: 10, now: () => t });
  assert.deepEqual(await Promise.all([get("a"), get("a"), get("a")]), ["a:1", "a:1", "a:1"]);
  t = 99;
  assert.equal(await get("a"), "a:1");
  t = 100;
  assert.equal(await get("a"), "a:2");
  assert.equal(loads, 2);
});

Deno.test("memoizeAsync does not keep undefined results or failures", async () => {
  let exists = false;
  let fail = true;
  const get = memoizeAsync(async (k) => {
    await Promise.resolve();
    if (fail) {
      fail = false;
      throw new Error("db down");
    }
    return exists ? k : undefined;
  }, { ttlMs: 1000, max: 10, now: () => 0 });
  await assert.rejects(get("x"), /db down/);
  assert.equal(await get("x"), undefined);
  exists = true;
  assert.equal(await get("x"), "x", "a key that starts to exist is seen at once");
});

Deno.test("memoizeAsync drops the oldest entry past max, and forget drops a key", async () => {
  let loads = 0;
  const get = memoizeAsync((k) => Promise.resolve(`${k}${++loads}`), {
    ttlMs: 1000,
    max: 2,
    now: () => 0,
  });
  await get("a");
  await get("b");
  await get("c"); // evicts a
  assert.equal(await get("b"), "b2");
  assert.equal(await get("a"), "a4");
  get.forget("a");
  assert.equal(await get("a"), "a5");
});

Deno.test("memoizeAsync: a primed value is served without a load until its time is up", async () => {
  let t = 0;
  let loads = 0;
  const get = memoizeAsync((k) => Promise.resolve(`${k}${++loads}`), {
    ttlMs: 100,
    max: 10,
    now: () => t,
  });
  assert.equal(get.has("a"), false);
  get.prime("a", "batch");
  assert.equal(get.has("a"), true);
  assert.equal(await get("a"), "batch");
  assert.equal(loads, 0);
  t = 100;
  assert.equal(get.has("a"), false, "stale after ttlMs");
  assert.equal(await get("a"), "a1");
});
