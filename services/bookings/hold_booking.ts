import { AppError, notFound } from "../../domain/app_error.ts";
import { exitRowEligible, pnrFromBytes } from "../../domain/booking.ts";
import type { Clock } from "../../domain/clock.ts";
import type { CabinCode } from "../../domain/seat_layout.ts";
import { checkJourney, connectionRules, segmentTimes } from "../../domain/journey.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import type { FlightSummary } from "../../domain/views/flight.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import type { CommandResult } from "../../actors/flight_actor.ts";
import {
  type BookingView,
  countLiveHolds,
  insertHeldBooking,
  type NewSegment,
  type PassengerInput,
} from "../../db/bookings_repo.ts";
import { connectionMinimums } from "../../db/search_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { cachedFlightSummary } from "../flights/flight_summaries.ts";
import { randomToken } from "../../adapters/tokens.ts";
import { priceSeats } from "./seat_fees.ts";

/** What holding a booking needs. */
export interface HoldBookingDeps {
  sql: Sql;
  registry: ActorRegistry;
  clock: Clock;
}

/** One flight to hold seats on: named seats, or a count seated by the actor when absent. */
export interface SegmentRequest {
  flightId: string;
  cabin: CabinCode;
  seats?: string[];
  /** Of `seats`, those the airline chose on an earlier hold of the party (they stay free). */
  feeFreeSeats?: string[];
}

/** A request to hold a journey: its flights in travel order, for one party. */
export interface HoldBookingInput {
  userId: string;
  /** The account's email, kept as the booking's contact. */
  email?: string;
  segments: SegmentRequest[];
  passengers: PassengerInput[];
}

/**
 * Unpaid bookings one account may hold at once on different flights (a new hold on a flight
 * the account already holds replaces that hold instead, see `exclusive`). With at most 9 seats
 * a booking, one account can keep at most 27 seats from other passengers, for the hold time.
 */
export const MAX_LIVE_HOLDS_PER_ACCOUNT = 3;

/** True when a flight in this status sells nothing (cancelled, departed or arrived). */
export function flightClosed(status: string): boolean {
  return status === "cancelled" || status === "departed" || status === "arrived";
}

/** A refusal about one segment: the problem names it (0-based `segment`, and its flight). */
function segmentError(err: AppError, i: number, flight: FlightSummary, count: number): AppError {
  if (count === 1) return err;
  const name = `${flight.carrier} ${flight.flightNumber}`;
  return new AppError(err.status, err.code, {
    detail: `Segment ${i + 1} (${name}): ${err.detail ?? err.title}`,
    errors: err.errors?.map((e) => ({ ...e, path: `segments.${i}.${e.path}` })),
    extensions: { ...err.extensions, segment: i, flightId: flight.id },
  });
}

/**
 * The flights of a request, each open for sale, in one currency and chained by the rules; else
 * the AppError a hold would answer (404 unknown flight, 409 closed, 422 rule or currency).
 */
export async function loadJourney(
  deps: HoldBookingDeps,
  segments: Pick<SegmentRequest, "flightId">[],
) {
  const flights: FlightSummary[] = [];
  for (const [i, g] of segments.entries()) {
    const flight = await cachedFlightSummary(deps.sql, g.flightId);
    if (!flight) {
      throw segments.length === 1 ? notFound("Flight") : new AppError(404, "not_found", {
        detail: `Segment ${i + 1}: no such flight.`,
        extensions: { segment: i, flightId: g.flightId },
      });
    }
    if (flightClosed(flight.status)) {
      throw segmentError(
        new AppError(409, "flight_closed", { detail: `This flight is ${flight.status}.` }),
        i,
        flight,
        segments.length,
      );
    }
    flights.push(flight);
  }
  if (flights.length > 1) {
    const checked = checkJourney(
      flights.map(segmentTimes),
      connectionRules(await connectionMinimums(deps.sql)),
    );
    if (!checked.ok) {
      const v = checked.violation;
      throw new AppError(422, v.rule, {
        detail: v.detail,
        extensions: { segment: v.segment, flightId: flights[v.segment].id },
      });
    }
    const currency = flights[0].currency;
    const other = flights.findIndex((f) => f.currency !== currency);
    if (other > 0) {
      throw new AppError(422, "mixed_currency", {
        detail: `Segment ${other + 1} is sold in ${
          flights[other].currency
        }, the journey in ${currency}: book it separately.`,
        extensions: { segment: other, flightId: flights[other].id },
      });
    }
  }
  return flights;
}

/** One segment's seats as its flight's actor holds them. */
export type SegmentHold = NewSegment & { expiresAt: number };

/** One flight to hold: named seats, or `count` seats chosen by the actor. */
export interface HoldRequest extends SegmentRequest {
  count: number;
  exitRowEligible: boolean;
}

/** Gives back holds made for a journey that is not going ahead (best effort). */
async function releaseSegments(registry: ActorRegistry, owner: string, held: SegmentHold[]) {
  for (const h of held) {
    await registry.send(h.flightId, { type: "ReleaseHold", holdId: h.holdId, owner })
      .catch(() => {});
  }
}

/**
 * Holds seats on every flight of a journey, each in that flight's actor (all at once); all or
 * nothing: when a flight refuses (or its actor cannot be reached), the holds that were made are
 * released before this returns (or throws), and the refusal names the first failed segment. The actor part of holdBooking,
 * measured on its own by bench/journey_holds.ts.
 */
export async function holdSegments(
  registry: ActorRegistry,
  owner: string,
  requests: HoldRequest[],
): Promise<
  | { ok: true; held: SegmentHold[] }
  | { ok: false; index: number; rejection: Extract<CommandResult, { ok: false }> }
