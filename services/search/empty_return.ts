/**
 * Why a round trip has no way back for its way out (the one chosen, or any), and what to try
 * instead. Runs only once a round trip came back without a way back, like empty_search.ts.
 */
import {
  type ConnectingOutbound,
  describeEmptyReturn,
  type EmptyReturnReason,
} from "../../domain/return_explanation.ts";
import type { CabinFrom, DatedFare } from "../../domain/search_explanation.ts";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { addDays } from "../../domain/time.ts";
import { cachedFlightSummaries } from "../flights/flight_summaries.ts";
import { routeSchedule } from "../../db/search_repo.ts";
import { currentScheduleVersion } from "../flights/cache_keys.ts";
import { explainEmptySearch } from "./empty_search.ts";
import {
  dayCandidates,
  type SearchDeps,
  searchItineraries,
  type SearchParams,
  type SearchResult,
} from "./flight_search.ts";

/** A way back's absence explained, with its sentence. */
export type EmptyReturn = EmptyReturnReason & { message: string };

/** What the round trip search found, for its explanation. */
export interface ReturnFacts {
  /** The ways out considered: the chosen one, or every way out of the day. */
  outs: SearchResult[];
  chosen: boolean;
  /** The return date's ways back with seats, whatever they connect with. */
  back: SearchResult[];
  /** Whether a way out and a way back make a round trip under the journey rules. */
  connects(o: Pick<SearchResult, "legs">, r: Pick<SearchResult, "legs">): boolean;
  /** The destination's minimum connection time (minutes). */
  connectMinutes: number;
}

// Return dates tried after the one searched, a few at a time, and how many are offered.
const NEXT_DAYS = 14;
const NEXT_CHUNK = 3;
const NEXT_SHOWN = 3;
const EXPLANATION_MS = 30_000;

/** The one-way search of the way back: from and to swapped, on the return date, no filters. */
function backSearch(q: SearchParams & { returnDate: string }, date = q.returnDate): SearchParams {
  return {
    ...q,
    from: q.to,
    to: q.from,
    date,
    departAfter: undefined,
    departBefore: undefined,
    maxPrice: undefined,
  };
}

/** Local wall-clock arithmetic: `local` (`YYYY-MM-DDTHH:MM`) plus `minutes`. */
const plusMinutes = (local: string, minutes: number) =>
  new Date(Date.parse(`${local.slice(0, 16)}:00Z`) + minutes * 60_000).toISOString().slice(0, 16);

/**
 * Why no way back pairs with `facts.outs` on the round trip `q`; cached for half a minute per
 * search, way out chosen and schedule version.
 */
export async function explainEmptyReturn(
  deps: SearchDeps,
  q: SearchParams & { returnDate: string },
  facts: ReturnFacts,
): Promise<EmptyReturn> {
  const key = `empty-return:v${await currentScheduleVersion(deps.store)}:${
    [q.from, q.to, q.date, q.returnDate, q.cabin, q.passengers, q.maxStops, q.departAfter]
      .join(":")
  }:${q.departBefore ?? ""}:${q.maxPrice ?? ""}:${facts.chosen ? facts.outs[0].id : "*"}`;
  const cached = await deps.store.get<EmptyReturn>(key);
  if (cached) return cached;
  const reason = await explain(deps, q, facts);
  const currency = facts.outs[0]?.price.currency ?? "USD";
  // Ways back with seats there are (that day, in the cabin): any other reason is the later ones'.
  const tooEarly = facts.back.length > 0;
  const found = {
    ...reason,
    message: describeEmptyReturn(reason, { ...q, currency, tooEarly }),
  };
  await deps.store.set(key, found, EXPLANATION_MS);
  return found;
}

async function explain(
  deps: SearchDeps,
  q: SearchParams & { returnDate: string },
  facts: ReturnFacts,
): Promise<EmptyReturnReason> {
  const { outs, back, connects } = facts;
  if (!back.length) {
    // Nothing back that day at all: the one-way reason, from the destination home.
    const { message: _, ...oneWay } = await explainEmptySearch(deps, backSearch(q));
    return oneWay;
  }
  const connecting = back.filter((r) => outs.some((o) => connects(o, r)));
  // Ways back connect, but no pair is within the price limit.
  if (connecting.length) return { kind: "filtered", total: connecting.length };
  // Ways back that would connect, but without seats for the party or without the cabin.
  const later = await connectingJourneys(deps, q, facts);
  if (later.length) {
    const withCabin = later.some((legs) => legs.every((l) => l.baseFares[q.cabin] !== undefined));
    return withCabin
      ? { kind: "sold_out", nextDates: await nextReturnDates(deps, q, facts) }
      : { kind: "cabin_not_offered", offered: await otherCabins(deps, q, facts, later) };
  }
  const first = outs.reduce((a, b) => (b.arrivalAt < a.arrivalAt ? b : a));
  const arrives = first.legs[first.legs.length - 1].arrivalLocal.slice(0, 16);
  const last = back.reduce((a, b) => (b.departureAt > a.departureAt ? b : a));
  const [nextDates, latestOutbound] = await Promise.all([
    nextReturnDates(deps, q, facts),
    connectingOutbound(deps, q, facts),
  ]);
  return {
    kind: "no_return_after_outbound",
    outbound: facts.chosen ? "chosen" : "earliest",
    outboundArrives: arrives,
    connectMinutes: facts.connectMinutes,
    earliestReturn: plusMinutes(arrives, facts.connectMinutes),
    lastReturn: last.departureLocal.slice(0, 16),
    nextDates,
    ...(latestOutbound ? { latestOutbound } : {}),
  };
}

