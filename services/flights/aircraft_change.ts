/**
 * Aircraft changes: another type, configuration or airframe on a flight. A change is a seat
 * remap in the flight's actor; its preview runs the same pure decision on the actor's current
 * inventory without sending anything, so it changes nothing.
 */
import { invalidInput } from "../../domain/app_error.ts";
import type {
  AircraftChanged,
  CabinConflict,
  ChangeAircraft,
  SeatMove,
} from "../../domain/inventory/commands.ts";
import { decideChangeAircraft } from "../../domain/inventory/configure.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import type { AdminFlight } from "../../domain/views/flight.ts";
import { getAdminFlight } from "../../db/admin_flights_repo.ts";
import { bookingPnrs } from "../../db/admin_pages_repo.ts";
import { listCrewWithoutRating } from "../../db/crew_assignments_repo.ts";
import { getAircraft, getAircraftType } from "../../db/fleet_repo.ts";
import { getConfiguration } from "../../db/configurations_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { enqueue } from "../../notifications/notices.ts";
import { afterInventoryChange, editableFlight, type FlightAdminDeps } from "./flight_admin.ts";

/** An aircraft change as the operator asks for it. */
export interface AircraftRequest {
  aircraftType?: string;
  /** A configuration of the type; without it, the airframe's or else the type's default. */
  aircraftConfiguration?: string;
  aircraftRegistration?: string;
  baseFares?: ChangeAircraft["baseFares"];
}

/** A booking whose seats an aircraft change moves (null: a seat at check-in). */
export interface BookingMove {
  bookingId: string;
  pnr: string;
  from: string[];
  to: (string | null)[];
}

/** What an aircraft change did. */
export interface AircraftOutcome {
  flight: AdminFlight;
  /** Bookings whose seats changed, with old and new seats (null: seat at check-in). */
  moved: BookingMove[];
  holdsMoved: number;
  unblocked: string[];
  /** Assigned crew without a rating for the new type. */
  crewWithoutRating: { crewId: string; name: string }[];
}

/** What an aircraft change would do, decided now on the flight's live inventory. */
export interface AircraftPreview {
  aircraftType: string;
  aircraftConfiguration: string;
  aircraftRegistration: string | null;
  /** False when the change would be refused; `refusal` then says why. */
  possible: boolean;
  refusal: { code: string; detail: string } | null;
  /** Cabins with more passengers than sellable seats on the new layout. */
  shortfalls: CabinConflict[];
  /** Passengers (sold seats) whose seat would change. */
  passengersAffected: number;
  moved: BookingMove[];
  holdsMoved: number;
  unblocked: string[];
  crewWithoutRating: { crewId: string; name: string }[];
}

/** The type, configuration and layout a request names; 422 when any of them does not exist. */
async function resolveAircraft(sql: Sql, req: AircraftRequest) {
  let type = req.aircraftType;
  let config = req.aircraftConfiguration;
  if (req.aircraftRegistration) {
    const plane = await getAircraft(sql, req.aircraftRegistration);
    const problem = !plane
      ? "unknown aircraft"
      : !plane.active
      ? "aircraft is not in service"
      : type && type !== plane.typeCode
      ? `${req.aircraftRegistration} is a ${plane.typeCode}, not a ${type}`
      : config && config !== plane.configCode
      ? `${req.aircraftRegistration} has configuration ${plane.configCode}, not ${config}`
      : undefined;
    if (problem) throw invalidInput([{ path: "aircraftRegistration", message: problem }]);
    type = plane!.typeCode;
    config = plane!.configCode;
  }
  const row = await getAircraftType(sql, type ?? "");
  if (!row) throw invalidInput([{ path: "aircraftType", message: "unknown aircraft type" }]);
  const found = await getConfiguration(sql, row.code, config ?? row.defaultConfiguration);
  if (!found) {
    throw invalidInput([{
      path: "aircraftConfiguration",
      message: `the ${row.code} has no configuration ${config}`,
    }]);
  }
  return { type: row.code, configuration: found.code, layout: found.layout };
}

