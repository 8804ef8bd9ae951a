/**
 * Involuntary reaccommodation rules: who is rebooked first off a cancelled flight, and onto
 * what. Pure: the caller finds the candidate flights and does the holding through the actors.
 */
import { CABIN_CODES, type CabinCode } from "./seat_layout.ts";

/** How far after the cancelled departure alternatives are looked for. */
export const REBOOKING_WINDOW_MS = 72 * 3600_000;
/** An alternative must leave at least this long from now (sales close 30 min before). */
export const MIN_LEAD_MS = 60 * 60_000;
/**
 * How long a cancellation's passengers wait for its notice: reaccommodation runs right after
 * the cancellation and its rebooking or refund offer tells them both, so this notice only
 * reaches those it left without an outcome (a run cut short).
 */
export const CANCELLATION_NOTICE_DELAY_MS = 10 * 60_000;

/** A confirmed booking to move, as the priority order needs it. */
export interface StrandedBooking {
  id: string;
  cabin: CabinCode;
  createdAt: number;
}

/** Premium cabins first, then the earliest booking; ties by id so the order is total. */
export function rebookingOrder(a: StrandedBooking, b: StrandedBooking): number {
  return CABIN_CODES.indexOf(a.cabin) - CABIN_CODES.indexOf(b.cabin) ||
    a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The cabins a passenger of `cabin` may be moved to: the same one, then each higher one. */
export function cabinsAtOrAbove(cabin: CabinCode): CabinCode[] {
  return CABIN_CODES.slice(0, CABIN_CODES.indexOf(cabin) + 1).reverse();
}

/** One leg of an alternative: a flight with its times (epoch ms) and the cabins it has. */
export interface Leg {
  flightId: string;
  departureAt: number;
  arrivalAt: number;
  cabins: CabinCode[];
}

/** A direct flight (one leg) or a connection (two). */
export type Alternative = Leg[];

/** A way to try rebooking: the legs and the one cabin to hold on each. */
export interface RebookingChoice {
  legs: Leg[];
  cabin: CabinCode;
}

/**
 * Every way to rebook a passenger of `cabin`, best first: the alternative that arrives
 * earliest (a direct flight before a connection arriving at the same time), and on it the
 * same cabin before a higher one. An alternative qualifies only where every leg has the cabin.
 */
export function rebookingChoices(alternatives: Alternative[], cabin: CabinCode): RebookingChoice[] {
  const ranked = [...alternatives].sort((a, b) =>
    a[a.length - 1].arrivalAt - b[b.length - 1].arrivalAt || a.length - b.length ||
    a[0].departureAt - b[0].departureAt ||
    (a[0].flightId < b[0].flightId ? -1 : a[0].flightId > b[0].flightId ? 1 : 0)
  );
  const choices: RebookingChoice[] = [];
  for (const legs of ranked) {
    for (const c of cabinsAtOrAbove(cabin)) {
      if (legs.every((leg) => leg.cabins.includes(c))) choices.push({ legs, cabin: c });
    }
  }
  return choices;
}

/** The hold id used for a booking's seats on one leg: the same on every retry of a run. */
export function rebookingHoldId(bookingId: string, flightId: string): string {
  return `rebook:${bookingId}:${flightId}`;
}

/**
 * The choices that still make a journey's next flight: their last leg lands at least the
 * connecting airport's minimum connection time before it leaves.
 */
export function keepingConnection(
  choices: RebookingChoice[],
  onward: { departureAt: number; minConnectionMs: number },
): RebookingChoice[] {
  const deadline = onward.departureAt - onward.minConnectionMs;
  return choices.filter((c) => c.legs[c.legs.length - 1].arrivalAt <= deadline);
}
