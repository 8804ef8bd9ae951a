/**
 * Journeys: the unit of sale. A booking is one to four segments, each a seat decision made by
 * its own flight's actor, sold together under one PNR, one hold expiry, one payment and one
 * ticket per passenger with a coupon per segment. This module holds the rules a journey's
 * shape must meet (connections) and how a journey's state follows from its segments'.
 */
import type { FlightSummary } from "./views/flight.ts";

/** IATA allows four flight coupons on one ticket. */
export const MAX_SEGMENTS = 4;
/** Minimum connection time where an airport sets none of its own. */
export const DEFAULT_MIN_CONNECTION_MINUTES = 60;
/** The range an airport's own minimum connection time may take (minutes; the column's CHECK). */
export const MIN_CONNECTION_RANGE = [15, 240] as const;
/** The longest connection sold as one journey (the turnaround of a round trip aside). */
export const MAX_LAYOVER_MINUTES = 6 * 60;

/** What the connection rules need of one segment's flight. */
export interface SegmentTimes {
  flightId: string;
  /** IATA codes. */
  origin: string;
  destination: string;
  departureAt: Date | string;
  arrivalAt: Date | string;
}

/** A flight as the journey rules see it. */
export function segmentTimes(f: FlightSummary): SegmentTimes {
  return {
    flightId: f.id,
    origin: f.origin.iata,
    destination: f.destination.iata,
    departureAt: f.departureAt,
    arrivalAt: f.arrivalAt,
  };
}

/** Per-airport settings the rules consult. */
export interface ConnectionRules {
  /** The airport's minimum connection time in minutes (its own, or the default). */
  minConnectionMinutes(airport: string): number;
  /** The longest layover; MAX_LAYOVER_MINUTES unless given. */
  maxLayoverMinutes?: number;
}

/** The rule a journey broke, as a 422's `code`. */
export type JourneyRule =
  | "too_many_segments"
  | "duplicate_flight"
  | "segments_not_connected"
  | "segments_out_of_order"
  | "connection_too_short"
  | "layover_too_long";

/** A broken rule, with the segment (0-based, in the order given) where it broke. */
export interface JourneyViolation {
  rule: JourneyRule;
  segment: number;
  detail: string;
}

/** How a valid journey is shaped. */
export interface JourneyShape {
  kind: "one_way" | "round_trip";
  /** Index of the first segment of the way back, for a round trip. */
  returnStartsAt?: number;
  /** Layover before each segment after the first, in minutes (the stay for a turnaround). */
  groundMinutes: number[];
}

const ms = (t: Date | string) => (typeof t === "string" ? Date.parse(t) : t.getTime());
const minutes = (from: Date | string, to: Date | string) =>
  Math.round((ms(to) - ms(from)) / 60_000);

/**
 * Checks a journey's segments, in travel order: they chain (each departs where the previous
 * landed), are in time order, each connection is at least the connecting airport's minimum
 * and at most the maximum layover. A journey that ends where it began is a round trip: its
 * longest ground time, the stay at the destination, may exceed the maximum layover (it still
 * needs the minimum connection, so the return leaves after the outbound arrives).
 * The first broken rule, or the journey's shape.
 */
