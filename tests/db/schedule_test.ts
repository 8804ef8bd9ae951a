import assert from "node:assert/strict";
import { referenceAirports } from "../../db/seed.ts";
import { DEMO_AIRPORTS, DEMO_HUBS } from "../../db/demo/airports.ts";
import { DEMO_AIRCRAFT_TYPES } from "../../db/demo/aircraft_types.ts";
import {
  buildRoutes,
  generateSchedule,
  type ScheduleAirport,
  type ScheduleOptions,
} from "../../db/demo/schedule.ts";
import { JUDGED_DATES } from "../../db/demo/crew_timing.ts";
import { blockMinutes } from "../../domain/geo.ts";
import { toLocal } from "../../domain/time.ts";
import { flightDeckCrew, MAX_PILOTS } from "../../domain/crew/augmented.ts";
import { legalAsOneDuty } from "../../domain/crew/duty.ts";
import { layoverFits } from "../../domain/crew/pairing.ts";

const demoCodes = new Set<string>(DEMO_AIRPORTS);
const airports: ScheduleAirport[] = referenceAirports().filter((a) => demoCodes.has(a.iata));
const byCode = new Map(airports.map((a) => [a.iata, a]));

// 2026-03-07 + 3 days spans the US spring-forward on 2026-03-08.
const options: ScheduleOptions = {
  airports,
  hubs: DEMO_HUBS,
  aircraftTypes: DEMO_AIRCRAFT_TYPES,
  startDate: "2026-03-07",
  days: 3,
};
const routes = buildRoutes(options);
const flights = generateSchedule(options);

Deno.test("schedule: the network has at least 30 real airports and many routes", () => {
  assert.ok(airports.length >= 30, `only ${airports.length} demo airports found`);
  assert.ok(routes.length >= 2 * airports.length, `only ${routes.length} routes`);
  assert.ok(flights.length > routes.length * 3, `only ${flights.length} flights`);
});

Deno.test("schedule: every demo airport code is found in the reference airports", () => {
  assert.deepEqual(DEMO_AIRPORTS.filter((code) => !byCode.has(code)), []);
});

Deno.test("schedule: every demo airport has at least one route out and one in", () => {
  for (const a of airports) {
    assert.ok(routes.some((r) => r.origin.iata === a.iata), `no route from ${a.iata}`);
    assert.ok(routes.some((r) => r.destination.iata === a.iata), `no route to ${a.iata}`);
  }
});

Deno.test("schedule: every route has a matching return route", () => {
  for (const r of routes) {
    const back = routes.filter((b) =>
      b.origin.iata === r.destination.iata && b.destination.iata === r.origin.iata
    );
    assert.equal(back.length, 1, `${r.origin.iata}-${r.destination.iata}`);
    assert.equal(back[0].aircraft.code, r.aircraft.code);
    assert.equal(back[0].perDay, r.perDay);
    assert.equal(back[0].distanceKm, r.distanceKm);
  }
});

Deno.test("schedule: no route is flown by an aircraft that lacks the range", () => {
  for (const r of routes) {
    assert.ok(
      r.distanceKm <= r.aircraft.rangeKm,
      `${r.origin.iata}-${r.destination.iata} ${Math.round(r.distanceKm)} km on ${r.aircraft.code}`,
    );
    assert.ok(r.distanceKm > 0);
  }
});

Deno.test("schedule: every flight arrives after it departs, after exactly its block time", () => {
  for (const f of flights) {
    assert.ok(f.arrivalAt > f.departureAt, `${f.flightNumber} ${f.departureLocal}`);
    const route = routes.find((r) =>
      r.origin.iata === f.origin && r.destination.iata === f.destination
    )!;
    const minutes = (f.arrivalAt.getTime() - f.departureAt.getTime()) / 60_000;
    assert.equal(minutes, blockMinutes(route.distanceKm, route.aircraft.cruiseKmh));
  }
});

Deno.test("schedule: departureLocal is the origin's wall-clock time at departureAt", () => {
  for (const f of flights) {
    assert.match(f.departureLocal, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00$/);
    const local = toLocal(f.departureAt, byCode.get(f.origin)!.tz);
    assert.ok(
      local.startsWith(f.departureLocal.slice(0, 16)),
      `${f.origin} ${local} vs ${f.departureLocal}`,
    );
    assert.equal(local, f.departureLocal);
  }
});

