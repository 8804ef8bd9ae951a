/** What the operations board shows of a day's flights beyond the flights list's columns. */
import type { CrewRole } from "../domain/crew/model.ts";
import type { Sql } from "./postgres.ts";
import type { OpsAlertItem } from "../domain/views/ops.ts";
import { opsAlertKey } from "../domain/ops_alerts.ts";

/** A flight's estimated arrival and the positions its assigned crew hold. */
export interface OpsExtras {
  estimatedArrivalAt: string | null;
  crewRoles: CrewRole[];
}

/** The board's extra facts for each of `ids`, in one query. */
export async function opsExtras(sql: Sql, ids: string[]): Promise<Map<string, OpsExtras>> {
  if (ids.length === 0) return new Map();
  const rows = await sql`
    SELECT f.id, f.estimated_arrival_at,
      ARRAY(SELECT a.role FROM crew_assignments a WHERE a.flight_id = f.id) AS crew
    FROM flights f WHERE f.id IN ${sql(ids)}`;
  return new Map(rows.map((r) => [r.id, {
    estimatedArrivalAt: r.estimated_arrival_at?.toISOString() ?? null,
    crewRoles: r.crew,
  }]));
}

/** Ids of the active operators and admins: who operations alerts reach. */
export async function listStaffIds(sql: Sql): Promise<string[]> {
  const rows = await sql`
    SELECT id FROM users WHERE role IN ('operator', 'admin') AND anonymized_at IS NULL
    ORDER BY id`;
  return rows.map((r) => r.id as string);
}

/** A flight as the alert rules read it, with its unfilled crew positions' count's inputs. */
export async function alertFacts(sql: Sql, flightId: string) {
  const [r] = await sql`
    SELECT f.id, f.carrier, f.flight_number, f.origin, f.destination, f.status,
      f.departure_at, f.arrival_at, f.estimated_departure_at, t.seat_count, o.tz,
      ARRAY(SELECT a.role FROM crew_assignments a WHERE a.flight_id = f.id) AS crew
    FROM flights f
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    JOIN airports o ON o.iata = f.origin
    WHERE f.id = ${flightId}`;
  return r && {
    flightId: r.id as string,
    name: `${r.carrier} ${r.flight_number} ${r.origin} → ${r.destination}`,
    status: r.status as string,
    departureAt: (r.departure_at as Date).toISOString(),
    estimatedDepartureAt: (r.estimated_departure_at as Date | null)?.toISOString() ?? null,
    seats: r.seat_count as number,
    crew: r.crew as CrewRole[],
    /** What the crew rules read: the block and the origin's zone (augmented flight decks). */
    block: {
      departureAt: (r.departure_at as Date).getTime(),
      arrivalAt: (r.arrival_at as Date).getTime(),
      originTz: r.tz as string,
    },
  };
}

/** Ids of flights (not cancelled or gone) departing in [from, to), after `after`, by time. */
export async function flightsDepartingBetween(
  sql: Sql,
  w: { from: Date; to: Date; after?: { at: Date; id: string }; limit: number },
): Promise<{ id: string; at: Date }[]> {
  const rows = await sql`
    SELECT id, departure_at FROM flights
    WHERE departure_at >= ${w.from} AND departure_at < ${w.to}
      AND status NOT IN ('cancelled', 'departed', 'arrived')
      ${w.after ? sql`AND (departure_at, id) > (${w.after.at}, ${w.after.id}::uuid)` : sql``}
    ORDER BY departure_at, id LIMIT ${w.limit}`;
  return rows.map((r) => ({ id: r.id, at: r.departure_at }));
}

/** A user's newest operations alerts, newest first. */
export async function listOpsAlerts(sql: Sql, userId: string, limit = 20): Promise<OpsAlertItem[]> {
  const rows = await sql`
    SELECT seq, title, body, created_at, data->>'condition' AS condition,
      data->>'flightId' AS flight_id FROM notifications
    WHERE user_id = ${userId} AND kind = 'ops_alert' ORDER BY seq DESC LIMIT ${limit}`;
  return rows.map((r) => ({
    seq: Number(r.seq),
    key: opsAlertKey(r.condition, r.flight_id),
    title: r.title,
    body: r.body,
    createdAt: r.created_at.toISOString(),
  }));
}
