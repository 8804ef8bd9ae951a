import bwipjs from "bwip-js";
import { AppError } from "../../domain/app_error.ts";
import { encodeBcbp } from "../../domain/bcbp.ts";
import { CHECKIN_OPENS_MS, checkInWindow } from "../../domain/check_in.ts";
import { type BookingView, checkInTickets, listTravelTickets } from "../../db/bookings_repo.ts";
import type { FlightSummary } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** One passenger's boarding pass: the BCBP string and its PDF417 barcode as SVG markup. */
export interface BoardingPass {
  ticket: string;
  passenger: string;
  seat: string | null;
  sequence: number | null;
  bcbp: string;
  barcode: { format: "pdf417"; svg: string };
}

/**
 * Checks in every open ticket of a paid booking on `flight` while the window is open
 * (24 h to 45 min before departure); idempotent. Refusals are 409 AppErrors.
 */
export async function checkInBooking(
  sql: Sql,
  p: { booking: BookingView; flight: FlightSummary; now: Date },
) {
  const { booking, flight, now } = p;
  if (booking.status !== "confirmed") {
    throw new AppError(409, "not_confirmed", { detail: "Only a paid booking can check in." });
  }
  const departure = Date.parse(flight.departureAt);
  const window = checkInWindow(departure, now.getTime());
  if (window === "not_open") {
    throw new AppError(409, "checkin_not_open", {
      detail: `Check-in opens 24 hours before departure, at ${
        new Date(departure - CHECKIN_OPENS_MS).toISOString()
      }.`,
    });
  }
  if (window === "closed") {
    throw new AppError(409, "checkin_closed", {
      detail: "Check-in closed 45 minutes before departure.",
    });
  }
  return await checkInTickets(sql, booking.id, flight.id, now);
}

/**
 * The boarding passes of a booking's checked-in tickets on `flight`. Reading passes never
 * checks anyone in; a booking with none yet is a 409 `not_checked_in`.
 */
export async function boardingPasses(
  sql: Sql,
  booking: BookingView,
  flight: FlightSummary,
): Promise<BoardingPass[]> {
  const tickets = (await listTravelTickets(sql, booking.id, flight.id))
    .filter((t) => t.status === "checked_in" && t.seat && t.checkin_sequence);
  if (booking.status !== "confirmed" || tickets.length === 0) {
    throw new AppError(409, "not_checked_in", {
      detail: "Check in first to get boarding passes.",
    });
  }
  return tickets.map((t) => {
    const bcbp = encodeBcbp({
      lastName: t.last_name,
      firstName: t.first_name,
      pnr: booking.pnr,
      from: flight.origin.iata,
      to: flight.destination.iata,
      carrier: flight.carrier,
      flightNumber: flight.flightNumber,
      date: flight.departureLocal.slice(0, 10),
      compartment: booking.cabin,
      seat: t.seat!,
      checkInSequence: t.checkin_sequence!,
    });
    const svg = bwipjs.toSVG({ bcid: "pdf417", text: bcbp, scale: 2, height: 12 });
    return {
      ticket: t.number,
      passenger: `${t.first_name} ${t.last_name}`,
      seat: t.seat,
      sequence: t.checkin_sequence,
      bcbp,
      barcode: { format: "pdf417" as const, svg },
    };
  });
}
