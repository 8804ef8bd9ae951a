import assert from "node:assert/strict";
import { startQueueConsumer } from "../../actors/queue.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import type { Projector } from "../../actors/projector.ts";
import { appMetrics } from "../../platform/app_metrics.ts";
import { createLogger } from "../../platform/log.ts";
import type { Counter } from "../../platform/metrics.ts";

const count = (name: string, ...labels: string[]) =>
  (appMetrics.get(name) as Counter).labels(...labels).value;

Deno.test("queue: a message that failed and comes back is counted as a redelivery", async () => {
  const kv = await Deno.openKv(":memory:");
  const sends: string[] = [];
  let done!: () => void;
  const second = new Promise<void>((resolve) => done = resolve);
  // The first delivery fails (as if the actor were unavailable); KV delivers it again.
  const registry = {
    send(_flightId: string, cmd: { holdId: string }) {
      sends.push(cmd.holdId);
      if (sends.length === 1) return Promise.reject(new Error("actor unavailable"));
      done();
      return Promise.resolve({ ok: true, events: [], seq: 1 });
    },
  } as unknown as ActorRegistry;
  const before = {
    redelivered: count("contrail_queue_redeliveries_total", "expire-hold"),
    failed: count("contrail_queue_messages_total", "expire-hold", "failed"),
    ok: count("contrail_queue_messages_total", "expire-hold", "ok"),
  };
  const consumer = startQueueConsumer({
    kv,
    registry,
    projector: undefined as unknown as Projector,
    log: createLogger({ sink: () => {} }),
  });
  await kv.enqueue({ kind: "expire-hold", flightId: "f1", holdId: "h1" }, {
    backoffSchedule: [10],
  });
  await second;
  // The counters move after the handler returns.
  await new Promise((r) => setTimeout(r, 20));
  kv.close();
  await consumer.done;
  assert.deepEqual(sends, ["h1", "h1"]);
  assert.equal(count("contrail_queue_redeliveries_total", "expire-hold") - before.redelivered, 1);
  assert.equal(count("contrail_queue_messages_total", "expire-hold", "failed") - before.failed, 1);
  assert.equal(count("contrail_queue_messages_total", "expire-hold", "ok") - before.ok, 1);
});

Deno.test("queue: a backlog is handled at most `concurrency` messages at a time", async () => {
  const kv = await Deno.openKv(":memory:");
  const TOTAL = 60;
  let running = 0;
  let peak = 0;
  let handled = 0;
  let done!: () => void;
  const all = new Promise<void>((resolve) => done = resolve);
  const registry = {
    async send() {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (++handled === TOTAL) done();
      return { ok: true, events: [], seq: 1 };
    },
  } as unknown as ActorRegistry;
  const consumer = startQueueConsumer({
    kv,
    registry,
    projector: undefined as unknown as Projector,
    log: createLogger({ sink: () => {} }),
    concurrency: 4,
  });
  const atomic = kv.atomic();
  for (let i = 0; i < TOTAL; i++) {
    atomic.enqueue({ kind: "expire-hold", flightId: "f", holdId: `h${i}` });
  }
  await atomic.commit();
  await all;
  kv.close();
  await consumer.done;
  assert.equal(handled, TOTAL);
  assert.ok(peak <= 4, `${peak} messages ran at once`);
  assert.ok(peak >= 2, "messages ran one at a time: the bound was never reached");
});
