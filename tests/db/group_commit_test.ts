import assert from "node:assert/strict";
import { groupCommit, singleFlight } from "../../db/group_commit.ts";

/** A promise with its resolver, to hold a flush open while more callers arrive. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => open = r);
  return { open, opened };
}

Deno.test("groupCommit flushes a lone caller at once and batches callers that arrive meanwhile", async () => {
  const batches: number[][] = [];
  const first = gate();
  const submit = groupCommit<number, number>(async (items) => {
    batches.push(items);
    if (batches.length === 1) await first.opened;
    return items.map((i) => i * 10);
  }, { maxBatch: 100 });
  const a = submit(1);
  await Promise.resolve(); // the first flush starts in a microtask
  await Promise.resolve();
  const rest = [2, 3, 4].map(submit);
  first.open();
  assert.deepEqual(await Promise.all([a, ...rest]), [10, 20, 30, 40]);
  assert.deepEqual(batches, [[1], [2, 3, 4]]);
});

Deno.test("groupCommit respects maxBatch and its concurrency", async () => {
  let running = 0;
  let peak = 0;
  const sizes: number[] = [];
  const submit = groupCommit<number, number>(async (items) => {
    running++;
    peak = Math.max(peak, running);
    sizes.push(items.length);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    return items;
  }, { maxBatch: 3, concurrency: 2 });
  const out = await Promise.all(Array.from({ length: 10 }, (_, i) => submit(i)));
  assert.deepEqual(out, [...Array(10).keys()]);
  assert.ok(sizes.every((n) => n <= 3), `sizes ${sizes}`);
  assert.equal(sizes.reduce((a, b) => a + b), 10);
  assert.equal(peak, 2);
});

Deno.test("groupCommit rejects every caller of a failed batch and goes on with the next", async () => {
  let calls = 0;
  const submit = groupCommit<string, string>((items) => {
    calls++;
    if (items.includes("bad")) return Promise.reject(new Error("boom"));
    return Promise.resolve(items.map((s) => s.toUpperCase()));
  }, { maxBatch: 10 });
  const results = await Promise.allSettled([submit("ok"), submit("bad")]);
  assert.deepEqual(results.map((r) => r.status), ["rejected", "rejected"]);
  assert.equal(await submit("later"), "LATER");
  assert.equal(calls, 2);
});

Deno.test("groupCommit refuses a flush that returns the wrong number of results", async () => {
  const submit = groupCommit<number, number>(() => Promise.resolve([]), { maxBatch: 10 });
  await assert.rejects(submit(1), /0 results for 1 items/);
});

Deno.test("singleFlight runs one at a time per key and coalesces a burst into one more run", async () => {
  const runs: string[] = [];
  const first = gate();
  const run = singleFlight(async (key) => {
    runs.push(key);
    if (runs.length === 1) await first.opened;
    return runs.length;
  });
  const a = run("f1");
  const burst = [run("f1"), run("f1"), run("f1")];
  const other = run("f2"); // another key is not held up
  assert.equal(await other, 2);
  first.open();
  assert.equal(await a, 2);
  assert.deepEqual(await Promise.all(burst), [3, 3, 3]);
  assert.deepEqual(runs, ["f1", "f2", "f1"]);
  assert.equal(await run("f1"), 4, "a later call starts a fresh run");
});

Deno.test("singleFlight still runs the queued run when the current one fails", async () => {
  let n = 0;
  const run = singleFlight(async () => {
    n++;
    await Promise.resolve();
    if (n === 1) throw new Error("first fails");
    return n;
  });
  const first = run("k");
  const second = run("k");
  await assert.rejects(first, /first fails/);
  assert.equal(await second, 2);
});
