/** The crew roster as the crew pages list it. */
import type { CrewMemberView } from "../../domain/views/crew.ts";
import { type CrewFilter, listCrew } from "../../db/crew_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** One page of crew members matching `filter`, and how many match in all. */
export function crewRoster(
  sql: Sql,
  filter: CrewFilter,
): Promise<{ data: CrewMemberView[]; total: number }> {
  return listCrew(sql, filter);
}
