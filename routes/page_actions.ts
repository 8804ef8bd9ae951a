/**
 * Use cases in the form the admin pages call them, with their request's Context: each maps
 * the Context to the use case's Actor and input. The pages' restructure calls the services
 * directly; until then these keep the pages as they are.
 */
import type { Context } from "hono";
import type { FlightInput, Recurrence } from "../domain/schedule.ts";
import {
  createFlight as create,
  removeFlight as remove,
  saveFlight as save,
} from "../services/flights/manage_flights.ts";
import type { EditOutcome } from "../services/flights/flight_edit.ts";
import { createSeries as createRecurring } from "../services/schedule/recurring_schedule.ts";
import { acceptFlightUpload as accept } from "../services/schedule/flight_jobs.ts";
import type { StagedUpload } from "../services/schedule/flight_csv_upload.ts";
import { actorOf } from "./actor.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { adminDeps } from "./deps.ts";

/** The preview of a recurring schedule (services/schedule/recurring_schedule.ts). */
export { previewSeries } from "../services/schedule/recurring_schedule.ts";

/** Creates one flight for the page's operator; its id. */
export function createFlight(deps: AppDeps, c: Context<AppEnv>, input: FlightInput) {
  return create(adminDeps(deps), actorOf(c), input);
}

/** Edits a flight for the page's operator. */
export function saveFlight(
  deps: AppDeps,
  c: Context<AppEnv>,
  id: string,
  input: FlightInput,
): Promise<EditOutcome> {
  return save(adminDeps(deps), actorOf(c), { id, flight: input });
}

/** Deletes a flight nobody booked, for the page's operator. */
export function removeFlight(deps: AppDeps, c: Context<AppEnv>, id: string): Promise<void> {
  return remove(adminDeps(deps), actorOf(c), id);
}

/** Creates a recurring schedule's flights for the page's operator. */
export function createSeries(deps: AppDeps, c: Context<AppEnv>, r: Recurrence) {
  return createRecurring({ sql: deps.db.sql, store: deps.store }, actorOf(c), r);
}

/** Stages the request's streamed multipart CSV as a queued import job. */
export function acceptFlightUpload(
  deps: AppDeps,
  c: Context<AppEnv>,
  maxBytes?: number,
): Promise<StagedUpload> {
  return accept(
    { sql: deps.db.sql, clock: deps.clock, log: c.get("log"), jobs: deps.jobs },
    actorOf(c),
    {
      body: c.req.raw.body,
      contentType: c.req.header("content-type"),
      contentLength: Number(c.req.header("content-length") ?? 0),
      maxBytes,
    },
  );
}
