/** What the checkout page shows of a held booking: its flight, its seats' map and its hold. */
import { type SeatMapView, seatMapView } from "../../domain/inventory/view.ts";
import type { BookingView } from "../../domain/views/booking.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { HoldBookingDeps } from "./hold_booking.ts";
import { holdAlive, ownBooking } from "./own_booking.ts";

/** A booking at checkout, as of now. */
export interface CheckoutView {
  booking: BookingView;
  flight: FlightSummary;
  snapshot: SeatMapView;
  /** The hold's time is up (or the booking is no longer held). */
  expired: boolean;
  serverNow: string;
  /** The card's possible expiry years, this one first. */
  years: number[];
}

/** The user's own booking `bookingId` at checkout (404 for anyone else's). */
export async function checkoutView(
  deps: HoldBookingDeps,
  userId: string,
  bookingId: string,
): Promise<CheckoutView> {
  const booking = await ownBooking(deps.sql, userId, bookingId);
  const flight = (await getFlight(deps.sql, booking.flightId))!;
  const now = deps.clock.now();
  const inv = await deps.registry.inventory(flight.id);
  const year = now.getUTCFullYear();
  return {
    booking,
    flight,
    snapshot: seatMapView(inv, now.getTime()),
    expired: !holdAlive(booking, now),
    serverNow: now.toISOString(),
    years: Array.from({ length: 12 }, (_, i) => year + i),
  };
}