export function checkJourney(
  segments: readonly SegmentTimes[],
  rules: ConnectionRules,
): { ok: true; shape: JourneyShape } | { ok: false; violation: JourneyViolation } {
  const fail = (rule: JourneyRule, segment: number, detail: string) => ({
    ok: false as const,
    violation: { rule, segment, detail },
  });
  if (segments.length === 0 || segments.length > MAX_SEGMENTS) {
    return fail("too_many_segments", 0, `A journey has 1 to ${MAX_SEGMENTS} segments.`);
  }
  const seen = new Set<string>();
  for (const [i, s] of segments.entries()) {
    if (seen.has(s.flightId)) return fail("duplicate_flight", i, "A flight appears twice.");
    seen.add(s.flightId);
  }
  const ground: number[] = [];
  for (let i = 1; i < segments.length; i++) {
    const prev = segments[i - 1], next = segments[i];
    if (next.origin !== prev.destination) {
      return fail(
        "segments_not_connected",
        i,
        `Segment ${
          i + 1
        } departs from ${next.origin}, but segment ${i} lands at ${prev.destination}.`,
      );
    }
    if (ms(next.departureAt) < ms(prev.arrivalAt)) {
      return fail(
        "segments_out_of_order",
        i,
        `Segment ${i + 1} departs before segment ${i} arrives.`,
      );
    }
    const gap = minutes(prev.arrivalAt, next.departureAt);
    const min = rules.minConnectionMinutes(next.origin);
    if (gap < min) {
      return fail(
        "connection_too_short",
        i,
        `${gap} min at ${next.origin} is under its minimum connection time of ${min} min.`,
      );
    }
    ground.push(gap);
  }
  const max = rules.maxLayoverMinutes ?? MAX_LAYOVER_MINUTES;
  const returnStartsAt = returnStart(segments);
  const roundTrip = returnStartsAt !== undefined;
  const turnaround = roundTrip ? returnStartsAt - 1 : -1;
  for (const [g, gap] of ground.entries()) {
    if (g !== turnaround && gap > max) {
      return fail(
        "layover_too_long",
        g + 1,
        `${gap} min at ${segments[g + 1].origin} is over the longest connection (${max} min).`,
      );
    }
  }
  return {
    ok: true,
    shape: {
      kind: roundTrip ? "round_trip" : "one_way",
      ...(roundTrip ? { returnStartsAt: turnaround + 1 } : {}),
      groundMinutes: ground,
    },
  };
}

/**
 * Where the way back of a round trip starts (a journey that ends where it began): after its
 * longest ground time, the stay at the destination. Undefined for a one-way journey.
 */
export function returnStart(segments: readonly SegmentTimes[]): number | undefined {
  if (segments.length < 2 || segments[segments.length - 1].destination !== segments[0].origin) {
    return undefined;
  }
  let best = 1;
  for (let i = 2; i < segments.length; i++) {
    const gap = ms(segments[i].departureAt) - ms(segments[i - 1].arrivalAt);
    if (gap > ms(segments[best].departureAt) - ms(segments[best - 1].arrivalAt)) best = i;
  }
  return best;
}

/** Where a journey takes the passenger: the last destination of its outbound. */
export function journeyDestination(segments: readonly SegmentTimes[]): string | undefined {
  const back = returnStart(segments);
  return segments[(back ?? segments.length) - 1]?.destination;
}

/** The rules with each airport's own minimum connection time, the default elsewhere. */
export function connectionRules(
  minimums: ReadonlyMap<string, number> | Record<string, number>,
  maxLayoverMinutes = MAX_LAYOVER_MINUTES,
): ConnectionRules {
  const get = minimums instanceof Map
    ? (a: string) => minimums.get(a)
    : (a: string) => (minimums as Record<string, number>)[a];
  return {
    minConnectionMinutes: (airport) => get(airport) ?? DEFAULT_MIN_CONNECTION_MINUTES,
    maxLayoverMinutes,
  };
}

/** A segment's state, as its flight's actor and the payment left it. */
export type SegmentStatus = "held" | "confirmed" | "released" | "expired" | "cancelled";

/** A journey's state, as its segments make it. */
export type JourneyStatus = "held" | "confirmed" | "expired" | "cancelled" | "failed";

/**
 * The journey's state from its segments' (all or nothing): held while every segment is held,
 * confirmed once every one is; expired as soon as one hold lapsed before all were confirmed;
 * cancelled when every segment was cancelled after confirmation; anything else (a hold
 * released while others are held or confirmed) is a failed sale whose remaining seats must
 * go back.
 */
export function journeyStatus(segments: readonly SegmentStatus[]): JourneyStatus {
  if (segments.length === 0) return "failed";
  const all = (s: SegmentStatus) => segments.every((x) => x === s);
  if (all("held")) return "held";
  if (all("confirmed")) return "confirmed";
  if (all("cancelled")) return "cancelled";
  if (segments.includes("expired") && !segments.includes("confirmed")) return "expired";
  if (segments.every((x) => x === "cancelled" || x === "confirmed")) return "confirmed";
  return "failed";
}

/** Segments still holding or owning seats in a journey that is no longer going ahead. */
export function seatsToGiveBack(
  segments: readonly SegmentStatus[],
): number[] {
  const state = journeyStatus(segments);
  if (state === "held" || state === "confirmed" || state === "cancelled") return [];
  return segments.flatMap((s, i) => (s === "held" || s === "confirmed" ? [i] : []));
}
