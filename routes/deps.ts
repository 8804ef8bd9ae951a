/** The use cases' dependencies, taken from the app's: one adapter per service family. */
import type { FlightAdminDeps } from "../services/flights/flight_admin.ts";
import type { ReaccommodationDeps } from "../services/status/reaccommodation.ts";
import type { CrewDeps } from "../services/crew/crew_assignment.ts";
import type { PositioningDeps } from "../services/crew/crew_positioning.ts";
import type { PayBookingDeps } from "../services/payments/pay_booking.ts";
import type { FleetAdminDeps } from "../services/fleet/fleet_admin.ts";
import type { FlightUploadDeps, UploadRequest } from "../services/schedule/flight_jobs.ts";
import type { UndoRequestDeps } from "../services/schedule/import_undo.ts";
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "./context.ts";

/** What the operator services need. */
export function adminDeps(deps: AppDeps): FlightAdminDeps {
  return {
    sql: deps.db.sql,
    kv: deps.kv,
    registry: deps.registry,
    projector: deps.projector,
    store: deps.store,
    log: deps.log,
    notifier: deps.notifier,
  };
}

/** What reaccommodation (and so a status change) needs. */
export function reaccommodationDeps(deps: AppDeps): ReaccommodationDeps {
  return {
    sql: deps.db.sql,
    kv: deps.kv,
    registry: deps.registry,
    projector: deps.projector,
    clock: deps.clock,
    log: deps.log,
    notifier: deps.notifier,
  };
}

/** What a status change needs (reaccommodation, the cache store, the alert threshold). */
export function statusChangeDeps(deps: AppDeps) {
  return {
    ...reaccommodationDeps(deps),
    store: deps.store,
    delayAlertMinutes: deps.config.opsDelayAlertMinutes,
  };
}

/** What crew assignment needs. */
export function crewDeps(deps: AppDeps): CrewDeps {
  return { sql: deps.db.sql, clock: deps.clock, log: deps.log, notifier: deps.notifier };
}

/** What accepting a crew plan with positioning legs needs: crew deps and the flights' actors. */
export function positioningDeps(deps: AppDeps): PositioningDeps {
  return { ...crewDeps(deps), registry: deps.registry, projector: deps.projector };
}

/** What payBooking needs. */
export function payDeps(deps: AppDeps): PayBookingDeps {
  return { ...deps, sql: deps.db.sql, paymentTokenKey: deps.config.paymentTokenKey! };
}

/** What the fleet and airport services need. */
export function fleetDeps(deps: AppDeps): FleetAdminDeps {
  return { sql: deps.db.sql, store: deps.store, clock: deps.clock, log: deps.log };
}

/** What staging a CSV upload as a job needs: the request's log and the job runner to kick. */
export function uploadDeps(deps: AppDeps, c: Context<AppEnv>): FlightUploadDeps {
  return { sql: deps.db.sql, clock: deps.clock, log: c.get("log"), jobs: deps.jobs };
}

/** What queueing an import's undo needs. */
export function undoDeps(deps: AppDeps): UndoRequestDeps {
  return { sql: deps.db.sql, clock: deps.clock, jobs: deps.jobs };
}

/** The request's streamed multipart body, as the upload use case reads it. */
export function streamedUpload(c: Context<AppEnv>, maxBytes?: number): UploadRequest {
  return {
    body: c.req.raw.body,
    contentType: c.req.header("content-type"),
    contentLength: Number(c.req.header("content-length") ?? 0),
    maxBytes,
    dryRun: ["true", "1"].includes(c.req.query("dryRun") ?? ""),
  };
}
