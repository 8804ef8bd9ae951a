import type { Sql } from "../../db/postgres.ts";
import { migrate } from "../../db/migrate.ts";
import type { SeatLayout } from "../../domain/seat_layout.ts";
import { economyLayout } from "../domain/inventory/support.ts";

export { economyLayout };
import { DEMO_AIRCRAFT_TYPES } from "../../db/demo/aircraft_types.ts";
import { loadInventoryFromPostgres } from "../../db/inventory_repo.ts";
import { ActorRegistry } from "../../actors/registry.ts";
import type { FlightActorDeps } from "../../actors/flight_actor.ts";
import type { Clock } from "../../domain/clock.ts";
import { createLogger, type Logger } from "../../platform/log.ts";

/** 25 rows of ABC|DEF: exactly 150 sellable economy seats, no exit rows. */
export const LAYOUT_150: SeatLayout = economyLayout(25, "ABC|DEF");

/** Inserts two airports, an aircraft type and one flight; returns the flight id. */
export async function insertFlight(
  sql: Sql,
  options: { typeCode?: string; layout?: SeatLayout; departureAt?: Date } = {},
): Promise<string> {
  await migrate(sql);
  const typeCode = options.typeCode ?? "T150";
  const demo = DEMO_AIRCRAFT_TYPES.find((t) => t.code === typeCode);
  const layout = options.layout ?? demo?.layout ?? LAYOUT_150;
  await sql`INSERT INTO airports (iata, name, city, country, latitude, longitude, tz)
    VALUES ('AAA', 'Alpha', 'Alpha', 'X', 0, 0, 'UTC'), ('BBB', 'Beta', 'Beta', 'X', 1, 1, 'UTC')
    ON CONFLICT DO NOTHING`;
  await sql`INSERT INTO aircraft_types (code, name, manufacturer, cruise_kmh, range_km)
    VALUES (${typeCode}, ${typeCode}, 'Test', 800, 9000)
    ON CONFLICT DO NOTHING`;
  await sql`INSERT INTO aircraft_configurations (type_code, code, name, layout, seat_count, is_default)
    VALUES (${typeCode}, 'STD', 'Standard', ${sql.json(layout)}, 1, true)
    ON CONFLICT DO NOTHING`;
  const departure = options.departureAt ?? new Date("2031-06-01T10:00:00Z");
  const fares = Object.fromEntries(
    layout.cabins.map((c, i) => [c.code, 10_000 * (layout.cabins.length - i)]),
  );
  const [row] = await sql`
    INSERT INTO flights (carrier, flight_number, origin, destination, departure_local,
      arrival_local, departure_at, arrival_at, aircraft_type, aircraft_config, base_fares)
    VALUES ('CT', ${String(Math.floor(Math.random() * 9000) + 1)}, 'AAA', 'BBB',
      ${departure.toISOString().slice(0, 19)}, ${
    new Date(departure.getTime() + 7_200_000).toISOString().slice(0, 19)
  },
      ${departure}, ${new Date(departure.getTime() + 7_200_000)}, ${typeCode}, 'STD',
      ${sql.json(fares)})
    RETURNING id`;
  return row.id;
}

/** A registry whose actors start from Postgres, with a quiet logger. */
export function testRegistry(
  kv: Deno.Kv,
  sql: Sql,
  clock: Clock,
  options: {
    holdTtlMs?: number;
    onCommit?: FlightActorDeps["onCommit"];
    log?: Logger;
    maxBatch?: number;
  } = {},
): ActorRegistry {
  return new ActorRegistry({
    kv,
    clock,
    log: options.log ?? createLogger({ level: "error" }),
    source: (id) => loadInventoryFromPostgres(sql, id, options.holdTtlMs),
    onCommit: options.onCommit,
    maxBatch: options.maxBatch,
  });
}

/** Someone else holds `seat` of cabin Y on `flightId` through its actor; asserts it is held. */
export async function holdSeatForSomeoneElse(
  registry: Pick<ActorRegistry, "send">,
  flightId: string,
  seat: string,
): Promise<void> {
  const held = await registry.send(flightId, {
    type: "HoldSeats",
    holdId: `someone-else-${seat}`,
    owner: "someone-else",
    cabin: "Y",
    seats: [seat],
  });
  if (!held.ok) throw new Error(`${seat} could not be held: ${held.reason}`);
}
