/**
 * Resident memory with 10,000 flights' actors loaded (each flight's inventory read from
 * KV and indexed, a few holds on each), against the same process before loading.
 */
import { manualClock } from "../domain/clock.ts";
import { createInventoryState } from "../domain/inventory/create.ts";
import { DEMO_AIRCRAFT_TYPES } from "../db/demo/aircraft_types.ts";
import { ActorRegistry } from "../actors/registry.ts";
import { createLogger } from "../platform/log.ts";

const FLIGHTS = 10_000;
const kv = await Deno.openKv(":memory:");
const types = DEMO_AIRCRAFT_TYPES;
const registry = new ActorRegistry({
  kv,
  clock: manualClock("2031-01-01T00:00:00Z"),
  log: createLogger({ level: "error" }),
  // Layouts arrive as fresh objects per flight, as they do from Postgres.
  source: (flightId) => {
    const type = types[Number(flightId.slice(1)) % types.length];
    return Promise.resolve(createInventoryState({
      flightId,
      departureAt: Date.parse("2031-03-01T00:00:00Z"),
      currency: "USD",
      layout: structuredClone(type.layout),
      baseFares: { F: 900_000, J: 300_000, W: 120_000, Y: 40_000 },
    }));
  },
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = Deno.memoryUsage();
for (let start = 0; start < FLIGHTS; start += 500) {
  await Promise.all(Array.from({ length: 500 }, (_, i) => {
    const flightId = `f${start + i}`;
    return registry.send(flightId, {
      type: "HoldSeats",
      holdId: "h",
      owner: "u",
      cabin: "Y",
      count: 2,
    });
  }));
}
gc?.();
const after = Deno.memoryUsage();
console.log(
  `\nMemory with ${
    registry.size.toLocaleString("en-US")
  } flight actors loaded (2 seats held on each)\n`,
);
console.log("| | RSS | JS heap used |");
console.log("| --- | ---: | ---: |");
console.log(`| before loading | ${mb(before.rss)} | ${mb(before.heapUsed)} |`);
console.log(
  `| ${FLIGHTS.toLocaleString("en-US")} actors loaded | ${mb(after.rss)} | ${mb(after.heapUsed)} |`,
);
console.log(
  `| per actor | ${((after.rss - before.rss) / FLIGHTS / 1024).toFixed(1)} KB | ${
    ((after.heapUsed - before.heapUsed) / FLIGHTS / 1024).toFixed(1)
  } KB |`,
);
kv.close();
