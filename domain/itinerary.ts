/** A priced, available itinerary before sorting and badges. */
export interface Itinerary {
  id: string;
  stops: number;
  departureAt: string;
  arrivalAt: string;
  /** First leg's local departure "YYYY-MM-DDTHH:MM". */
  departureLocal: string;
  durationMinutes: number;
  seatsLeft: number;
  totalPrice: number;
  badges: ("cheapest" | "fastest" | "best")[];
}

/** Sort keys of a flight search. */
export type SortKey = "price" | "duration" | "departure" | "best";

/**
 * The "best" score: price and duration each scaled against the cheapest and fastest
 * option, plus a penalty per stop, as travel sites weigh them.
 */
export function bestScore(it: Itinerary, cheapest: number, fastest: number): number {
  return it.totalPrice / Math.max(1, cheapest) + it.durationMinutes / Math.max(1, fastest) +
    it.stops * 0.35;
}

/** Adds cheapest / fastest / best badges and sorts; ties break on departure time. */
export function rankItineraries<T extends Itinerary>(items: T[], sort: SortKey): T[] {
  if (items.length === 0) return items;
  const cheapest = Math.min(...items.map((i) => i.totalPrice));
  const fastest = Math.min(...items.map((i) => i.durationMinutes));
  const score = new Map(items.map((i) => [i.id, bestScore(i, cheapest, fastest)]));
  const best = Math.min(...score.values());
  for (const i of items) {
    i.badges = [];
    if (i.totalPrice === cheapest) i.badges.push("cheapest");
    if (i.durationMinutes === fastest) i.badges.push("fastest");
    if (score.get(i.id) === best) i.badges.push("best");
  }
  const key: Record<SortKey, (i: T) => number> = {
    price: (i) => i.totalPrice,
    duration: (i) => i.durationMinutes,
    departure: (i) => Date.parse(i.departureAt),
    best: (i) => score.get(i.id)!,
  };
  return [...items].sort((a, b) =>
    key[sort](a) - key[sort](b) || a.departureAt.localeCompare(b.departureAt)
  );
}