Deno.test("schedule: arrivalLocal is the destination's wall-clock time at arrivalAt", () => {
  for (const f of flights) {
    assert.equal(f.arrivalLocal, toLocal(f.arrivalAt, byCode.get(f.destination)!.tz));
    assert.match(f.arrivalLocal, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  }
});

Deno.test("schedule: departures fall on the requested local dates", () => {
  const dates = new Set(flights.map((f) => f.departureLocal.slice(0, 10)));
  assert.deepEqual([...dates].sort(), ["2026-03-07", "2026-03-08", "2026-03-09"]);
});

Deno.test("schedule: flight numbers are 1-4 digits and unique per departure date", () => {
  const seen = new Set<string>();
  for (const f of flights) {
    assert.match(f.flightNumber, /^[0-9]{1,4}$/);
    const key = `${f.carrier}${f.flightNumber} ${f.departureLocal.slice(0, 10)}`;
    assert.ok(!seen.has(key), `duplicate ${key}`);
    seen.add(key);
  }
  assert.ok(flights.every((f) => f.carrier === "CT" && f.currency === "USD"));
});

Deno.test("schedule: a flight number always means the same route", () => {
  const routeOf = new Map<string, string>();
  for (const f of flights) {
    const route = `${f.origin}-${f.destination}`;
    assert.equal(routeOf.get(f.flightNumber) ?? route, route, f.flightNumber);
    routeOf.set(f.flightNumber, route);
  }
});

Deno.test("schedule: base fares exist for every cabin of the aircraft and business costs more", () => {
  for (const f of flights) {
    const type = DEMO_AIRCRAFT_TYPES.find((t) => t.code === f.aircraftType)!;
    const cabins = type.layout.cabins.map((c) => c.code).sort();
    assert.deepEqual(Object.keys(f.baseFares).sort(), cabins, f.flightNumber);
    for (const fare of Object.values(f.baseFares)) {
      assert.ok(Number.isInteger(fare) && fare > 0, `${f.flightNumber} fare ${fare}`);
    }
    assert.ok(
      f.baseFares.J! > f.baseFares.Y!,
      `${f.flightNumber}: J ${f.baseFares.J} Y ${f.baseFares.Y}`,
    );
    if (f.baseFares.F !== undefined) assert.ok(f.baseFares.F > f.baseFares.J!);
    if (f.baseFares.W !== undefined) {
      assert.ok(f.baseFares.W > f.baseFares.Y! && f.baseFares.W < f.baseFares.J!);
    }
  }
});

Deno.test("schedule: economy fares grow with distance", () => {
  const sorted = [...routes].sort((a, b) => a.distanceKm - b.distanceKm);
  const fareOf = (origin: string, destination: string) =>
    flights.find((f) => f.origin === origin && f.destination === destination)!.baseFares.Y!;
  const shortest = sorted[0];
  const longest = sorted[sorted.length - 1];
  assert.ok(
    fareOf(longest.origin.iata, longest.destination.iata) >
      fareOf(shortest.origin.iata, shortest.destination.iata),
  );
});

Deno.test("schedule: generating twice gives identical output", () => {
  const again = generateSchedule({ ...options, airports: [...airports] });
  assert.deepEqual(again, flights);
});

Deno.test("schedule: each route flies its daily frequency on every day", () => {
  const expected = routes.reduce((n, r) => n + r.perDay * options.days, 0);
  assert.equal(flights.length, expected);
});

Deno.test("schedule: every demo departure can be flown legally by the crew it needs (at most 4 pilots)", () => {
  // Each mix of daylight saving time north and south: it moves report hours against UTC.
  for (const startDate of JUDGED_DATES) {
    for (const f of generateSchedule({ ...options, startDate, days: 2 })) {
      const flight = {
        departureAt: f.departureAt.getTime(),
        arrivalAt: f.arrivalAt.getTime(),
        originTz: byCode.get(f.origin)!.tz,
      };
      const name = `${f.flightNumber} ${f.origin}-${f.destination} ${f.departureLocal}`;
      assert.ok(flightDeckCrew(flight) <= MAX_PILOTS, name);
      assert.ok(legalAsOneDuty(flight), `${name}: no crew may fly it (FAR 117 Table B/C)`);
    }
  }
});

Deno.test("schedule: the legality rule refuses an ultra-long sector reported late at night", () => {
  // LAX-DXB, 16 h 30 min: 17 h 30 min of duty; Table C allows 4 pilots 17 h after a 20:50
  // report and 18 h 30 min after a 14:40 one.
  const block = 990 * 60_000;
  const at = (local: string) => Date.parse(`${local}-08:00`);
  const flight = (dep: number) => ({
    departureAt: dep,
    arrivalAt: dep + block,
    originTz: "America/Los_Angeles",
  });
  assert.equal(legalAsOneDuty(flight(at("2030-01-15T21:50:00"))), false);
  assert.equal(legalAsOneDuty(flight(at("2030-01-15T15:40:00"))), true);
  const lax = generateSchedule({ ...options, startDate: "2030-01-15", days: 1 })
    .find((f) => f.origin === "LAX" && f.destination === "DXB");
  assert.equal(lax?.departureLocal.slice(11), "15:40:00", "moved to the afternoon slot");
});

Deno.test("schedule: a crew from either end of every route can fly it, rest and fly back", () => {
  for (const startDate of JUDGED_DATES) {
    const all = generateSchedule({ ...options, startDate, days: 5 }).map((f) => ({
      ...f,
      departureAt: f.departureAt.getTime(),
      arrivalAt: f.arrivalAt.getTime(),
      originTz: byCode.get(f.origin)!.tz,
    }));
    for (const f of all.filter((f) => f.departureLocal.startsWith(startDate))) {
      const back = all.filter((b) => b.origin === f.destination && b.destination === f.origin);
      assert.ok(
        back.some((b) => layoverFits(f, b)),
        `${f.flightNumber} ${f.origin}-${f.destination} ${f.departureLocal}: no way back`,
      );
    }
  }
});

Deno.test("schedule: a route's times do not depend on the date the schedule starts", () => {
  const timesOn = (startDate: string) =>
    new Map(
      generateSchedule({ ...options, startDate, days: 1 }).map((f) => [
        `${f.flightNumber} ${f.origin}-${f.destination}`,
        f.departureLocal.slice(11),
      ]),
    );
  const winter = timesOn("2031-01-05");
  for (const date of ["2031-03-29", "2031-07-05", "2031-10-12"]) {
    assert.deepEqual(timesOn(date), winter, date);
  }
});
