import type { Sql, Tx } from "./postgres.ts";
import type { FlightInput, ResolvedFlight, ScheduleLookups } from "../domain/schedule.ts";
import { type CabinCode, SeatLayoutSchema } from "../domain/seat_layout.ts";

/**
 * What resolveFlight needs about the airports, aircraft types, configurations and aircraft
 * that `inputs` name, read in three queries whatever their number (a CSV batch, a whole
 * series).
 */
export async function scheduleLookupsFor(
  sql: Sql | Tx,
  inputs: Pick<
    FlightInput,
    "origin" | "destination" | "aircraftType" | "aircraftRegistration" | "aircraftConfiguration"
  >[],
): Promise<ScheduleLookups> {
  const codes = [...new Set(inputs.flatMap((i) => [i.origin, i.destination]))];
  const registrations = [
    ...new Set(inputs.map((i) => i.aircraftRegistration).filter((r) => r !== undefined)),
  ];
  const [airports, planes] = await Promise.all([
    codes.length ? sql`SELECT iata, tz FROM airports WHERE iata IN ${sql(codes)}` : [],
    registrations.length
      ? sql`SELECT registration, type_code, config_code, active FROM aircraft
            WHERE registration IN ${sql(registrations)}`
      : [],
  ]);
  const types = [
    ...new Set([
      ...inputs.map((i) => i.aircraftType).filter((t) => t !== undefined),
      ...planes.map((p) => p.type_code as string),
    ]),
  ];
  // Configurations named are read for every type too, to tell a code of another type apart.
  const named = [
    ...new Set(inputs.map((i) => i.aircraftConfiguration).filter((c) => c !== undefined)),
  ];
  const configs = types.length || named.length
    ? await sql`SELECT type_code, code, layout, is_default FROM aircraft_configurations
                WHERE ${types.length ? sql`type_code IN ${sql(types)}` : sql`false`}
                   OR ${named.length ? sql`code IN ${sql(named)}` : sql`false`}`
    : [];
  const owners = new Map<string, string[]>();
  for (const c of configs) owners.set(c.code, [...owners.get(c.code) ?? [], c.type_code]);
  const tz = new Map(airports.map((a) => [a.iata as string, a.tz as string]));
  const cabins = new Map<string, { code: string; cabins: CabinCode[] }>();
  for (const c of configs) {
    const found = {
      code: c.code as string,
      cabins: SeatLayoutSchema.parse(c.layout).cabins.map((x) => x.code as CabinCode),
    };
    cabins.set(`${c.type_code} ${c.code}`, found);
    if (c.is_default) cabins.set(`${c.type_code} `, found);
  }
  const fleet = new Map(
    planes.map((p) => [p.registration as string, {
      typeCode: p.type_code as string,
      configCode: p.config_code as string,
      active: p.active as boolean,
    }]),
  );
  return {
    airportTz: (code) => tz.get(code),
    configuration: (type, config) => cabins.get(`${type} ${config ?? ""}`),
    typesWithConfiguration: (config) => (owners.get(config) ?? []).toSorted(),
    aircraft: (registration) => fleet.get(registration),
  };
}

/** A flight row that landed, or the reason it did not. */
export type InsertOutcome = { id: string } | { duplicate: true };

const key = (carrier: string, number: string, date: string) => `${carrier} ${number} ${date}`;

/**
 * Inserts flights in one statement. A flight whose carrier, number and local departure date
 * already exist is skipped and reported as a duplicate; the others land. Outcomes are in input
 * order.
 */