/** The return date's journeys (whatever their seats or cabins) that connect with a way out. */
async function connectingJourneys(
  deps: SearchDeps,
  q: SearchParams & { returnDate: string },
  { outs, connects }: ReturnFacts,
) {
  const candidates = await dayCandidates(deps, backSearch(q));
  const flights = new Map(
    (await cachedFlightSummaries(deps.db.sql, [...new Set(candidates.flat())]))
      .map((f) => [f.id, f]),
  );
  const now = deps.clock.now().getTime();
  return candidates
    .map((ids) => ids.map((id) => flights.get(id)!))
    .filter((legs) =>
      legs.every(Boolean) && Date.parse(legs[0].departureAt) > now &&
      outs.some((o) => connects(o, { legs }))
    );
}

/** The other cabins of the connecting ways back, each from its cheapest connecting fare. */
async function otherCabins(
  deps: SearchDeps,
  q: SearchParams & { returnDate: string },
  { outs, connects }: ReturnFacts,
  journeys: { baseFares: Partial<Record<string, number>> }[][],
): Promise<CabinFrom[]> {
  const cabins = CABIN_CODES.filter((c) =>
    c !== q.cabin && journeys.some((legs) => legs.every((l) => l.baseFares[c] !== undefined))
  );
  const found = await Promise.all(cabins.map(async (cabin): Promise<CabinFrom[]> => {
    const ok = (await searchItineraries(deps, { ...backSearch(q), cabin }))
      .filter((r) => outs.some((o) => connects(o, r)));
    return ok.length ? [{ cabin, price: Math.min(...ok.map((r) => r.price.perPassenger)) }] : [];
  }));
  return found.flat();
}

/** The first few dates after the return date with a way back that connects, cheapest each. */
async function nextReturnDates(
  deps: SearchDeps,
  q: SearchParams & { returnDate: string },
  { outs, connects }: ReturnFacts,
): Promise<DatedFare[]> {
  const { openUntil } = await routeSchedule(deps.db.sql, {
    from: q.to,
    to: q.from,
    now: deps.clock.now(),
  });
  const dates = Array.from({ length: NEXT_DAYS }, (_, i) => addDays(q.returnDate, i + 1))
    .filter((d) => openUntil !== undefined && d <= openUntil);
  const found: DatedFare[] = [];
  for (let i = 0; i < dates.length && found.length < NEXT_SHOWN; i += NEXT_CHUNK) {
    const days = await Promise.all(
      dates.slice(i, i + NEXT_CHUNK).map(async (date) => {
        const ok = (await searchItineraries(deps, backSearch(q, date)))
          .filter((r) => outs.some((o) => connects(o, r)));
        return ok.length ? [{ date, price: Math.min(...ok.map((r) => r.price.perPassenger)) }] : [];
      }),
    );
    found.push(...days.flat());
  }
  return found.slice(0, NEXT_SHOWN);
}

/**
 * The latest way out that connects with a way back of the return date: on the search date
 * (its time filters dropped), else the day before.
 */
async function connectingOutbound(
  deps: SearchDeps,
  q: SearchParams & { returnDate: string },
  { back, connects }: ReturnFacts,
): Promise<ConnectingOutbound | undefined> {
  for (const date of [q.date, addDays(q.date, -1)]) {
    const ways = await searchItineraries(deps, {
      ...q,
      date,
      departAfter: undefined,
      departBefore: undefined,
      maxPrice: undefined,
    });
    const ok = ways.filter((o) => back.some((r) => connects(o, r)));
    if (!ok.length) continue;
    const o = ok.reduce((a, b) => (b.departureAt > a.departureAt ? b : a));
    return {
      id: o.id,
      date,
      departureLocal: o.departureLocal.slice(0, 16),
      arrivalLocal: o.legs[o.legs.length - 1].arrivalLocal.slice(0, 16),
    };
  }
  return undefined;
}
