/** A flight as the passengers' flight page offers it: live fares, live seats, and if it sells. */
import { notFound } from "../../domain/app_error.ts";
import { SALES_CLOSE_BEFORE_DEPARTURE_MS } from "../../domain/inventory/decide.ts";
import { type SeatMapView, seatMapView } from "../../domain/inventory/view.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { HoldBookingDeps } from "../bookings/hold_booking.ts";
import { flightSeatFees } from "../../db/seat_fees_repo.ts";
import { type CabinRowFees, rowFees } from "../../domain/seat_fees.ts";

/** A flight, its seat map as of now, and why it cannot be booked now, if it cannot. */
export interface FlightOffer {
  flight: FlightSummary;
  snapshot: SeatMapView;
  /** Each cabin's row fees (seats in those rows cost a seat fee). */
  fees: CabinRowFees;
  closed?: string;
}

function closedReason(f: FlightSummary, now: number): string | undefined {
  if (["cancelled", "departed", "arrived"].includes(f.status)) {
    return `This flight is ${f.status}: it can no longer be booked.`;
  }
  if (now >= Date.parse(f.departureAt) - SALES_CLOSE_BEFORE_DEPARTURE_MS) {
    return "Sales for this flight have closed.";
  }
  return undefined;
}

/** Flight `id` as offered now (404 when there is no such flight). */
export async function flightOffer(deps: HoldBookingDeps, id: string): Promise<FlightOffer> {
  const flight = await getFlight(deps.sql, id);
  if (!flight) throw notFound("Flight", "There is no such flight. It may have been removed.");
  const now = deps.clock.now().getTime();
  const inv = await deps.registry.inventory(flight.id);
  const fees = await flightSeatFees(deps.sql, flight.id);
  const snapshot = seatMapView(inv, now);
  const cabinFees = fees ? rowFees(inv.state.layout, fees.fees) : {};
  return { flight, snapshot, fees: cabinFees, closed: closedReason(flight, now) };
}
