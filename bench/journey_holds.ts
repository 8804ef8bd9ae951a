/**
 * Journey holds per second on ONE hot shared leg, against one-flight holds on the same leg in
 * the same process and period (rounds alternate). A journey is a feeder flight then the hot
 * flight, held all or nothing by holdSegments (the actor part of POST /api/bookings): one
 * command per flight, in order, and a release of the feeder when the hot flight refuses.
 * Every round sells the hot flight's economy cabin out with twice as many clients as seats, so
 * half of the journeys lose and must give their feeder seat back.
 */
import { manualClock } from "../domain/clock.ts";
import { createInventoryState } from "../domain/inventory/create.ts";
import { indexInventory } from "../domain/inventory/state.ts";
import { DEMO_AIRCRAFT_TYPES } from "../db/demo/aircraft_types.ts";
import { ActorRegistry } from "../actors/registry.ts";
import { createLogger } from "../platform/log.ts";
import { holdSegments } from "../services/bookings/hold_booking.ts";

const ROUNDS = 8;
const FEEDERS = 8;
const hot = DEMO_AIRCRAFT_TYPES.find((t) => t.code === "A20N")!.layout;
const big = DEMO_AIRCRAFT_TYPES.find((t) => t.code === "B77W")!.layout;
const clock = manualClock("2031-01-01T00:00:00Z");
const setup = (flightId: string) =>
  createInventoryState({
    flightId,
    departureAt: Date.parse("2031-03-01T00:00:00Z"),
    currency: "USD",
    layout: flightId.startsWith("hot") ? hot : big,
    baseFares: { F: 900_000, J: 300_000, W: 120_000, Y: 40_000 },
  });
const seats = indexInventory(setup("hot")).seatList.filter((s) => !s.blocked && s.cabin === "Y")
  .length;
const clients = seats * 2;

type Mode = "one flight" | "journey";

async function round(registry: ActorRegistry, mode: Mode, r: number) {
  const hotId = `hot-${mode}-${r}`;
  const feeders = Array.from({ length: FEEDERS }, (_, i) => `feeder-${mode}-${r}-${i}`);
  await Promise.all([hotId, ...feeders].map((id) => registry.read(id)));
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: clients }, (_, c) => {
      const leg = (flightId: string) => ({
        flightId,
        cabin: "Y" as const,
        count: 1,
        exitRowEligible: true,
      });
      const legs = mode === "journey" ? [leg(feeders[c % FEEDERS]), leg(hotId)] : [leg(hotId)];
      return holdSegments(registry, `u${c}`, legs);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const won = outcomes.filter((o) => o.ok).length;
  // Every seat of the hot flight sold once; no loser keeps a feeder seat.
  if (won !== seats) throw new Error(`${mode}: ${won} holds for ${seats} seats`);
  const feederHolds = (await Promise.all(feeders.map((f) => registry.read(f))))
    .reduce((n, s) => n + Object.keys(s.holds).length, 0);
  if (mode === "journey" && feederHolds !== won) {
    throw new Error(`journey: ${feederHolds} feeder holds for ${won} journeys`);
  }
  return { won, seconds };
}

const kv = await Deno.openKv(":memory:");
const registry = new ActorRegistry({
  kv,
  clock,
  log: createLogger({ level: "error" }),
  source: (id) => Promise.resolve(setup(id)),
});
const perSecond: Record<Mode, number[]> = { "one flight": [], journey: [] };
await round(registry, "one flight", -1); // warm-up
await round(registry, "journey", -1);
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of ["one flight", "journey"] as const) {
    const { won, seconds } = await round(registry, mode, r);
    perSecond[mode].push(won / seconds);
  }
}
kv.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const range = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
console.log(
  `\nHolds per second on one hot flight (${seats} economy seats, ${clients} clients, ` +
    `${ROUNDS} alternating rounds; a journey adds one of ${FEEDERS} feeder flights)\n`,
);
console.log("| what is held | holds/s, median | range | ratio to one flight |");
console.log("| --- | ---: | ---: | ---: |");
for (const mode of ["one flight", "journey"] as const) {
  const ratio = median(perSecond[mode]) / median(perSecond["one flight"]);
  console.log(
    `| ${mode} | ${fmt(median(perSecond[mode]))} | ${range(perSecond[mode])} | ${
      ratio.toFixed(2)
    }× |`,
  );
}
