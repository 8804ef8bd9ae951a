import { AppError, notFound } from "../../domain/app_error.ts";
import { exitRowEligible, pnrFromBytes } from "../../domain/booking.ts";
import type { Clock } from "../../domain/clock.ts";
import type { CabinCode } from "../../domain/seat_layout.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import {
  type BookingView,
  insertHeldBooking,
  type PassengerInput,
} from "../../db/bookings_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { cachedFlightSummary } from "../flights/flight_summaries.ts";
import { randomToken } from "../../adapters/tokens.ts";

/** What holding a booking needs. */
export interface HoldBookingDeps {
  sql: Sql;
  registry: ActorRegistry;
  clock: Clock;
}

/** A request to hold seats: named seats, or a count seated by the actor when `seats` is absent. */
export interface HoldBookingInput {
  userId: string;
  /** The account's email, kept as the booking's contact. */
  email?: string;
  flightId: string;
  cabin: CabinCode;
  seats?: string[];
  passengers: PassengerInput[];
}

/** True when a flight in this status sells nothing (cancelled, departed or arrived). */
export function flightClosed(status: string): boolean {
  return status === "cancelled" || status === "departed" || status === "arrived";
}

/**
 * Holds seats through the flight's actor and records the held booking with a fresh PNR
 * (the API's `POST /api/bookings` and the booking form both come here). Refusals are
 * AppErrors: unknown flight 404, closed flight or taken seats 409, bad cabin 422.
 */
export async function holdBooking(
  deps: HoldBookingDeps,
  input: HoldBookingInput,
): Promise<BookingView & { unitPrice: number }> {
  const flight = await cachedFlightSummary(deps.sql, input.flightId);
  if (!flight) throw notFound("Flight");
  if (flightClosed(flight.status)) {
    throw new AppError(409, "flight_closed", { detail: `This flight is ${flight.status}.` });
  }
  const { userId, cabin, passengers } = input;
  const holdId = randomToken().slice(0, 16);
  const result = await deps.registry.send(flight.id, {
    type: "HoldSeats",
    holdId,
    owner: userId,
    cabin,
    ...(input.seats ? { seats: input.seats } : { count: passengers.length }),
    exitRowEligible: exitRowEligible(passengers, new Date(flight.departureAt)),
  });
  if (!result.ok) throw rejectionError(result);
  const hold = result.hold!;
  const id = crypto.randomUUID();
  let pnr = "";
  try {
    let inserted = false;
    for (let attempt = 0; !inserted && attempt < 8; attempt++) {
      pnr = pnrFromBytes(crypto.getRandomValues(new Uint8Array(6)));
      inserted = await insertHeldBooking(deps.sql, {
        id,
        pnr,
        userId,
        flightId: flight.id,
        cabin,
        holdId,
        seats: hold.seats,
        total: hold.unitPrice * hold.count,
        currency: flight.currency,
        expiresAt: new Date(hold.expiresAt),
        contactEmail: input.email,
        passengers,
      });
    }
    if (!inserted) throw new Error("no free PNR after 8 attempts");
  } catch (err) {
    // Without a booking row nobody can pay for the hold: give the seats back now.
    await deps.registry.send(flight.id, { type: "ReleaseHold", holdId, owner: userId }).catch(
      () => {},
    );
    throw err;
  }
  // Everything in the answer is known here: no need to read the row back.
  return {
    id,
    pnr,
    status: "held",
    flightId: flight.id,
    userId,
    cabin,
    seats: hold.seats,
    total: hold.unitPrice * hold.count,
    currency: flight.currency,
    expiresAt: new Date(hold.expiresAt).toISOString(),
    holdId,
    createdAt: deps.clock.now().toISOString(),
    confirmedAt: null,
    cancelledAt: null,
    passengers,
    tickets: [],
    payments: [],
    unitPrice: hold.unitPrice,
  };
}
