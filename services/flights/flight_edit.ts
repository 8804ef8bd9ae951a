import { AppError } from "../../domain/app_error.ts";
import type { FlightInput, ResolvedFlight } from "../../domain/schedule.ts";
import {
  type AdminFlight,
  flightNumberTaken,
  getAdminFlight,
  setFlightRegistration,
  updateFlightSchedule,
} from "../../db/admin_flights_repo.ts";
import { getAirportTz } from "../../db/airports_repo.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import { bumpScheduleVersion } from "./cache_keys.ts";
import { changeFlightAircraft } from "./aircraft_change.ts";
import {
  afterInventoryChange,
  assertRouteFree,
  editableFlight,
  type FlightAdminDeps,
  resolveOr422,
} from "./flight_admin.ts";
import { scheduleChangeCopy } from "../../notifications/flight_broadcast.ts";
import { enqueue } from "../../notifications/notices.ts";
import { forgetFlightSummary } from "./flight_summaries.ts";

/** What an edit changed, for the answer and the audit log. */
export interface EditOutcome {
  flight: AdminFlight;
  changes: ("number" | "route" | "times" | "aircraft" | "registration" | "fares")[];
  audit: Record<string, unknown>;
}

const sameFares = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => b[k] === v);

function diff(current: AdminFlight, next: ResolvedFlight): EditOutcome["changes"] {
  const changes: EditOutcome["changes"] = [];
  if (current.carrier !== next.carrier || current.flightNumber !== next.flightNumber) {
    changes.push("number");
  }
  if (current.origin !== next.origin || current.destination !== next.destination) {
    changes.push("route");
  }
  if (
    current.departureAt !== next.departureAt.toISOString() ||
    current.arrivalAt !== next.arrivalAt.toISOString()
  ) changes.push("times");
  if (
    current.aircraftType !== next.aircraftType ||
    current.aircraftConfiguration !== next.aircraftConfiguration
  ) changes.push("aircraft");
  else if (current.aircraftRegistration !== next.aircraftRegistration) changes.push("registration");
  if (!sameFares(current.baseFares, next.baseFares)) changes.push("fares");
  return changes;
}

async function assertNumberFree(deps: FlightAdminDeps, id: string, next: ResolvedFlight) {
  if (await flightNumberTaken(deps.sql, id, next)) {
    throw new AppError(409, "flight_exists", {
      detail: `${next.carrier} ${next.flightNumber} already flies on ` +
        `${next.departureLocal.slice(0, 10)}.`,
    });
  }
}

/**
 * Replaces a flight's schedule (PUT): everything is checked before anything changes, then the
 * aircraft (through the actor, which may refuse), the row, and fares and departure time
 * (through the actor). Passengers hear of new times. The currency cannot change: fares
 * already quoted and paid are in it.
 */
export async function editFlight(
  deps: FlightAdminDeps,
  id: string,
  input: FlightInput,
): Promise<EditOutcome> {
  const current = await editableFlight(deps.sql, id);
  // The same type named alone keeps the flight's configuration rather than its default.
  const keepConfig = input.aircraftConfiguration === undefined && !input.aircraftRegistration &&
    input.aircraftType === current.aircraftType;
  const next = await resolveOr422(
    deps.sql,
    keepConfig ? { ...input, aircraftConfiguration: current.aircraftConfiguration } : input,
  );
  if (next.currency !== current.currency) {
    throw new AppError(409, "currency_fixed", {
      detail: `This flight sells in ${current.currency}; its currency cannot change.`,
    });
  }
  await assertRouteFree(deps.sql, current, next);
  await assertNumberFree(deps, id, next);
  const changes = diff(current, next);
  if (changes.includes("aircraft")) {
    await changeFlightAircraft(deps, id, {
      aircraftType: next.aircraftType,
      aircraftConfiguration: next.aircraftConfiguration,
      aircraftRegistration: next.aircraftRegistration ?? undefined,
      baseFares: next.baseFares,
    });
  } else if (changes.includes("registration")) {
    await setFlightRegistration(deps.sql, id, next.aircraftRegistration);
  }
  if (!await updateFlightSchedule(deps.sql, id, next)) await assertNumberFree(deps, id, next);
  const retimed = changes.includes("times");
  if (retimed || changes.includes("fares")) {
    const result = await deps.registry.send(id, {
      type: "ConfigureFlight",
      baseFares: next.baseFares,
      departureAt: next.departureAt.getTime(),
    });
    if (!result.ok) throw rejectionError(result);
    await afterInventoryChange(deps, id, result.seq);
  } else if (changes.length) {
    forgetFlightSummary(deps.sql, id);
    await bumpScheduleVersion(deps.store);
  }
  const flight = (await getAdminFlight(deps.sql, id))!;
  if (retimed) {
    const copy = scheduleChangeCopy(
      { ...flight, origin: { iata: flight.origin, tz: await originTz(deps, flight.origin) } },
      flight.destination,
      current.departureLocal,
      next.departureAt,
    );
    await enqueue(deps.sql, [{
      topic: "flight_audience",
      flightId: id,
      notice: {
        kind: "flight_schedule_changed",
        ...copy,
        audience: "all",
        dedupeBase: `flight_schedule_changed:${id}:${flight.departureAt}`,
        data: { departureAt: flight.departureAt, arrivalAt: flight.arrivalAt },
      },
    }]);
    deps.notifier.noticeQueued?.();
  }
  return {
    flight,
    changes,
    audit: { changes, before: current, after: { ...next, departureAt: flight.departureAt } },
  };
}

async function originTz(deps: FlightAdminDeps, iata: string): Promise<string> {
  const tz = await getAirportTz(deps.sql, iata);
  // The flight row references the airport, so this is a broken database, not bad input.
  if (!tz) throw new Error(`airport ${iata} not found`);
  return tz;
}
