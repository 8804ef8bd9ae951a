import { blockMinutes, greatCircleKm } from "../../domain/geo.ts";
import { addDays, localToUtc, toLocal } from "../../domain/time.ts";
import { flyableTime, returnTime, shifted } from "./crew_timing.ts";
import type { CabinCode } from "../../domain/seat_layout.ts";
import type { DemoAircraftType } from "./aircraft_types.ts";

/** What the schedule generator needs to know about an airport. */
export interface ScheduleAirport {
  iata: string;
  latitude: number;
  longitude: number;
  tz: string;
}

/** One generated flight, ready to insert. */
export interface ScheduledFlight {
  carrier: string;
  flightNumber: string;
  origin: string;
  destination: string;
  departureLocal: string;
  arrivalLocal: string;
  departureAt: Date;
  arrivalAt: Date;
  aircraftType: string;
  baseFares: Partial<Record<CabinCode, number>>;
  currency: string;
}

/** A directed route with its equipment and daily frequency. */
export interface Route {
  origin: ScheduleAirport;
  destination: ScheduleAirport;
  distanceKm: number;
  aircraft: DemoAircraftType;
  perDay: number;
  number: number;
}

/** Options for generateSchedule. */
export interface ScheduleOptions {
  airports: ScheduleAirport[];
  hubs: string[];
  aircraftTypes: DemoAircraftType[];
  /** First local departure date, "YYYY-MM-DD". */
  startDate: string;
  days: number;
  carrier?: string;
}

const NEIGHBOURS = 4;
const REMOTE_LINKS = 2;
const SHORT_HAUL_KM = 5200;
const LONG_HAUL_KM = 13500;
const SLOTS = ["07:05", "12:40", "18:15"];
const LONG_HAUL_SLOTS = ["10:25", "21:50"];
// Where an ultra-long sector's slot is too late for even the largest augmented crew (FAR 117
// Table C: 17 h from a report after 17:00), it leaves in the afternoon (18.5 h from a report
// 13:00-16:59), as LAX-DXB does in real schedules, or else in the morning (19 h).
const ULTRA_LONG_SLOTS = ["15:40", "10:25"];

/** A small stable hash, so the same route always gets the same minutes. */
function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

function pickAircraft(types: DemoAircraftType[], km: number): DemoAircraftType {
  const byCode = (code: string) => types.find((t) => t.code === code) ?? types[types.length - 1];
  if (km < 1100) return byCode("E195");
  if (km < SHORT_HAUL_KM) return byCode("A20N");
  if (km < 9500) return byCode("B789");
  return byCode("B77W");
}

/** Base fares in cents: economy grows with distance, premium cabins are multiples of it. */
export function baseFares(
  km: number,
  aircraft: DemoAircraftType,
): Partial<Record<CabinCode, number>> {
  const economy = Math.round((59 + km * 0.085) / 10) * 1000 - 100;
  const factor: Record<CabinCode, number> = { F: 7, J: 3.6, W: 1.7, Y: 1 };
  const fares: Partial<Record<CabinCode, number>> = {};
  for (const cabin of aircraft.layout.cabins) {
    fares[cabin.code] = Math.round((economy * factor[cabin.code]) / 1000) * 1000 - 100;
  }
  return fares;
}

