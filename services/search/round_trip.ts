/**
 * Round trips: the ways out and back of a search, paired under the journey rules. The API
 * lists both sides at once (`searchRoundTrip`); the search page has the passenger pick a way
 * out, then a way back that pairs with it (`roundTripChoice`).
 */
import { CONNECTION_MINIMUMS_KEY } from "../flights/cache_keys.ts";
import { checkJourney, connectionRules, segmentTimes } from "../../domain/journey.ts";
import { connectionMinimums } from "../../db/search_repo.ts";
import { type EmptyReturn, explainEmptyReturn } from "./empty_return.ts";
import {
  type SearchDeps,
  searchItineraries,
  type SearchParams,
  type SearchResult,
} from "./flight_search.ts";

/** A round trip's search: the ways out and back, each ranked, and the cheapest pair. */
export interface RoundTripResults {
  outbound: SearchResult[];
  /** Every way back that some way out connects to (the airport's connection time apart). */
  inbound: SearchResult[];
  /** The lowest total of a way out and a way back that connect, for the party. */
  cheapestTotal?: number;
  /** Ways out there are, but no way back connects with any: why, and what to try instead. */
  inboundEmpty?: EmptyReturn;
}

/** A way out or back with the party's total for a round trip it is part of (minor units). */
export type RoundTripOption = SearchResult & { roundTripTotal: number };

/** The search page's round trip: the ways out, and once one is chosen the ways back with it. */
export interface RoundTripChoice {
  /** The ways out, each priced as the cheapest round trip it is part of. */
  outbound: RoundTripOption[];
  /** The way out chosen (`out`, its flights' ids), when it still flies with seats. */
  chosen?: SearchResult;
  /** With a way out chosen: the ways back that pair with it, each priced as that pair. */
  inbound: RoundTripOption[];
  /** No way back for the way out chosen (or, none chosen, for any): why. */
  inboundEmpty?: EmptyReturn;
}

/** A round trip search: the one-way search with the dates and, maybe, a way out chosen. */
export type RoundTripParams = SearchParams & { returnDate: string };

const MINIMUMS_MS = 60_000;

/** The airports' own connection times, from the shared store for a minute. */
export async function connectionMinimumsCached(
  deps: Pick<SearchDeps, "db" | "store">,
): Promise<Map<string, number>> {
  const cached = await deps.store.get<[string, number][]>(CONNECTION_MINIMUMS_KEY);
  if (cached) return new Map(cached);
  const found = await connectionMinimums(deps.db.sql);
  await deps.store.set(CONNECTION_MINIMUMS_KEY, [...found], MINIMUMS_MS);
  return found;
}

/**
 * Both sides of a round trip, each ranked as a one-way search, with whether a way out and a
 * way back connect and the cheapest pair each is part of (absent: it pairs with none).
 */
async function pairUp(deps: SearchDeps, q: RoundTripParams) {
  const [outbound, back] = await Promise.all([
    searchItineraries(deps, { ...q, maxPrice: undefined }),
    searchItineraries(deps, {
      ...q,
      from: q.to,
      to: q.from,
      date: q.returnDate,
      departAfter: undefined,
      departBefore: undefined,
      maxPrice: undefined,
    }),
  ]);
  const rules = connectionRules(await connectionMinimumsCached(deps));
  const connectMinutes = rules.minConnectionMinutes(q.to);
  const connects = (o: Pick<SearchResult, "legs">, r: Pick<SearchResult, "legs">) =>
    checkJourney([...o.legs, ...r.legs].map(segmentTimes), rules).ok;
  const bestOut = new Map<SearchResult, number>(), bestBack = new Map<SearchResult, number>();
  const lower = (best: Map<SearchResult, number>, r: SearchResult, total: number) =>
    best.set(r, Math.min(best.get(r) ?? Infinity, total));
  for (const o of outbound) {
    for (const r of back) {
      if (!connects(o, r)) continue;
      const total = o.price.total + r.price.total;
      lower(bestOut, o, total);
      lower(bestBack, r, total);
    }
  }
  const affordable = (total: number | undefined): total is number =>
    total !== undefined && (q.maxPrice === undefined || total <= q.maxPrice);
  return { outbound, back, connects, connectMinutes, bestOut, bestBack, affordable };
}

type Paired = Awaited<ReturnType<typeof pairUp>>;

/** Why no way back pairs with `outs` (the one chosen, or every way out). */
function whyNoReturn(
  deps: SearchDeps,
  q: RoundTripParams,
  p: Paired,
  outs: { ways: SearchResult[]; chosen: boolean },
) {
  return explainEmptyReturn(deps, q, {
    outs: outs.ways,
    chosen: outs.chosen,
    back: p.back,
    connects: p.connects,
    connectMinutes: p.connectMinutes,
  });
}

/**
 * A round trip: the ways out on `date` and back on `returnDate` (from and to swapped), each
 * ranked as a one-way search. Each side lists only what pairs with the other under the journey
 * rules (the return leaves at least the airport's connection time after the way out lands),
 * and with `maxPrice` only what has a pair within it; `cheapestTotal` is the cheapest pair.
 */
export async function searchRoundTrip(
  deps: SearchDeps,
  q: RoundTripParams,
): Promise<RoundTripResults> {
  const p = await pairUp(deps, q);
  const { outbound, back, bestOut, bestBack, affordable } = p;
  const totals = [...bestOut.values()];
  return {
    outbound: outbound.filter((o) => affordable(bestOut.get(o))),
    inbound: back.filter((r) => affordable(bestBack.get(r))),
    cheapestTotal: totals.length ? Math.min(...totals) : undefined,
    inboundEmpty: outbound.length && !totals.length
      ? await whyNoReturn(deps, q, p, { ways: outbound, chosen: false })
      : undefined,
  };
}

/**
 * The round trip as the search page offers it: every way out with the cheapest round trip it
 * is part of; with `out` (the flight ids of a way out, in order) that way out and the ways back
 * that pair with it, each with the pair's total. `maxPrice` bounds the totals either way.
 */
export async function roundTripChoice(
  deps: SearchDeps,
  q: RoundTripParams & { out?: string[] },
): Promise<RoundTripChoice> {
  const p = await pairUp(deps, q);
  const priced = (r: SearchResult, total: number | undefined): RoundTripOption[] =>
    p.affordable(total) ? [{ ...r, roundTripTotal: total }] : [];
  const outbound = p.outbound.flatMap((o) => priced(o, p.bestOut.get(o)));
  const key = q.out?.join("+");
  // A way out with no way back (any more) stays chosen: the ways back say why there are none.
  const chosen = key === undefined ? undefined : p.outbound.find((o) => o.id === key);
  const inbound = chosen
    ? p.back.flatMap((r) =>
      p.connects(chosen, r) ? priced(r, chosen.price.total + r.price.total) : []
    )
    : [];
  const nothingBack = chosen
    ? !inbound.length
    : !outbound.length && p.outbound.length > 0 && !p.bestOut.size;
  const inboundEmpty = nothingBack
    ? await whyNoReturn(deps, q, p, { ways: chosen ? [chosen] : p.outbound, chosen: !!chosen })
    : undefined;
  return { outbound, chosen, inbound, inboundEmpty };
}
