/** What the journey booking form offers: its flights, the cabins they share, and their price. */
import { AppError } from "../../domain/app_error.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import { bookingOffer, type CabinOffer } from "./booking_offer.ts";
import { type HoldBookingDeps, loadJourney } from "./hold_booking.ts";

/** A journey's offer to a party. */
export interface JourneyOffer {
  /** The flights in travel order. */
  flights: FlightSummary[];
  /**
   * The cabins every flight has: seats left on the fullest flight, and the price per
   * passenger of the whole journey (absent when the party does not fit on some flight).
   */
  cabins: CabinOffer[];
  /** The cabin asked for when every flight has it, else the last (economy) they share. */
  cabin: string;
  currency: string;
  /** The journey's total for the party in `cabin`, when it fits. */
  total?: number;
  /** Why the journey cannot be booked as it stands (a closed flight, a broken connection). */
  problem?: string;
}

/** The cabins that every flight of a journey has, priced as the sum of its flights. */
function sharedCabins(perFlight: CabinOffer[][]): CabinOffer[] {
  return perFlight[0].flatMap((first) => {
    const same = perFlight.map((cabins) => cabins.find((c) => c.code === first.code));
    if (same.some((c) => c === undefined)) return [];
    const prices = same.map((c) => c!.price);
    return [{
      code: first.code,
      name: first.name,
      seatsLeft: Math.min(...same.map((c) => c!.seatsLeft)),
      price: prices.includes(undefined)
        ? undefined
        : prices.reduce((sum: number, p) => sum + p!, 0),
    }];
  });
}

/**
 * The offer of the journey `flightIds` (in travel order) to a party of `party` in `cabin`:
 * 404 for an unknown flight; a journey the rules refuse still gets an offer, with the refusal
 * a hold would give as its `problem`.
 */
export async function journeyOffer(
  deps: HoldBookingDeps,
  input: { flightIds: string[]; cabin: string; party: number },
): Promise<JourneyOffer> {
  const offers = await Promise.all(
    input.flightIds.map((flightId) => bookingOffer(deps, { ...input, flightId })),
  );
  const flights = offers.map((o) => o.flight);
  const cabins = sharedCabins(offers.map((o) => o.cabins));
  const cabin = cabins.some((c) => c.code === input.cabin)
    ? input.cabin
    : cabins.at(-1)?.code ?? input.cabin;
  const price = cabins.find((c) => c.code === cabin)?.price;
  let problem: string | undefined;
  try {
    await loadJourney(deps, flights.map((f) => ({ flightId: f.id })));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problem = err.detail ?? err.title;
  }
  if (!problem && cabins.length === 0) {
    problem = "These flights have no cabin in common: book them one by one.";
  }
  return {
    flights,
    cabins,
    cabin,
    currency: flights[0].currency,
    total: price === undefined ? undefined : price * input.party,
    problem,
  };
}
