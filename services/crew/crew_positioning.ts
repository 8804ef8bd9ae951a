/**
 * Positioning (deadhead): a crew member rides a flight as a passenger to be where their
 * pairing needs them. The seat is a real one: held at no fare and confirmed through the
 * flight's actor, like a passenger's, under a booking reference of its own, so it is never
 * sold twice; the leg is recorded so the position rule sees where the member went. Seats are
 * taken before any Postgres row is locked (an actor may read Postgres to load its flight).
 */
import type { ActorRegistry } from "../../actors/registry.ts";
import type { Projector } from "../../actors/projector.ts";
import { checkAssignment, type Violation } from "../../domain/crew/legality.ts";
import { cabinCounters } from "../../domain/inventory/state.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { isOnFlight, lockMembers } from "../../db/crew_assignments_repo.ts";
import { departureTimes, insertPositioning } from "../../db/crew_positioning_repo.ts";
import type { Tx } from "../../db/postgres.ts";
import type { Actor } from "../actor.ts";
import {
  type AcceptedItem,
  assignInTx,
  type AssignRequest,
  type CrewDeps,
  legalityFacts,
  notifyAssigned,
} from "./crew_assignment.ts";

/** What positioning needs beyond assigning: the flights' actors and the projector. */
export interface PositioningDeps extends CrewDeps {
  registry: ActorRegistry;
  projector: Projector;
}

/** What one positioning leg came to. */
export type PositioningOutcome =
  | { status: "positioned"; seat: string }
  | {
    status: "refused";
    code:
      | "crew_not_found"
      | "flight_not_found"
      | "flight_closed"
      | "already_assigned"
      | "no_free_seat"
      | "crew_assignment_illegal";
    detail: string;
    violations: Violation[];
  };

const refused = (
  code: Extract<PositioningOutcome, { status: "refused" }>["code"],
  detail: string,
  violations: Violation[] = [],
): PositioningOutcome => ({ status: "refused", code, detail, violations });

/** A seat taken for a positioning leg: sold at no fare under its own booking reference. */
export interface TakenSeat {
  ref: string;
  seat: string;
  seq: number;
}

/** Takes one seat at no fare through the flight's actor, or says why none could be taken. */
async function takeSeat(
  deps: PositioningDeps,
  flightId: string,
  crewId: string,
): Promise<TakenSeat | { refused: string }> {
  const inv = await deps.registry.inventory(flightId);
  // The back of the aircraft first: a crew member rides where a paying passenger least misses.
  const cabins = cabinCounters(inv).filter((c) => c.available > 0).reverse();
  const owner = `crew:${crewId}`;
  const ref = `crew-positioning:${crypto.randomUUID()}`;
  let refused = "No seat is free on this flight.";
  for (const { cabin } of cabins) {
    const holdId = crypto.randomUUID();
    const held = await deps.registry.send(flightId, {
      type: "HoldSeats",
      holdId,
      owner,
      cabin,
      count: 1,
      unitPrice: 0,
    });
    if (!held.ok) {
      refused = `No seat could be taken: ${held.detail}`;
      continue;
    }
    const sold = await deps.registry.send(flightId, {
      type: "ConfirmHold",
      holdId,
      owner,
      bookingId: ref,
    });
    if (sold.ok) return { ref, seat: held.hold!.seats[0] ?? "", seq: sold.seq };
    await deps.registry.send(flightId, { type: "ReleaseHold", holdId, owner });
  }
  return { refused };
}

/** Gives a positioning seat back to sale, and waits for the projection to show it. */
async function giveBack(deps: PositioningDeps, flightId: string, taken: TakenSeat) {
  const result = await deps.registry.send(flightId, { type: "CancelSeats", bookingId: taken.ref });
  if (result.ok) await deps.projector.reach(flightId, result.seq);
}

/**
 * Checks and records one positioning leg inside `tx` (locking the member's row) on the seat
 * taken for it beforehand: the actor is never called while Postgres rows are locked.
 */
