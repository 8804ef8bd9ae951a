/**
 * Assigning crew to flights: legality checked against the database inside the transaction
 * that writes, with the member's row locked, so two operators assigning the same member at
 * the same moment are decided one after the other. Overrides are audited with what they
 * overrode; the member hears of a new assignment when they have an account.
 */
import type { Actor } from "../actor.ts";
import { checkAssignment, type Violation } from "../../domain/crew/legality.ts";
import type { CrewRole } from "../../domain/crew/model.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import {
  deleteAssignment,
  getStaffedFlight,
  insertAssignment,
  isOnFlight,
  loadAssignedFlights,
  loadMembers,
  lockMember,
} from "../../db/crew_assignments_repo.ts";
import type { Sql, Tx } from "../../db/postgres.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { Logger } from "../../platform/log.ts";
import { emailFlight, type NotifierDeps } from "../../notifications/notifier.ts";
import { formatInZone } from "../../domain/time.ts";
import { enqueue, type Notice } from "../../notifications/notices.ts";

/** How far back flight time counts (the 365-day limit), with a day to spare. */
export const LEGALITY_LOOKBACK_MS = 366 * 86_400_000;

/** Flight statuses after which the crew list is history. */
export const CLOSED_STATUSES = ["cancelled", "departed", "arrived"];

/** What assigning crew needs. */
export interface CrewDeps {
  sql: Sql;
  clock: Clock;
  log: Logger;
  notifier: NotifierDeps;
}

/** One assignment to make. */
export interface AssignRequest {
  flightId: string;
  crewId: string;
  /** The position to fill. */
  role: CrewRole;
  /** Assign even if illegal; the reason and the overridden rules are audited. */
  overrideReason?: string;
}

/** Why an assignment was refused. */
export type RefusalCode =
  | "crew_not_found"
  | "flight_not_found"
  | "flight_closed"
  | "already_assigned"
  | "crew_assignment_illegal";

/** What one assignment came to. */
export type AssignOutcome =
  | {
    status: "assigned";
    /** The rules an override set aside (empty when legal). */
    violations: Violation[];
    assignedAt: string;
    userId: string | null;
  }
  | { status: "refused"; code: RefusalCode; detail: string; violations: Violation[] };

const refused = (code: RefusalCode, detail: string, violations: Violation[] = []) => ({
  status: "refused" as const,
  code,
  detail,
  violations,
});

/**
 * What legality decides on for putting a member on a flight, read inside `tx` with the
 * member's row locked; or why there is nothing to decide (no member or flight, a closed
 * flight, the member already on it).
 */
export async function legalityFacts(tx: Tx, req: { flightId: string; crewId: string }) {
  const no = (code: Exclude<RefusalCode, "crew_assignment_illegal">, detail: string) => ({
    code,
    detail,
  });
  if (!await lockMember(tx, req.crewId)) return no("crew_not_found", "No such crew member.");
  const flight = await getStaffedFlight(tx, req.flightId);
  if (!flight) return no("flight_not_found", "No such flight.");
  if (CLOSED_STATUSES.includes(flight.status)) {
    return no("flight_closed", `The flight is ${flight.status}; its crew cannot change.`);
  }
  if (await isOnFlight(tx, req.flightId, req.crewId)) {
    return no("already_assigned", "The crew member is already on this flight.");
  }
  const since = new Date(flight.departureAt - LEGALITY_LOOKBACK_MS);
  const [member] = await loadMembers(tx, since, [req.crewId]);
  const assigned = (await loadAssignedFlights(tx, [req.crewId], since)).get(req.crewId) ?? [];
  return { flight, member, assigned };
}