/** The network: each airport to its nearest neighbours, and the hubs to each other. */
export function buildRoutes(options: ScheduleOptions): Route[] {
  const byCode = new Map(options.airports.map((a) => [a.iata, a]));
  const pairs = new Map<string, [ScheduleAirport, ScheduleAirport, number]>();
  const add = (a: ScheduleAirport, b: ScheduleAirport, km: number) => {
    if (a.iata !== b.iata) {
      pairs.set(pairKey(a.iata, b.iata), a.iata < b.iata ? [a, b, km] : [b, a, km]);
    }
  };
  for (const a of options.airports) {
    const byDistance = options.airports
      .filter((b) => b.iata !== a.iata)
      .map((b) => [b, greatCircleKm(a, b)] as const)
      .sort((x, y) => x[1] - y[1]);
    const near = byDistance.filter(([, km]) => km < SHORT_HAUL_KM).slice(0, NEIGHBOURS);
    // A remote airport (JNB) still gets service: its two nearest within long-haul range.
    const links = near.length
      ? near
      : byDistance.filter(([, km]) => km < LONG_HAUL_KM).slice(0, REMOTE_LINKS);
    for (const [b, km] of links) add(a, b, km);
  }
  const hubs = options.hubs.map((h) => byCode.get(h)).filter((h): h is ScheduleAirport => !!h);
  for (const a of hubs) {
    for (const b of hubs) {
      const km = greatCircleKm(a, b);
      if (a.iata < b.iata && km < LONG_HAUL_KM) add(a, b, km);
    }
  }
  const routes: Route[] = [];
  [...pairs.keys()].sort().forEach((key, i) => {
    const [a, b, km] = pairs.get(key)!;
    const aircraft = pickAircraft(options.aircraftTypes, km);
    const perDay = km < 900 ? 3 : km < 2500 ? 2 : 1;
    const number = 100 + i * 8;
    routes.push({ origin: a, destination: b, distanceKm: km, aircraft, perDay, number });
    routes.push({
      origin: b,
      destination: a,
      distanceKm: km,
      aircraft,
      perDay,
      number: number + 1,
    });
  });
  return routes;
}

/** Every flight of the demo schedule over `days` days, in local times with UTC instants. */
export function generateSchedule(options: ScheduleOptions): ScheduledFlight[] {
  const carrier = options.carrier ?? "CT";
  const flights: ScheduledFlight[] = [];
  const routes = buildRoutes(options);
  const blockOf = (r: Route) => blockMinutes(r.distanceKm, r.aircraft.cruiseKmh);
  const longHaul = (r: Route) => r.perDay === 1 && r.distanceKm > SHORT_HAUL_KM;
  const times = new Map(routes.map((route) => {
    const slots = longHaul(route) ? LONG_HAUL_SLOTS : SLOTS;
    const jitter = (hash(`${route.origin.iata}${route.destination.iata}`) % 10) * 5;
    const sector = { route, blockMin: blockOf(route) };
    return [
      route,
      Array.from({ length: route.perDay }, (_, slot) => {
        const pick = slots[(slot + (route.number % 2)) % slots.length];
        return flyableTime(sector, [pick, ...ULTRA_LONG_SLOTS].map((c) => shifted(c, jitter)));
      }),
    ];
  }));
  // A long-haul way back (odd number) is retimed where a crew from either end could not
  // fly out, rest as the rules ask and fly back within a pairing's reach.
  for (const back of routes.filter((r) => longHaul(r) && r.number % 2 === 1)) {
    const out = routes.find((r) => r.number === back.number - 1)!;
    times.set(back, [
      returnTime(
        { route: out, blockMin: blockOf(out), time: times.get(out)![0] },
        { route: back, blockMin: blockOf(back), time: times.get(back)![0] },
      ),
    ]);
  }
  for (const route of routes) {
    const block = blockOf(route);
    const fares = baseFares(route.distanceKm, route.aircraft);
    for (let slot = 0; slot < route.perDay; slot++) {
      const time = times.get(route)![slot];
      for (let day = 0; day < options.days; day++) {
        const departureLocal = `${addDays(options.startDate, day)}T${time}`;
        const departureAt = localToUtc(departureLocal, route.origin.tz);
        const arrivalAt = new Date(departureAt.getTime() + block * 60_000);
        flights.push({
          carrier,
          flightNumber: String(route.number + slot * 2),
          origin: route.origin.iata,
          destination: route.destination.iata,
          departureLocal: `${departureLocal}:00`,
          arrivalLocal: toLocal(arrivalAt, route.destination.tz),
          departureAt,
          arrivalAt,
          aircraftType: route.aircraft.code,
          baseFares: fares,
          currency: "USD",
        });
      }
    }
  }
  return flights;
}
