/** Which flights lack crew, a proposal to staff them, and accepting a proposal as edited. */
import { flightShortfall } from "../../domain/crew/complement.ts";
import { flightView, listFlightsWithCrew } from "../../db/crew_assignments_repo.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Sql } from "../../db/postgres.ts";
import type { Actor } from "../actor.ts";
import type { AcceptedItem, AssignRequest } from "./crew_assignment.ts";
import { type AcceptedLeg, acceptPairingPlan, type PositioningDeps } from "./crew_positioning.ts";
import { planTotals, proposeCrew } from "./crew_board.ts";

/** Flights departing on local dates `from`..`to` short of the minimum crew, a page at a time. */
export async function crewShortfalls(
  sql: Sql,
  q: { from: string; to: string; limit: number; page: number },
) {
  const { from, to, limit, page } = q;
  const short = (await listFlightsWithCrew(sql, { from, to }))
    .map((f) => ({ f, short: flightShortfall(f, f.seats, f.crew.map((m) => m.role)) }))
    .filter((x) => x.short.short);
  const data = short.slice((page - 1) * limit, page * limit).map(({ f, short }) => ({
    ...flightView(f),
    crew: f.crew,
    short,
  }));
  return { from, to, data, page, limit, total: short.length };
}

/** Legal crew proposed for understaffed flights of a date range; nothing is written. */
export async function proposeCrewPlan(
  deps: { sql: Sql; clock: Clock },
  range: { from: string; to: string },
) {
  const { flights: data, positioning } = await proposeCrew(deps.sql, {
    ...range,
    now: deps.clock.now(),
  });
  return {
    ...range,
    flights: data,
    positioning,
    ...planTotals(data),
  };
}

function result({ flightId, crewId, role, outcome }: AcceptedItem) {
  return outcome.status === "assigned"
    ? { flightId, crewId, role, status: "assigned" as const, assignedAt: outcome.assignedAt }
    : {
      flightId,
      crewId,
      role,
      status: "refused" as const,
      code: outcome.code,
      detail: outcome.detail,
      violations: outcome.violations,
    };
}

function legResult({ flightId, crewId, outcome }: AcceptedLeg) {
  return outcome.status === "positioned"
    ? { flightId, crewId, status: "positioned" as const, seat: outcome.seat }
    : { flightId, crewId, ...outcome };
}

/**
 * Assigns a (possibly edited) proposal with its positioning legs, each re-checked in
 * departure order; how many went in, and why not.
 */
export async function acceptCrewPlan(
  deps: PositioningDeps,
  actor: Actor,
  plan: { items: AssignRequest[]; positioning: { flightId: string; crewId: string }[] },
) {
  const done = await acceptPairingPlan(deps, actor, plan);
  const results = done.items.map(result);
  const positioning = done.positioning.map(legResult);
  return {
    assigned: results.filter((r) => r.status === "assigned").length,
    refused: results.filter((r) => r.status === "refused").length,
    positioned: positioning.filter((r) => r.status === "positioned").length,
    results,
    positioning,
  };
}
