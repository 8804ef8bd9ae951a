/** Boarding passes as printed: flight, route, times, gate, group, cabin, seat and e-ticket. */
import { notFound } from "../../domain/app_error.ts";
import {
  boardingGroup,
  boardingStartsAt,
  isWideBody,
  passLocalTimes,
} from "../../domain/boarding.ts";
import { type CabinCode, expandSeats, type Seat } from "../../domain/seat_layout.ts";
import type { BookedLeg, BookingView } from "../../domain/views/booking.ts";
import type { PassCard, PassDetail, PassFlight } from "../../domain/views/trip.ts";
import { getAircraftType } from "../../db/fleet_repo.ts";
import { getFlightStatusState } from "../../db/flight_status_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { type BoardingPass, boardingPasses } from "./check_in.ts";

/** An SVG document as a data: URI, so a page can show it in an <img> under the CSP. */
export function svgDataUri(svg: string): string {
  let binary = "";
  for (const b of new TextEncoder().encode(svg)) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

type FlightFacts = Awaited<ReturnType<typeof flightFacts>>;

/** What one flight adds to its passes: its seats' positions, the estimate and the gate. */
async function flightFacts(sql: Sql, leg: BookedLeg) {
  const [type, status] = await Promise.all([
    getAircraftType(sql, leg.flight.aircraftType),
    getFlightStatusState(sql, leg.flight.id),
  ]);
  return {
    leg,
    seats: new Map<string, Seat>(type ? expandSeats(type.layout).map((s) => [s.id, s]) : []),
    wideBody: type ? isWideBody(type.layout) : false,
    departureAt: status?.estimatedDepartureAt
      ? new Date(status.estimatedDepartureAt).toISOString()
      : leg.flight.departureAt,
    gate: status?.gate ?? null,
  };
}

/** One flight of a pass as printed, from the flight's facts and the passenger's coupon. */
function passFlight(at: FlightFacts, coupon: BoardingPass["coupons"][number]): PassFlight {
  const f = at.leg.flight;
  const cabin = at.leg.cabin.trim() as CabinCode;
  const boardingAt = new Date(boardingStartsAt(Date.parse(at.departureAt), at.wideBody))
    .toISOString();
  return {
    flightId: f.id,
    carrier: f.carrier,
    flightNumber: f.flightNumber,
    origin: f.origin,
    destination: f.destination,
    departureAt: at.departureAt,
    boardingAt,
    local: passLocalTimes({ departureAt: at.departureAt, boardingAt }, f.origin.tz),
    gate: at.gate,
    group: boardingGroup(cabin, at.seats.get(coupon.seat)),
    cabin,
    seat: coupon.seat,
    sequence: coupon.sequence,
  };
}

/**
 * The booking's boarding passes with everything they print, in travel order: one per passenger
 * per checked-in flight (`flightId` narrows to one flight), or with `multiLeg` one per passenger
 * with a leg per flight; `ticket` keeps one passenger's (404 when they have none). Boarding
 * starts 40 or 50 minutes before the (estimated) departure, and the group follows cabin and
 * seat (domain/boarding.ts). The API and the pages both read passes here. Like boardingPasses,
 * a booking nobody checked in on is a 409.
 */
export async function passDetails(
  sql: Sql,
  trip: { booking: BookingView; legs: BookedLeg[] },
  opts: { flightId?: string; multiLeg?: boolean; ticket?: string } = {},
): Promise<PassDetail[]> {
  const { booking, legs } = trip;
  const passes = (await boardingPasses(sql, booking, legs, opts))
    .filter((p) => !opts.ticket || p.ticket === opts.ticket);
  if (passes.length === 0) throw notFound("Boarding pass");
  const used = legs.filter((l) => passes.some((p) => p.flightIds.includes(l.flight.id)));
  const facts = new Map(
    await Promise.all(used.map(async (l) => [l.flight.id, await flightFacts(sql, l)] as const)),
  );
  return passes.map(({ coupons, ...p }) => {
    const flights = coupons.map((c) => passFlight(facts.get(c.flightId)!, c));
    return { ...p, ...flights[0], legs: flights };
  });
}

/**
 * The booking's boarding passes ready to print, one per passenger per checked-in flight
 * (passDetails with the barcode as a data: URI); `ticket` keeps one passenger's.
 */
export async function passCards(
  sql: Sql,
  booking: BookingView,
  legs: BookedLeg[],
  opts: { ticket?: string } = {},
): Promise<PassCard[]> {
  const passes = await passDetails(sql, { booking, legs }, opts);
  return passes.map(({ barcode, legs: _, flightIds: _ids, ...p }) => ({
    ...p,
    barcodeUri: svgDataUri(barcode.svg),
  }));
}
