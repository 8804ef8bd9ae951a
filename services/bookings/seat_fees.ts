/** What seats cost on top of the fare: the flight's seat fees (its own, else its configuration's). */
import { seatsFee } from "../../domain/seat_fees.ts";
import { flightSeatFees } from "../../db/seat_fees_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import type { SegmentHold, SegmentRequest } from "./hold_booking.ts";

/**
 * The fees of `seats` on flight `flightId` as of now, by the rows of the flight's live layout
 * (its aircraft may have changed since it was scheduled).
 */
export async function feesForSeats(
  deps: { sql: Sql; registry: ActorRegistry },
  flightId: string,
  seats: readonly string[],
): Promise<number> {
  if (!seats.length) return 0;
  const fees = await flightSeatFees(deps.sql, flightId);
  if (!fees) return 0;
  const layout = (await deps.registry.inventory(flightId)).state.layout;
  return seatsFee(layout, fees.fees, seats);
}

/**
 * Each held segment with its seat fees: seats the passenger named pay their rows' fees (the
 * flight's fees as of now, kept with the booking); seats the airline chose to seat the party
 * together pay none, and stay free of fees if the party keeps them after a change or holds
 * them again.
 */
export async function priceSeats(
  deps: { sql: Sql; registry: ActorRegistry },
  requests: SegmentRequest[],
  held: SegmentHold[],
): Promise<(SegmentHold & { seatFees: number; feeFreeSeats: string[] })[]> {
  return await Promise.all(held.map(async (h, i) => {
    if (!requests[i].seats) return { ...h, seatFees: 0, feeFreeSeats: h.seats };
    const kept = new Set(requests[i].feeFreeSeats ?? []);
    const free = h.seats.filter((s) => kept.has(s));
    const paid = h.seats.filter((s) => !kept.has(s));
    return { ...h, seatFees: await feesForSeats(deps, h.flightId, paid), feeFreeSeats: free };
  }));
}
