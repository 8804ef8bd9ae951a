/** What the checkout page shows of a held booking: its flights, their seat maps and its hold. */
import { type SeatMapView, seatMapView } from "../../domain/inventory/view.ts";
import type { BookedLeg, BookingView } from "../../domain/views/booking.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import type { HoldBookingDeps } from "./hold_booking.ts";
import { holdAlive, ownBookingWithLegs } from "./own_booking.ts";
import { undecidedChargeKey } from "../../db/payments_repo.ts";
import { autoSeatedFlights } from "../../db/bookings_repo.ts";
import { checkoutAttemptOf } from "../../domain/payment_attempt.ts";
import { flightSeatFees } from "../../db/seat_fees_repo.ts";
import { type CabinRowFees, rowFees } from "../../domain/seat_fees.ts";

/** One flight of a booking at checkout: its seat map as of now, with the party's seats on it. */
export interface LegSeatMap extends BookedLeg {
  snapshot: SeatMapView;
  /** The flight's row fees per cabin. */
  fees: CabinRowFees;
}

/** A booking at checkout, as of now. */
export interface CheckoutView {
  booking: BookingView;
  /** The first flight (the one flight of most bookings). */
  flight: FlightSummary;
  /** Every flight in travel order, with the party's seats on it. */
  legs: BookedLeg[];
  /** The first flight's seat map. */
  snapshot: SeatMapView;
  /** Every flight's seat map in travel order (the first is `snapshot`). */
  seatMaps: LegSeatMap[];
  /** The flights whose seats the airline assigned (the party was seated together). */
  autoSeated: string[];
  /** The hold's time is up (or the booking is no longer held). */
  expired: boolean;
  serverNow: string;
  /** The card's possible expiry years, this one first. */
  years: number[];
  /**
   * The checkout attempt whose payment has no answer yet (claimed, or charged and not yet
   * confirmed), if any: the page keeps paying under its key, so a reload never starts a
   * second attempt the booking's one active charge would refuse.
   */
  undecidedAttempt?: string;
}

/** The user's own booking `bookingId` at checkout (404 for anyone else's). */
export async function checkoutView(
  deps: HoldBookingDeps,
  userId: string,
  bookingId: string,
): Promise<CheckoutView> {
  const { booking, legs } = await ownBookingWithLegs(deps.sql, userId, bookingId);
  const flight = legs[0].flight;
  const now = deps.clock.now();
  const seatMaps = await Promise.all(legs.map(async (leg) => {
    const inv = await deps.registry.inventory(leg.flight.id);
    const fees = await flightSeatFees(deps.sql, leg.flight.id);
    return {
      ...leg,
      snapshot: seatMapView(inv, now.getTime()),
      fees: fees ? rowFees(inv.state.layout, fees.fees) : {},
    };
  }));
  const year = now.getUTCFullYear();
  const [undecided, autoSeated] = await Promise.all([
    undecidedChargeKey(deps.sql, booking.id),
    autoSeatedFlights(deps.sql, booking.id),
  ]);
  return {
    booking,
    flight,
    legs,
    snapshot: seatMaps[0].snapshot,
    seatMaps,
    autoSeated,
    expired: !holdAlive(booking, now),
    serverNow: now.toISOString(),
    years: Array.from({ length: 12 }, (_, i) => year + i),
    undecidedAttempt: undecided ? checkoutAttemptOf(booking.id, undecided) : undefined,
  };
}
