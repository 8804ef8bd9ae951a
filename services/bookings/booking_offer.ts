/** What the passenger-details form offers for a flight: its cabins with seats left and prices. */
import { notFound } from "../../domain/app_error.ts";
import { cabinOffers } from "../../domain/inventory/view.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { HoldBookingDeps } from "./hold_booking.ts";

/** A cabin the party can book, priced for the whole party. */
export interface CabinOffer {
  code: string;
  name: string;
  seatsLeft: number;
  price?: number;
}

/** A flight's offer to a party: the cabins, the chosen one, and which cabin a seat is in. */
export interface BookingOffer {
  flight: FlightSummary;
  cabins: CabinOffer[];
  /** The cabin asked for when the flight has it, else its last (economy) cabin. */
  cabin: string;
  cabinOf: (seat: string) => string | undefined;
}

/** The offer of flight `flightId` to a party of `party` in `cabin` (404 for no such flight). */
export async function bookingOffer(
  deps: HoldBookingDeps,
  input: { flightId: string; cabin: string; party: number },
): Promise<BookingOffer> {
  const flight = await getFlight(deps.sql, input.flightId);
  if (!flight) throw notFound("Flight");
  const inv = await deps.registry.inventory(flight.id);
  const names = new Map(inv.state.layout.cabins.map((c) => [c.code as string, c.name]));
  const cabins = cabinOffers(inv, deps.clock.now().getTime(), input.party).map((o) => ({
    code: o.code,
    name: names.get(o.code) ?? o.code,
    seatsLeft: o.seatsLeft,
    price: o.price,
  }));
  const chosen = cabins.some((c) => c.code === input.cabin) ? input.cabin : cabins.at(-1)!.code;
  const cabinOf = (seat: string) => inv.seatById.get(seat)?.cabin as string | undefined;
  return { flight, cabins, cabin: chosen, cabinOf };
}
