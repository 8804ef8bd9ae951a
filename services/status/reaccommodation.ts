/**
 * Involuntary reaccommodation: when a flight is cancelled, each confirmed passenger is moved
 * to the earliest later flight(s) on the route with seats in the same cabin or higher, through
 * the flights' actors (so nothing is oversold), premium cabins and earlier bookings first.
 * Whoever cannot be moved is offered a full refund. Everyone hears the outcome. Safe to run
 * again: hold ids are deterministic and every step is idempotent.
 */
import { AppError, notFound } from "../../domain/app_error.ts";
import { exitRowEligible } from "../../domain/booking.ts";
import {
  type Alternative,
  keepingConnection,
  MIN_LEAD_MS,
  REBOOKING_WINDOW_MS,
  type RebookingChoice,
  rebookingChoices,
  rebookingHoldId,
  rebookingOrder,
} from "../../domain/reaccommodation.ts";
import type { Clock } from "../../domain/clock.ts";
import { getFlight } from "../../db/flights_repo.ts";
import {
  findAlternatives,
  listHeldOn,
  listStranded,
  recordRebooked,
  recordRefundOffered,
  type Stranded,
} from "../../db/reaccommodation_repo.ts";
import { singleFlight } from "../../db/group_commit.ts";
import { cancelOpenWaitlist } from "../../db/waitlist_repo.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import type { Projector } from "../../actors/projector.ts";
import { enqueue } from "../../notifications/notices.ts";
import { connectionAtRisk } from "../../notifications/flight_notices.ts";
import { listOnwardFlights } from "../../db/flight_audience_repo.ts";
import type { NotifierDeps } from "../../notifications/notifier.ts";
import type { Logger } from "../../platform/log.ts";
import type { Sql } from "../../db/postgres.ts";

/** What reaccommodation needs. */
export interface ReaccommodationDeps {
  sql: Sql;
  kv: Deno.Kv;
  registry: ActorRegistry;
  projector: Projector;
  clock: Clock;
  log: Logger;
  notifier: NotifierDeps;
}

/** The outcome of one run. */
export interface ReaccommodationReport {
  flightId: string;
  rebooked: { bookingId: string; pnr: string; flightIds: string[]; cabin: string }[];
  refundOffered: { bookingId: string; pnr: string }[];
  /** Unpaid holds on the cancelled flight, given back. */
  holdsReleased: number;
}

/** Holds `choice` for a booking leg by leg; releases what it got if a leg has no seats. */
async function holdChoice(deps: ReaccommodationDeps, b: Stranded, choice: RebookingChoice) {
  const owner = b.userId ?? b.id;
  const held: { flightId: string; holdId: string }[] = [];
  for (const leg of choice.legs) {
    const holdId = rebookingHoldId(b.id, leg.flightId);
    const r = await deps.registry.send(leg.flightId, {
      type: "HoldSeats",
      holdId,
      owner,
      cabin: choice.cabin,
      count: b.passengers.length,
      exitRowEligible: exitRowEligible(b.passengers, new Date(leg.departureAt)),
      unitPrice: b.unitPrice,
    });
    if (!r.ok) {
      for (const h of held) {
        await deps.registry.send(h.flightId, { type: "ReleaseHold", holdId: h.holdId, owner });
      }
      return undefined;
    }
    // A retried run finds its own hold (or the sale it became) instead of a new one.
    held.push({ flightId: leg.flightId, holdId });
  }
  return held;
}