async function commandFor(sql: Sql, flightId: string, req: AircraftRequest) {
  await editableFlight(sql, flightId);
  const { type, configuration, layout } = await resolveAircraft(sql, req);
  const cmd: ChangeAircraft = {
    type: "ChangeAircraft",
    aircraftType: type,
    configuration,
    registration: req.aircraftRegistration ?? null,
    layout,
    baseFares: req.baseFares ?? {},
  };
  return cmd;
}

const changedSeats = (m: SeatMove) => m.to.some((to, i) => to !== m.from[i]);

async function movesOf(sql: Sql, e: AircraftChanged) {
  const moves = e.moves.filter(changedSeats);
  const sales = moves.filter((m) => m.kind === "sale");
  const pnrs = await bookingPnrs(sql, sales.map((m) => m.ref));
  const moved = sales.map((m) => ({
    bookingId: m.ref,
    pnr: pnrs[m.ref] ?? "",
    from: m.from,
    to: m.to,
  }));
  return { moves, moved, holdsMoved: moves.filter((m) => m.kind === "hold").length };
}

/**
 * Decides an aircraft change on the flight's current inventory without sending it: who would
 * move where, which cabins would be short, which assigned crew hold no rating for the type.
 * Seats may still be sold or held before the change is confirmed.
 */
export async function previewFlightAircraft(
  deps: FlightAdminDeps,
  flightId: string,
  req: AircraftRequest,
): Promise<AircraftPreview> {
  const cmd = await commandFor(deps.sql, flightId, req);
  const inv = await deps.registry.inventory(flightId);
  const decision = decideChangeAircraft(inv, cmd);
  const crewWithoutRating = await listCrewWithoutRating(deps.sql, flightId, cmd.aircraftType);
  const base = {
    aircraftType: cmd.aircraftType,
    aircraftConfiguration: cmd.configuration,
    aircraftRegistration: cmd.registration,
    crewWithoutRating,
  };
  const e = decision.ok ? decision.events[0] : undefined;
  if (e?.type !== "AircraftChanged") {
    const refused = decision.ok ? undefined : decision;
    return {
      ...base,
      possible: false,
      refusal: { code: refused?.reason ?? "invalid_request", detail: refused?.detail ?? "" },
      shortfalls: refused?.conflicts ?? [],
      passengersAffected: 0,
      moved: [],
      holdsMoved: 0,
      unblocked: [],
    };
  }
  const { moved, holdsMoved } = await movesOf(deps.sql, e);
  return {
    ...base,
    possible: true,
    refusal: null,
    shortfalls: [],
    passengersAffected: moved.reduce((n, m) => n + m.from.length, 0),
    moved,
    holdsMoved,
    unblocked: e.unblocked,
  };
}

/**
 * Puts another aircraft on a flight through its actor: sold and held seats are remapped by
 * cabin and seat kind, each passenger whose seats changed is told, and the flights row follows.
 * Refused with 409 `aircraft_too_small` and the short cabins when it cannot carry everyone.
 */
export async function changeFlightAircraft(
  deps: FlightAdminDeps,
  flightId: string,
  req: AircraftRequest,
): Promise<AircraftOutcome> {
  const cmd = await commandFor(deps.sql, flightId, req);
  const result = await deps.registry.send(flightId, cmd);
  if (!result.ok) throw rejectionError(result);
  const logged = result.events[0];
  if (logged?.event.type !== "AircraftChanged") throw new Error("ChangeAircraft made no event");
  await afterInventoryChange(deps, flightId, result.seq);
  const { moves, moved, holdsMoved } = await movesOf(deps.sql, logged.event);
  if (moves.length) {
    await enqueue(deps.sql, [{ topic: "seat_changes", flightId, moves, changeId: logged.seq }]);
    deps.notifier.noticeQueued?.();
  }
  return {
    flight: (await getAdminFlight(deps.sql, flightId))!,
    moved,
    holdsMoved,
    unblocked: logged.event.unblocked,
    crewWithoutRating: await listCrewWithoutRating(deps.sql, flightId, cmd.aircraftType),
  };
}
