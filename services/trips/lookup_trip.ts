/** A guest's view of a trip found by booking reference and a passenger's surname. */
import type { FlightSummary, LiveStatus } from "../../domain/views/flight.ts";
import type { TicketView } from "../../domain/views/booking.ts";
import { findBookingByPnr, getBooking } from "../../db/bookings_repo.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { liveStatus } from "./trip_view.ts";

/** What a PNR and a surname may see: the trip, never contact details or payments. */
export interface FoundTrip {
  pnr: string;
  status: string;
  flight: FlightSummary;
  live: LiveStatus;
  passengers: { firstName: string; lastName: string }[];
  tickets: TicketView[];
  seats: string[];
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
  const flight = (await getFlight(sql, booking.flightId))!;
  return {
    pnr: booking.pnr,
    status: booking.status,
    flight,
    live: await liveStatus(sql, flight.id),
    passengers: booking.passengers.map((p) => ({ firstName: p.firstName, lastName: p.lastName })),
    tickets: booking.tickets,
    seats: booking.seats,
  };
}