async function rebookOne(
  deps: ReaccommodationDeps,
  fromFlightId: string,
  b: Stranded,
  choices: RebookingChoice[],
  replaced: string[] = [],
): Promise<{ flightIds: string[]; cabin: string } | undefined> {
  const owner = b.userId ?? b.id;
  for (const choice of choices) {
    const held = await holdChoice(deps, b, choice);
    if (!held) continue;
    const committed: [string, number][] = [];
    for (const h of held) {
      const r = await deps.registry.send(h.flightId, {
        type: "ConfirmHold",
        holdId: h.holdId,
        owner,
        bookingId: b.id,
      });
      if (!r.ok) throw new Error(`rebooking ${b.id}: confirm refused: ${r.reason}`);
      committed.push([h.flightId, r.seq]);
    }
    // Only now do the old seats go: the passenger is never left without any.
    for (const old of [fromFlightId, ...replaced]) {
      const cancelled = await deps.registry.send(old, { type: "CancelSeats", bookingId: b.id });
      if (!cancelled.ok && cancelled.reason !== "booking_not_found") {
        throw new Error(`rebooking ${b.id}: cancel refused: ${cancelled.reason}`);
      }
      if (cancelled.ok) committed.push([old, cancelled.seq]);
    }
    const flightIds = held.map((h) => h.flightId);
    await recordRebooked(deps.sql, {
      bookingId: b.id,
      fromFlightId,
      flightIds,
      cabin: choice.cabin,
      replaced,
    });
    // The new tickets come from the projection of these commits: the report and the notice
    // describe them.
    for (const [id, seq] of committed) await deps.projector.reach(id, seq);
    await enqueue(deps.sql, [{
      topic: "flight_rebooked",
      rebooking: {
        bookingId: b.id,
        fromFlightId,
        toFlightId: flightIds[0],
        ...(flightIds[1] ? { connectionFlightId: flightIds[1] } : {}),
        ...(replaced.length ? { replaced } : {}),
      },
    }]);
    deps.notifier.noticeQueued?.();
    return { flightIds, cabin: choice.cabin };
  }
  return undefined;
}

/** One way to try rebooking a booking: its choices, and the booked flights they replace. */
export interface RebookingAttempt {
  choices: RebookingChoice[];
  replaced: string[];
}

/** A cancelled flight as finding its passengers other flights needs it. */
interface CancelledFlight {
  id: string;
  departureAt: string;
  origin: { iata: string };
  destination: { iata: string };
}

/**
 * The confirmed bookings of a flight in the order they are rebooked, and for each the ways to
 * try in turn: the later flights on the route (for a protected connection only those that
 * still make it), then for a connection a way to where it was going, replacing both flights.
 */
export async function rebookingAttempts(
  deps: { sql: Sql; clock: Clock },
  flight: CancelledFlight,
) {
  const departure = Date.parse(flight.departureAt);
  const after = Math.max(departure, deps.clock.now().getTime() + MIN_LEAD_MS);
  const until = departure + REBOOKING_WINDOW_MS;
  // Ways to each destination, found once per destination.
  const through = new Map<string, Promise<Alternative[]>>();
  const towards = (destination: string) => {
    let found = through.get(destination);
    if (!found) {
      const route = { id: flight.id, origin: flight.origin.iata, destination };
      found = findAlternatives(deps.sql, route, after, until);
      through.set(destination, found);
    }
    return found;
  };
  const stranded = (await listStranded(deps.sql, flight.id)).sort(rebookingOrder);
  async function* attempts(b: Stranded): AsyncGenerator<RebookingAttempt> {
    const choices = rebookingChoices(await towards(flight.destination.iata), b.cabin);
    if (!b.onward) {
      yield { choices, replaced: [] };
      return;
    }
    // A protected connection: only flights that still make it, else a way to where the
    // connection was going, in place of both flights.
    yield { choices: keepingConnection(choices, b.onward), replaced: [] };
    const onward = b.onward;
    const ways = (await towards(onward.destination))
      .filter((legs) => !legs.some((l) => l.flightId === onward.flightId));
    yield { choices: rebookingChoices(ways, b.cabin), replaced: [onward.flightId] };
  }
  return { stranded, attempts };
}