export async function positionInTx(
  tx: Tx,
  actor: Actor,
  req: { flightId: string; crewId: string; taken: TakenSeat | { refused: string }; now: Date },
): Promise<PositioningOutcome> {
  const facts = await legalityFacts(tx, req);
  if ("code" in facts) return refused(facts.code, facts.detail);
  const { flight, member, assigned } = facts;
  const violations = checkAssignment({
    member,
    position: member.role,
    flight: { ...flight, positioning: true },
    assigned,
  });
  if (violations.length) {
    return refused(
      "crew_assignment_illegal",
      `Positioning ${member.name} breaks: ${
        [...new Set(violations.map((v) => v.code))].join(", ")
      }.`,
      violations,
    );
  }
  if ("refused" in req.taken) return refused("no_free_seat", req.taken.refused);
  const { ref, seat } = req.taken;
  await insertPositioning(tx, { ...req, bookingRef: ref, seat, by: actor.userId, at: req.now });
  await recordAudit(tx, {
    actorId: actor.userId,
    action: "crew.positioned",
    entityType: "flight",
    entityId: req.flightId,
    details: { crewId: req.crewId, seat },
    requestId: actor.requestId,
  });
  return { status: "positioned", seat };
}

/** One positioning leg of an accepted plan with what became of it. */
export type AcceptedLeg = { flightId: string; crewId: string; outcome: PositioningOutcome };

type Leg =
  | { kind: "work"; item: Omit<AssignRequest, "overrideReason"> }
  | {
    kind: "ride";
    item: { flightId: string; crewId: string };
    taken: TakenSeat | { refused: string };
  };

/**
 * Writes a plan with its positioning legs in one transaction: seats for the rides are taken
 * through the flights' actors first, then every member is locked (in id order) and worked
 * and positioning legs are checked in departure order, so each is judged where the legs
 * before it left the member. Seats of refused rides, or of a failed transaction, go back.
 * Results come in the order of the request.
 */
export async function acceptPairingPlan(
  deps: PositioningDeps,
  actor: Actor,
  plan: {
    items: Omit<AssignRequest, "overrideReason">[];
    positioning: { flightId: string; crewId: string }[];
  },
): Promise<{ items: AcceptedItem[]; positioning: AcceptedLeg[] }> {
  const now = deps.clock.now();
  const rides: Leg[] = [];
  for (const item of plan.positioning) {
    const already = await isOnFlight(deps.sql, item.flightId, item.crewId);
    // Already on it: the transaction says so; no seat is taken for nothing.
    const taken = already
      ? { refused: "Already on this flight." }
      : await takeSeat(deps, item.flightId, item.crewId);
    rides.push({ kind: "ride", item, taken });
  }
  const legs: Leg[] = [...plan.items.map((item) => ({ kind: "work" as const, item })), ...rides];
  const kept = new Set<Leg>();
  try {
    const done = await deps.sql.begin(async (tx) => {
      const departures = await departureTimes(tx, [...new Set(legs.map((l) => l.item.flightId))]);
      legs.sort((a, b) =>
        (departures.get(a.item.flightId) ?? 0) - (departures.get(b.item.flightId) ?? 0)
      );
      await lockMembers(tx, [...new Set(legs.map((l) => l.item.crewId))].sort());
      const items: AcceptedItem[] = [];
      const positioning: AcceptedLeg[] = [];
      kept.clear();
      for (const leg of legs) {
        if (leg.kind === "work") {
          items.push({ ...leg.item, outcome: await assignInTx(tx, leg.item, actor, now) });
          continue;
        }
        const outcome = await positionInTx(tx, actor, { ...leg.item, taken: leg.taken, now });
        if (outcome.status === "positioned") kept.add(leg);
        positioning.push({ ...leg.item, outcome });
      }
      // Answer in the order asked, whatever order the legs were checked in.
      const order = (list: { flightId: string; crewId: string }[]) => (x: typeof list[number]) =>
        list.findIndex((y) => y.flightId === x.flightId && y.crewId === x.crewId);
      const byItem = order(plan.items);
      const byRide = order(plan.positioning);
      items.sort((a, b) => byItem(a) - byItem(b));
      positioning.sort((a, b) => byRide(a) - byRide(b));
      return { items, positioning };
    });
    for (const leg of rides) {
      if (leg.kind !== "ride" || "refused" in leg.taken) continue;
      if (kept.has(leg)) await deps.projector.reach(leg.item.flightId, leg.taken.seq);
      else await giveBack(deps, leg.item.flightId, leg.taken);
    }
    await notifyAssigned(deps, done.items);
    return done;
  } catch (err) {
    for (const leg of rides) {
      if (leg.kind === "ride" && !("refused" in leg.taken)) {
        await giveBack(deps, leg.item.flightId, leg.taken);
      }
    }
    throw err;
  }
}