export async function insertFlights(
  sql: Sql | Tx,
  flights: ResolvedFlight[],
  from: { seriesId?: string; importJobId?: string } = {},
): Promise<InsertOutcome[]> {
  if (!flights.length) return [];
  const rows = flights.map((f) => ({
    carrier: f.carrier,
    flight_number: f.flightNumber,
    origin: f.origin,
    destination: f.destination,
    departure_local: f.departureLocal,
    arrival_local: f.arrivalLocal,
    departure_at: f.departureAt.toISOString(),
    arrival_at: f.arrivalAt.toISOString(),
    aircraft_type: f.aircraftType,
    aircraft_config: f.aircraftConfiguration,
    aircraft_registration: f.aircraftRegistration,
    base_fares: f.baseFares,
    currency: f.currency,
    series_id: from.seriesId ?? null,
    import_job_id: from.importJobId ?? null,
  }));
  const inserted = await sql<{ id: string; carrier: string; flight_number: string; d: string }[]>`
    INSERT INTO flights (carrier, flight_number, origin, destination, departure_local,
      arrival_local, departure_at, arrival_at, aircraft_type, aircraft_config,
      aircraft_registration, base_fares, currency, series_id, import_job_id)
    SELECT carrier, flight_number, origin, destination, departure_local, arrival_local,
      departure_at, arrival_at, aircraft_type, aircraft_config, aircraft_registration, base_fares,
      currency, series_id, import_job_id
    FROM jsonb_to_recordset(${sql.json(rows)}) AS r(carrier char(2), flight_number text,
      origin char(3), destination char(3), departure_local timestamp, arrival_local timestamp,
      departure_at timestamptz, arrival_at timestamptz, aircraft_type text, aircraft_config text,
      aircraft_registration text, base_fares jsonb, currency char(3), series_id uuid,
      import_job_id uuid)
    ON CONFLICT (carrier, flight_number, departure_date) DO NOTHING
    RETURNING id, carrier, flight_number, to_char(departure_date, 'YYYY-MM-DD') AS d`;
  const ids = new Map(inserted.map((r) => [key(r.carrier, r.flight_number, r.d), r.id]));
  const seen = new Set<string>();
  return flights.map((f) => {
    const k = key(f.carrier, f.flightNumber, f.departureLocal.slice(0, 10));
    const id = ids.get(k);
    // Two inputs for the same flight and date: the first lands, the second is a duplicate.
    if (!id || seen.has(k)) return { duplicate: true as const };
    seen.add(k);
    return { id };
  });
}

/** The local departure dates (YYYY-MM-DD) a flight number already flies between two dates. */
export async function datesFlown(
  sql: Sql,
  f: { carrier: string; flightNumber: string; from: string; to: string },
): Promise<Set<string>> {
  const rows = await sql`
    SELECT to_char(departure_date, 'YYYY-MM-DD') AS d FROM flights
    WHERE carrier = ${f.carrier} AND flight_number = ${f.flightNumber}
      AND departure_date BETWEEN ${f.from} AND ${f.to}::date`;
  return new Set(rows.map((x) => x.d as string));
}

/** A page of the flights an import created, by id after `after`, with a label for people. */
export async function listImportedFlights(
  sql: Sql | Tx,
  jobId: string,
  page: { after?: string; limit: number },
): Promise<{ id: string; label: string }[]> {
  const rows = await sql<{ id: string; label: string }[]>`
    SELECT id, trim(carrier) || ' ' || trim(flight_number) || ' on ' ||
      to_char(departure_local, 'YYYY-MM-DD') AS label
    FROM flights
    WHERE import_job_id = ${jobId} ${page.after ? sql`AND id > ${page.after}` : sql``}
    ORDER BY id LIMIT ${page.limit}`;
  return rows.map((r) => ({ id: r.id, label: r.label }));
}

/**
 * Tries `flights` as `insertFlights` would, inside a savepoint that is rolled back: what would
 * be created or refused (a dry run), found by the very statement a real import runs.
 */
export async function tryInsertFlights(tx: Tx, flights: ResolvedFlight[]) {
  await tx`SAVEPOINT dry_run`;
  try {
    return await insertFlights(tx, flights);
  } finally {
    await tx`ROLLBACK TO SAVEPOINT dry_run`;
  }
}