async function run(deps: ReaccommodationDeps, flightId: string): Promise<ReaccommodationReport> {
  const flight = await getFlight(deps.sql, flightId);
  if (!flight) throw notFound("Flight");
  if (flight.status !== "cancelled") {
    throw new AppError(409, "flight_not_cancelled", {
      detail: "Passengers are rebooked only off a cancelled flight.",
    });
  }
  await deps.registry.send(flightId, { type: "ConfigureFlight", closed: true });
  await cancelOpenWaitlist(deps.sql, flightId);
  const held = await listHeldOn(deps.sql, flightId);
  for (const h of held) {
    await deps.registry.send(flightId, { type: "ReleaseHold", holdId: h.holdId, owner: h.userId });
  }
  const report: ReaccommodationReport = {
    flightId,
    rebooked: [],
    refundOffered: [],
    holdsReleased: held.length,
  };
  const { stranded, attempts } = await rebookingAttempts(deps, flight);
  for (const b of stranded) {
    let moved: Awaited<ReturnType<typeof rebookOne>>;
    for await (const { choices, replaced } of attempts(b)) {
      moved = await rebookOne(deps, flightId, b, choices, replaced);
      if (moved) break;
    }
    if (moved) {
      report.rebooked.push({ bookingId: b.id, pnr: b.pnr, ...moved });
      continue;
    }
    await recordRefundOffered(deps.sql, b.id, flightId);
    report.refundOffered.push({ bookingId: b.id, pnr: b.pnr });
    await enqueue(deps.sql, [{ topic: "refund_offered", bookingId: b.id }]);
    deps.notifier.noticeQueued?.();
  }
  const head = await deps.registry.read(flightId);
  await deps.projector.reach(flightId, head.seq);
  return report;
}

const runs = new WeakMap<ActorRegistry, (flightId: string) => Promise<ReaccommodationReport>>();

/**
 * Rebooks everyone off a cancelled flight (see the module comment). Concurrent calls for one
 * flight in this process share a run.
 */
export function reaccommodate(
  deps: ReaccommodationDeps,
  flightId: string,
): Promise<ReaccommodationReport> {
  let shared = runs.get(deps.registry);
  if (!shared) runs.set(deps.registry, shared = singleFlight((id) => run(deps, id)));
  return shared(flightId);
}

/**
 * Protects the connections a delay breaks: each booking on `flightId` whose next flight now
 * leaves less than the connecting airport's minimum time after `landingMs` is moved off that
 * next flight onto the earliest way from the connecting airport to where it was going that
 * leaves late enough (holding before giving up the old seats, as for a cancellation). Whoever
 * cannot be moved is offered a full refund. Everyone moved hears it in one notice.
 */
export async function protectConnections(
  deps: ReaccommodationDeps,
  flightId: string,
  landingMs: number,
): Promise<ReaccommodationReport> {
  const report: ReaccommodationReport = {
    flightId,
    rebooked: [],
    refundOffered: [],
    holdsReleased: 0,
  };
  const broken = (await listOnwardFlights(deps.sql, flightId)).filter((o) =>
    connectionAtRisk(landingMs, o) !== undefined
  );
  for (const o of broken) {
    const [b] = (await listStranded(deps.sql, o.flightId)).filter((s) => s.id === o.bookingId);
    if (!b) continue;
    const after = landingMs + o.minConnectionMinutes * 60_000;
    const ways = await findAlternatives(
      deps.sql,
      { id: o.flightId, origin: o.origin, destination: o.destination },
      after,
      after + REBOOKING_WINDOW_MS,
    );
    const choices = rebookingChoices(ways, b.cabin);
    const moved = await rebookOne(
      deps,
      o.flightId,
      b,
      b.onward ? keepingConnection(choices, b.onward) : choices,
    );
    if (moved) {
      report.rebooked.push({ bookingId: b.id, pnr: b.pnr, ...moved });
      continue;
    }
    await recordRefundOffered(deps.sql, b.id, o.flightId);
    report.refundOffered.push({ bookingId: b.id, pnr: b.pnr });
    await enqueue(deps.sql, [{ topic: "refund_offered", bookingId: b.id }]);
    deps.notifier.noticeQueued?.();
  }
  return report;
}
