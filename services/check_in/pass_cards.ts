/** Boarding passes as printed: flight, route, times, gate, group, cabin, seat and e-ticket. */
import { notFound } from "../../domain/app_error.ts";
import { boardingGroup, boardingStartsAt, isWideBody } from "../../domain/boarding.ts";
import { type CabinCode, expandSeats, type Seat } from "../../domain/seat_layout.ts";
import type { BookedLeg, BookingView } from "../../domain/views/booking.ts";
import type { PassCard } from "../../domain/views/trip.ts";
import { getAircraftType } from "../../db/fleet_repo.ts";
import { getFlightStatusState } from "../../db/flight_status_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { boardingPasses } from "./check_in.ts";

/** An SVG document as a data: URI, so a page can show it in an <img> under the CSP. */
export function svgDataUri(svg: string): string {
  let binary = "";
  for (const b of new TextEncoder().encode(svg)) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** What one flight adds to its passes: its seats' positions, the estimate and the gate. */
async function flightFacts(sql: Sql, leg: BookedLeg) {
  const [type, status] = await Promise.all([
    getAircraftType(sql, leg.flight.aircraftType),
    getFlightStatusState(sql, leg.flight.id),
  ]);
  return {
    seats: new Map<string, Seat>(type ? expandSeats(type.layout).map((s) => [s.id, s]) : []),
    wideBody: type ? isWideBody(type.layout) : false,
    departureAt: status?.estimatedDepartureAt
      ? new Date(status.estimatedDepartureAt).toISOString()
      : leg.flight.departureAt,
    gate: status?.gate ?? null,
  };
}

/**
 * The booking's boarding passes ready to print, one per passenger per checked-in flight in
 * travel order; `ticket` keeps one passenger's (404 when they have none). Boarding starts 40
 * or 50 minutes before the (estimated) departure, and the group follows cabin and seat
 * (domain/boarding.ts). Like boardingPasses, a booking nobody checked in on is a 409.
 */
export async function passCards(
  sql: Sql,
  booking: BookingView,
  legs: BookedLeg[],
  opts: { ticket?: string } = {},
): Promise<PassCard[]> {
  const passes = (await boardingPasses(sql, booking, legs))
    .filter((p) => !opts.ticket || p.ticket === opts.ticket);
  if (passes.length === 0) throw notFound("Boarding pass");
  const used = legs.filter((l) => passes.some((p) => p.flightIds[0] === l.flight.id));
  const facts = new Map(
    await Promise.all(used.map(async (l) => [l.flight.id, await flightFacts(sql, l)] as const)),
  );
  return passes.map((p) => {
    const leg = used.find((l) => l.flight.id === p.flightIds[0])!;
    const f = leg.flight, at = facts.get(f.id)!;
    const cabin = leg.cabin.trim() as CabinCode;
    return {
      ticket: p.ticket,
      passenger: p.passenger,
      flightId: f.id,
      carrier: f.carrier,
      flightNumber: f.flightNumber,
      origin: f.origin,
      destination: f.destination,
      departureAt: at.departureAt,
      boardingAt: new Date(boardingStartsAt(Date.parse(at.departureAt), at.wideBody))
        .toISOString(),
      gate: at.gate,
      group: boardingGroup(cabin, at.seats.get(p.seat!)),
      cabin,
      seat: p.seat!,
      sequence: p.sequence!,
      bcbp: p.bcbp,
      barcodeUri: svgDataUri(p.barcode.svg),
    };
  });
}
