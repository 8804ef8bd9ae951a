/**
 * Local time ↔ instant conversions, the inner loop of every schedule import: Intl's
 * formatToParts per call (baseline) against the per-quarter-hour offset cache in
 * domain/time.ts. `deno bench bench/time_bench.ts` prints the ratio.
 */
import { localToUtc, toLocal } from "../domain/time.ts";

const ZONES = ["Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney"];
const LOCALS = Array.from(
  { length: 200 },
  (_, i) =>
    `2030-06-${String(1 + (i % 28)).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}:05`,
);
const intl = new Map(ZONES.map((zone) => [
  zone,
  new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }),
]));

Deno.bench("200 departures: Intl formatToParts per conversion", { baseline: true }, () => {
  for (const [i, local] of LOCALS.entries()) {
    const zone = ZONES[i % ZONES.length];
    const guess = new Date(`${local}:00Z`);
    intl.get(zone)!.formatToParts(guess);
    intl.get(zone)!.formatToParts(new Date(guess.getTime() - 3600_000));
    intl.get(zone)!.formatToParts(new Date(guess.getTime() + 3600_000));
    intl.get(zone)!.formatToParts(guess);
  }
});

Deno.bench("200 departures: localToUtc + toLocal with cached offsets", () => {
  for (const [i, local] of LOCALS.entries()) {
    const zone = ZONES[i % ZONES.length];
    toLocal(localToUtc(local, zone), zone);
  }
});
