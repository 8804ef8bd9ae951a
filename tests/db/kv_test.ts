import assert from "node:assert/strict";
import { lockTolerant } from "../../db/kv.ts";

const locked = () => new TypeError("database is locked");

/** A real in-memory KV whose next `n` writes fail the way a locked SQLite file fails them. */
async function flakyKv(n: number) {
  const kv = await Deno.openKv(":memory:");
  let failures = n;
  const realAtomic = kv.atomic.bind(kv);
  const realSet = kv.set.bind(kv);
  Object.assign(kv, {
    atomic: () => {
      const op = realAtomic();
      const commit = op.commit.bind(op);
      op.commit = () => failures-- > 0 ? Promise.reject(locked()) : commit();
      return op;
    },
    set: (...args: Parameters<Deno.Kv["set"]>) =>
      failures-- > 0 ? Promise.reject(locked()) : realSet(...args),
  });
  return kv;
}

Deno.test("a locked KV file: the same atomic operation commits once it is free, checks included", async () => {
  const raw = await flakyKv(3);
  let retries = 0;
  const kv = lockTolerant(raw, () => retries++);
  const result = await kv.atomic().check({ key: ["a"], versionstamp: null }).set(["a"], 1)
    .sum(["n"], 1n).commit();
  assert.equal(result.ok, true);
  assert.equal(retries, 3);
  assert.equal((await kv.get<Deno.KvU64>(["n"])).value?.value, 1n);
  // The check still holds on the repeat: a second claim of the key is refused, not retried.
  const again = await kv.atomic().check({ key: ["a"], versionstamp: null }).set(["a"], 2).commit();
  assert.equal(again.ok, false);
  assert.equal((await kv.get(["a"])).value, 1);
  kv.close();
});

Deno.test("a locked KV file: plain writes are repeated; other errors are not", async () => {
  const raw = await flakyKv(2);
  let retries = 0;
  const kv = lockTolerant(raw, () => retries++);
  await kv.set(["b"], "x");
  assert.equal(retries, 2);
  assert.equal((await kv.get(["b"])).value, "x");
  // A value over KV's limits fails at once.
  await assert.rejects(() => kv.set(["big"], "x".repeat(70_000)), TypeError);
  assert.equal(retries, 2);
  kv.close();
});

Deno.test("a locked KV file: after 30 tries the error reaches the caller", async () => {
  const kv = lockTolerant(await flakyKv(1_000));
  await assert.rejects(() => kv.set(["c"], 1), /database is locked/);
  kv.close();
});