/** Checks and writes one assignment inside `tx` (which it locks the member's row in). */
export async function assignInTx(
  tx: Tx,
  req: AssignRequest,
  actor: Actor,
  now: Date,
): Promise<AssignOutcome> {
  const facts = await legalityFacts(tx, req);
  if ("code" in facts) return refused(facts.code, facts.detail);
  const { flight, member, assigned } = facts;
  const violations = checkAssignment({ member, position: req.role, flight, assigned });
  if (violations.length && !req.overrideReason) {
    return refused(
      "crew_assignment_illegal",
      `Assigning ${member.name} breaks ${violations.length} rule(s): ` +
        [...new Set(violations.map((v) => v.code))].join(", ") + ".",
      violations,
    );
  }
  const overrideReason = violations.length ? req.overrideReason : undefined;
  const assignedAt = await insertAssignment(tx, {
    ...req,
    overrideReason,
    assignedBy: actor.userId,
    at: now,
  });
  await recordAudit(tx, {
    actorId: actor.userId,
    action: overrideReason ? "crew.assignment_overridden" : "crew.assigned",
    entityType: "flight",
    entityId: req.flightId,
    details: {
      crewId: req.crewId,
      role: req.role,
      ...(overrideReason ? { reason: overrideReason, violations } : {}),
    },
    requestId: actor.requestId,
  });
  return { status: "assigned", violations, assignedAt, userId: member.userId };
}

/** Assigns one member in its own transaction, then tells them (best effort). */
export async function assignCrew(
  deps: CrewDeps,
  actor: Actor,
  req: AssignRequest,
): Promise<AssignOutcome> {
  const outcome = await deps.sql.begin((tx) => assignInTx(tx, req, actor, deps.clock.now()));
  await notifyAssigned(deps, [{ ...req, outcome }]);
  return outcome;
}

/** One item of an accepted plan with what became of it. */
export type AcceptedItem = AssignRequest & { outcome: AssignOutcome };

const label = (role: CrewRole) => role.replace("_", " ");

/** Queues a notice for each newly assigned member with an account about their flight. */
export async function notifyAssigned(deps: CrewDeps, items: AcceptedItem[]): Promise<void> {
  const notices: Notice[] = [];
  for (const { flightId, crewId, role, outcome } of items) {
    if (outcome.status !== "assigned" || !outcome.userId) continue;
    const f = await getFlight(deps.sql, flightId);
    if (!f) continue;
    const name = `${f.carrier} ${f.flightNumber} ${f.origin.iata}→${f.destination.iata}`;
    notices.push({
      topic: "user",
      notice: {
        userId: outcome.userId,
        kind: "crew_assignment",
        title: `New assignment: ${f.carrier} ${f.flightNumber}`,
        body: `You are rostered as ${label(role)} on ${name}, departing ` +
          `${formatInZone(f.departureAt, f.origin.tz)}.`,
        data: { flightId, crewId, role },
        dedupeKey: `crew_assignment:${flightId}:${crewId}:${outcome.assignedAt}`,
        email: { payload: { flight: emailFlight(f) } },
      },
    });
  }
  if (!notices.length) return;
  await enqueue(deps.sql, notices);
  deps.notifier.noticeQueued?.();
}

/** What removing a member from a flight came to. */
export type UnassignOutcome =
  | { status: "removed"; role: CrewRole }
  | {
    status: "refused";
    code: "flight_not_found" | "flight_closed" | "not_assigned";
    detail: string;
  };

/** Takes a member off a flight (audited); a departed or arrived flight's crew is history. */
export async function unassignCrew(
  deps: CrewDeps,
  actor: Actor,
  { flightId, crewId }: { flightId: string; crewId: string },
): Promise<UnassignOutcome> {
  return await deps.sql.begin(async (tx): Promise<UnassignOutcome> => {
    const flight = await getStaffedFlight(tx, flightId);
    if (!flight) return { status: "refused", code: "flight_not_found", detail: "No such flight." };
    if (flight.status === "departed" || flight.status === "arrived") {
      return {
        status: "refused",
        code: "flight_closed",
        detail: `The flight has ${flight.status}; its crew cannot change.`,
      };
    }
    await lockMember(tx, crewId);
    const removed = await deleteAssignment(tx, flightId, crewId);
    if (!removed) {
      return {
        status: "refused",
        code: "not_assigned",
        detail: "The crew member is not on this flight.",
      };
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "crew.unassigned",
      entityType: "flight",
      entityId: flightId,
      details: { crewId, role: removed.role, overrideReason: removed.overrideReason },
      requestId: actor.requestId,
    });
    return { status: "removed", role: removed.role };
  });
}
