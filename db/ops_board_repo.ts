/** What the operations board shows of a day's flights beyond the flights list's columns. */
import type { CrewRole } from "../domain/crew/model.ts";
import type { Sql } from "./postgres.ts";

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
