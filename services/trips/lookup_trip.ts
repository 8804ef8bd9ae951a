/** A guest's view of a trip found by booking reference and a passenger's surname. */
import type { FlightSummary, LiveStatus } from "../../domain/views/flight.ts";
import type { BookedLeg, SegmentView, TicketView } from "../../domain/views/booking.ts";
import { bookingLegs, findBookingByPnr, getBooking } from "../../db/bookings_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { liveStatus } from "./trip_view.ts";

/** What a PNR and a surname may see: the trip, never contact details or payments. */
export interface FoundTrip {
  pnr: string;
  status: string;
  /** The first flight: its live status is `live`. */
  flight: FlightSummary;
  /** Every flight in travel order, with the party's seats on it. */
  legs: BookedLeg[];
  live: LiveStatus;
  passengers: { firstName: string; lastName: string }[];
  tickets: TicketView[];
  /** The flights' seats, in travel order. */
  segments: Pick<SegmentView, "flightId" | "seats" | "status">[];
}

/** The trip booked under `pnr` with a passenger named `lastName`, or undefined. */
export async function lookupTrip(
  sql: Sql,
  pnr: string,
  lastName: string,
): Promise<FoundTrip | undefined> {
  const id = await findBookingByPnr(sql, pnr, lastName);
  const booking = id && await getBooking(sql, id);
  if (!booking) return undefined;
  const legs = await bookingLegs(sql, booking);
  const flight = legs[0].flight;
  return {
    pnr: booking.pnr,
    status: booking.status,
    flight,
    legs,
    live: await liveStatus(sql, flight.id),
    passengers: booking.passengers.map((p) => ({ firstName: p.firstName, lastName: p.lastName })),
    tickets: booking.tickets,
    segments: booking.segments.map(({ flightId, seats, status }) => ({ flightId, seats, status })),
  };
}
