import { AppError } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import type { CabinCode } from "../../domain/seat_layout.ts";
import { cabinOffers } from "../../domain/inventory/view.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import type { PassengerInput } from "../../db/bookings_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { insertWaitlistEntry } from "../../db/waitlist_repo.ts";
import type { Actor } from "../actor.ts";
import { flightOr404 } from "../flights/flight_lookup.ts";

/** What joining a waitlist needs. */
export interface WaitlistDeps {
  sql: Sql;
  registry: ActorRegistry;
  clock: Clock;
}

/**
 * Puts the actor's party on a full cabin's waitlist: 422 for a cabin the flight lacks, 409
 * when seats are there to book or the user already waits.
 */
export async function joinWaitlist(
  deps: WaitlistDeps,
  actor: Actor,
  input: { flightId: string; cabin: CabinCode; passengers: PassengerInput[] },
) {
  const flight = await flightOr404(deps.sql, input.flightId);
  const inv = await deps.registry.inventory(flight.id);
  const offer = cabinOffers(inv, deps.clock.now().getTime()).find((o) => o.code === input.cabin);
  if (!offer) {
    throw new AppError(422, "unknown_cabin", {
      detail: `This flight has no cabin ${input.cabin}.`,
    });
  }
  if (offer.seatsLeft >= input.passengers.length) {
    throw new AppError(409, "seats_available", {
      detail: "Seats are available: book them instead.",
    });
  }
  const entry = await insertWaitlistEntry(deps.sql, {
    flightId: flight.id,
    cabin: input.cabin,
    userId: actor.userId!,
    passengers: input.passengers,
  });
  if (!entry) {
    throw new AppError(409, "already_waiting", { detail: "You are already on this waitlist." });
  }
  return {
    id: entry.id,
    flightId: flight.id,
    cabin: input.cabin,
    position: entry.position,
    status: "waiting" as const,
  };
}