> {
  // Every flight at once: each actor decides its own seats, so the journey waits for the
  // slowest flight instead of the sum of them.
  const holdIds = requests.map(() => randomToken().slice(0, 16));
  const results = await Promise.allSettled(
    requests.map((g, i) =>
      registry.send(g.flightId, {
        type: "HoldSeats",
        holdId: holdIds[i],
        owner,
        cabin: g.cabin,
        ...(g.seats ? { seats: g.seats } : { count: g.count }),
        exitRowEligible: g.exitRowEligible,
        // One live hold per account per flight: a new one replaces the account's last.
        exclusive: true,
      })
    ),
  );
  const held: SegmentHold[] = [];
  for (const [i, r] of results.entries()) {
    if (r.status !== "fulfilled" || !r.value.ok) continue;
    const hold = r.value.hold!;
    held.push({
      flightId: requests[i].flightId,
      cabin: requests[i].cabin,
      holdId: holdIds[i],
      seats: hold.seats,
      unitPrice: hold.unitPrice,
      expiresAt: hold.expiresAt,
    });
  }
  if (held.length === requests.length) return { ok: true, held };
  await releaseSegments(registry, owner, held);
  const failed = results.findIndex((r) => r.status === "rejected");
  const refused = results.findIndex((r) => r.status === "fulfilled" && !r.value.ok);
  if (failed >= 0 && (refused < 0 || failed < refused)) {
    throw (results[failed] as PromiseRejectedResult).reason;
  }
  const rejection = (results[refused] as PromiseFulfilledResult<CommandResult>).value;
  return {
    ok: false,
    index: refused,
    rejection: rejection as Extract<CommandResult, { ok: false }>,
  };
}

/**
 * Holds a journey's seats, flight by flight in travel order, each through that flight's actor
 * (the one place a seat is decided), then records the held booking with a fresh PNR (the API's
 * `POST /api/bookings` and the booking form both come here). All or nothing: if a flight
 * refuses, the holds already made are released before the answer, which names the segment.
 * A process killed between two holds leaves holds no booking points to; each expires on its
 * own, and none is visible as a held booking. Refusals are AppErrors: unknown flight 404,
 * closed flight or taken seats 409, bad cabin or broken connection rule 422.
 */
export async function holdBooking(
  deps: HoldBookingDeps,
  input: HoldBookingInput,
): Promise<BookingView & { unitPrice: number }> {
  const { userId, passengers } = input;
  const flights = await loadJourney(deps, input.segments);
  const live = await countLiveHolds(
    deps.sql,
    userId,
    deps.clock.now(),
    flights.map((f) => f.id),
  );
  if (live >= MAX_LIVE_HOLDS_PER_ACCOUNT) {
    throw new AppError(409, "hold_limit", {
      detail: `You already hold seats on ${live} unpaid bookings (at most ` +
        `${MAX_LIVE_HOLDS_PER_ACCOUNT}): pay for one or cancel it first.`,
      extensions: { limit: MAX_LIVE_HOLDS_PER_ACCOUNT },
    });
  }
  const outcome = await holdSegments(
    deps.registry,
    userId,
    input.segments.map((g, i) => ({
      ...g,
      count: passengers.length,
      exitRowEligible: exitRowEligible(passengers, new Date(flights[i].departureAt)),
    })),
  );
  if (!outcome.ok) {
    const i = outcome.index;
    throw segmentError(rejectionError(outcome.rejection), i, flights[i], input.segments.length);
  }
  const releaseAll = () => releaseSegments(deps.registry, userId, outcome.held);
  const held = await priceSeats(deps, input.segments, outcome.held).catch(async (err) => {
    await releaseAll();
    throw err;
  });
  const unitPrice = held.reduce((sum, h) => sum + h.unitPrice, 0);
  const total = unitPrice * passengers.length + held.reduce((n, h) => n + h.seatFees, 0);
  // The journey is held as long as its first hold to lapse.
  const expiresAt = new Date(Math.min(...held.map((h) => h.expiresAt)));
  const currency = flights[0].currency;
  const id = crypto.randomUUID();
  let pnr = "";
  try {
    let inserted = false;
    for (let attempt = 0; !inserted && attempt < 8; attempt++) {
      pnr = pnrFromBytes(crypto.getRandomValues(new Uint8Array(6)));
      inserted = await insertHeldBooking(deps.sql, {
        id,
        pnr,
        userId,
        segments: held.map(({ expiresAt: _, ...h }) => h),
        total,
        currency,
        expiresAt,
        contactEmail: input.email,
        passengers,
      });
    }
    if (!inserted) throw new Error("no free PNR after 8 attempts");
  } catch (err) {
    // Without a booking row nobody can pay for the holds: give the seats back now.
    await releaseAll();
    throw err;
  }
  const segments = held.map((h, i) => ({
    flightId: h.flightId,
    cabin: h.cabin,
    seats: h.seats,
    unitPrice: h.unitPrice,
    ...(h.seatFees ? { seatFees: h.seatFees } : {}),
    status: "held",
    holdId: h.holdId,
    departureAt: flights[i].departureAt,
  }));
  // Everything in the answer is known here: no need to read the row back.
  return {
    id,
    pnr,
    status: "held",
    flightId: segments[0].flightId,
    userId,
    cabin: segments[0].cabin,
    seats: segments[0].seats,
    total,
    currency,
    expiresAt: expiresAt.toISOString(),
    holdId: segments[0].holdId,
    createdAt: deps.clock.now().toISOString(),
    confirmedAt: null,
    cancelledAt: null,
    segments,
    passengers,
    tickets: [],
    payments: [],
    unitPrice,
  };
}
