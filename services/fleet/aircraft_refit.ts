/**
 * Refitting an airframe: fitting it with another cabin configuration of its type. The flights
 * it is assigned to that have not departed fly the seats it will have, so each of them gets
 * the same aircraft change an operator would make on the flight's page (passengers remapped
 * and told). Every one of them is decided first: if one could not carry its passengers,
 * nothing changes.
 */
import { AppError, notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import {
  type Aircraft,
  getAircraft,
  type UpcomingFlight,
  upcomingFlightsOfAircraft,
  updateAircraft,
} from "../../db/fleet_repo.ts";
import { getConfiguration } from "../../db/configurations_repo.ts";
import type { FlightAdminDeps } from "../flights/flight_admin.ts";
import { previewFlightAircraft } from "../flights/aircraft_change.ts";
import { changeAircraft } from "../flights/flight_controls.ts";
import type { Actor } from "../actor.ts";

/** What a refit needs: the operator changes of flights, and the time. */
export type RefitDeps = FlightAdminDeps & { clock: Clock };

/** At most this many flights move with one refit; more is refused (reassign some first). */
export const MAX_REFIT_FLIGHTS = 200;

/** A flight of the airframe as a refit reports it. */
export interface RefitFlight {
  id: string;
  carrier: string;
  flightNumber: string;
  departureAt: string;
}

/** What a refit did. */
export interface RefitOutcome {
  aircraft: Aircraft;
  /** False when the airframe already had that configuration. */
  changed: boolean;
  /** Flights moved onto the new configuration, with how many bookings changed seats. */
  flights: (RefitFlight & { bookingsMoved: number })[];
  /**
   * Flights whose change was refused after the check (seats sold in between): they keep the
   * old configuration, and the airframe, until an operator changes their aircraft.
   */
  refused: (RefitFlight & { code: string; detail: string })[];
}

const label = (f: RefitFlight) => `${f.carrier}${f.flightNumber} on ${f.departureAt.slice(0, 10)}`;
const brief = ({ id, carrier, flightNumber, departureAt }: UpcomingFlight): RefitFlight => ({
  id,
  carrier,
  flightNumber,
  departureAt,
});

/** The airframe and the configuration it is to get; 404 / 422 when either does not exist. */
async function target(deps: RefitDeps, registration: string, configCode: string) {
  const plane = await getAircraft(deps.sql, registration);
  if (!plane) throw notFound("Aircraft");
  if (!await getConfiguration(deps.sql, plane.typeCode, configCode)) {
    throw new AppError(422, "unknown_configuration", {
      detail: `Aircraft type ${plane.typeCode} has no configuration ${configCode}; ` +
        `${registration} can only be fitted with a configuration of its type.`,
    });
  }
  return plane;
}

/** The airframe's flights still to depart on another configuration, each decided as a change. */
async function flightsToMove(deps: RefitDeps, plane: Aircraft, configCode: string) {
  const now = deps.clock.now();
  const assigned = await upcomingFlightsOfAircraft(
    deps.sql,
    plane.registration,
    now,
    MAX_REFIT_FLIGHTS + 1,
  );
  if (assigned.total > MAX_REFIT_FLIGHTS) {
    throw new AppError(409, "refit_too_many_flights", {
      detail: `${plane.registration} is assigned to ${assigned.total} flights not yet departed; ` +
        `a refit moves at most ${MAX_REFIT_FLIGHTS}. Assign other aircraft to some first.`,
    });
  }
  const moving = assigned.first.filter((f) => f.configuration !== configCode);
  if (moving.length && !plane.active) {
    // An aircraft change names the airframe, and only one in service may be named.
    throw new AppError(409, "refit_refused", {
      detail: `${plane.registration} is not in service but still assigned to ` +
        `${assigned.total} flight(s) not yet departed; put it back in service or assign other ` +
        "aircraft to them first.",
    });
  }
  const request = { aircraftType: plane.typeCode, aircraftConfiguration: configCode };
  const short: string[] = [];
  for (const f of moving) {
    const preview = await previewFlightAircraft(deps, f.id, request);
    if (preview.possible) continue;
    const cabins = preview.shortfalls
      .map((s) => `${s.cabin}: ${s.needed} needed, ${s.available} seats`).join(", ");
    short.push(`${label(f)} (${cabins || preview.refusal?.detail || preview.refusal?.code})`);
  }
  if (short.length) {
    throw new AppError(409, "refit_refused", {
      detail: `Configuration ${configCode} cannot carry the passengers of ` +
        `${short.join("; ")}. Nothing changed: assign other aircraft to those flights first.`,
    });
  }
  return moving;
}

/**
 * Fits an airframe with another configuration of its type (audited), then changes the
 * aircraft of each of its flights not yet departed to it, through each flight's actor.
 * Refused with 409 `refit_refused`, changing nothing, when one of them could not carry its
 * passengers on the new layout.
 */
export async function refitAircraft(
  deps: RefitDeps,
  actor: Actor,
  input: { registration: string; configCode: string },
): Promise<RefitOutcome> {
  const plane = await target(deps, input.registration, input.configCode);
  if (plane.configCode === input.configCode) {
    return { aircraft: plane, changed: false, flights: [], refused: [] };
  }
  const moving = await flightsToMove(deps, plane, input.configCode);
  const aircraft = await deps.sql.begin(async (tx) => {
    const before = (await getAircraft(tx, plane.registration, true))!;
    const after = await updateAircraft(tx, plane.registration, {
      ...before,
      configCode: input.configCode,
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "aircraft.refitted",
      entityType: "aircraft",
      entityId: plane.registration,
      details: {
        before: { configCode: before.configCode },
        after: { configCode: after.configCode },
        flights: moving.map((f) => f.id),
      },
    });
    return after;
  });
  const outcome: RefitOutcome = { aircraft, changed: true, flights: [], refused: [] };
  for (const f of moving) {
    try {
      const request = { aircraftRegistration: plane.registration };
      const done = await changeAircraft(deps, actor, { flightId: f.id, request });
      outcome.flights.push({ ...brief(f), bookingsMoved: done.moved.length });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const detail = error.detail ?? error.title;
      outcome.refused.push({ ...brief(f), code: error.code, detail });
    }
  }
  return outcome;
}
