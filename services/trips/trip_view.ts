/** A passenger's trip as the trip page shows it: flight, live status, check-in, disruption. */
import { CHECKIN_OPENS_MS, type CheckInWindow, checkInWindow } from "../../domain/check_in.ts";
import type { Clock } from "../../domain/clock.ts";
import { statusView } from "../../domain/flight_status.ts";
import type { BookedLeg, BookingView } from "../../domain/views/booking.ts";
import type { FlightSummary, LiveStatus } from "../../domain/views/flight.ts";
import type { PassView, Reaccommodation } from "../../domain/views/trip.ts";
import { getFlight, listFlightsByIds } from "../../db/flights_repo.ts";
import { bookingLegs } from "../../db/bookings_repo.ts";
import { getFlightStatusState } from "../../db/flight_status_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { getReaccommodation } from "../../db/trips_repo.ts";
import { boardingPasses } from "../check_in/check_in.ts";
import { svgDataUri } from "../check_in/pass_cards.ts";
import { holdAlive } from "../bookings/own_booking.ts";

/** What loading a trip needs. */
export interface TripDeps {
  sql: Sql;
  clock: Clock;
}

/** Everything the trip page shows besides the booking itself. */
export interface TripData {
  booking: BookingView;
  /** The first flight (the one flight of most bookings): its live status is `status`. */
  flight: FlightSummary;
  /** Every flight in travel order, with the party's seats on it. */
  legs: BookedLeg[];
  status: LiveStatus;
  /** The flight check-in is about now: the next one with open coupons (else the first). */
  checkInFlight: FlightSummary;
  window: CheckInWindow;
  opensAt: string;
  passes: PassView[];
  /** Still "held" in the database, but the hold's time is up. */
  holdOver: boolean;
  disruption?: { reaccommodation: Reaccommodation; from?: FlightSummary; to: FlightSummary[] };
}

/** The flight's live status as the status stream's snapshot has it. */
export async function liveStatus(sql: Sql, flightId: string): Promise<LiveStatus> {
  return statusView((await getFlightStatusState(sql, flightId))!);
}

/** Loads the trip of a booking: flight, status, check-in window, boarding passes, disruption. */
export async function loadTrip(deps: TripDeps, booking: BookingView): Promise<TripData> {
  const sql = deps.sql;
  const legs = await bookingLegs(sql, booking);
  const flight = legs[0]?.flight ?? (await getFlight(sql, booking.flightId))!;
  // Check-in is per flight: the window shown is the next flight that still has open coupons.
  const open = (id: string) =>
    booking.tickets.some((t) => t.coupons.some((c) => c.flightId === id && c.status === "open"));
  const checkInFlight = legs.find((l) => open(l.flight.id))?.flight ?? flight;
  const departure = Date.parse(checkInFlight.departureAt);
  const checkedIn = booking.tickets.some((t) => t.coupons.some((c) => c.status === "checked_in"));
  const [status, passes, reaccommodation] = await Promise.all([
    liveStatus(sql, flight.id),
    booking.status === "confirmed" && checkedIn ? boardingPasses(sql, booking, legs) : [],
    getReaccommodation(sql, booking.id),
  ]);
  let disruption: TripData["disruption"];
  if (reaccommodation) {
    const ids = [reaccommodation.fromFlightId, ...reaccommodation.flightIds];
    const flights = new Map((await listFlightsByIds(sql, ids)).map((f) => [f.id, f]));
    disruption = {
      reaccommodation,
      from: flights.get(reaccommodation.fromFlightId),
      to: reaccommodation.flightIds.map((id) => flights.get(id)).filter((f) => f !== undefined),
    };
  }
  return {
    booking,
    flight,
    legs,
    status,
    checkInFlight,
    window: checkInWindow(departure, deps.clock.now().getTime()),
    opensAt: new Date(departure - CHECKIN_OPENS_MS).toISOString(),
    holdOver: booking.status === "held" && !holdAlive(booking, deps.clock.now()),
    passes: passes.map(({ barcode, coupons: _, ...p }) => ({
      ...p,
      barcodeUri: svgDataUri(barcode.svg),
    })),
    disruption,
  };
}
