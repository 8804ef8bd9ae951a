/** What the page after accepting a crew plan names: the flights and the members assigned. */
import { getStaffedFlight, loadMembers } from "../../db/crew_assignments_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** A flight as the crew pages name it. */
export type StaffedFlight = NonNullable<Awaited<ReturnType<typeof getStaffedFlight>>>;

/** The flights (by id) and the members' names (by id) of accepted assignments. */
export async function acceptedPlanNames(
  sql: Sql,
  now: Date,
  done: readonly { flightId: string; crewId: string }[],
): Promise<{ flights: Map<string, StaffedFlight>; names: Map<string, string> }> {
  const flightIds = [...new Set(done.map((d) => d.flightId))];
  const [flights, members] = await Promise.all([
    Promise.all(flightIds.map((id) => getStaffedFlight(sql, id))),
    loadMembers(sql, now, [...new Set(done.map((d) => d.crewId))]),
  ]);
  return {
    flights: new Map(flights.filter((f) => f !== undefined).map((f) => [f.id, f])),
    names: new Map(members.map((m) => [m.id, m.name])),
  };
}
