import { type Context, Hono } from "hono";
import { AppError } from "../../domain/app_error.ts";
import {
  expandRecurrence,
  MAX_SERIES_FLIGHTS,
  type Recurrence,
  RecurrenceSchema,
  type ResolvedFlight,
  resolveFlight,
} from "../../domain/schedule.ts";
import type { FieldProblem } from "../../domain/app_error.ts";
import { insertFlights, scheduleLookupsFor } from "../../db/schedule_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { bumpScheduleVersion } from "../../services/flights/cache_keys.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { auditOf } from "./admin_support.ts";

/** One dated flight of a series as the preview shows it. */
export interface PlannedFlight {
  date: string;
  departureLocal: string;
  arrivalLocal: string;
  departureAt?: string;
  arrivalAt?: string;
  /** Why this date cannot be created (it already flies, or its times do not exist). */
  problem?: string;
}

/** What a recurring schedule would create: each dated flight, and those ready to insert. */
export async function planSeries(sql: Sql, r: Recurrence) {
  const inputs = expandRecurrence(r);
  if (inputs.length === 0) {
    throw new AppError(422, "empty_schedule", {
      detail: "None of the chosen weekdays falls between the start and end dates.",
    });
  }
  if (inputs.length > MAX_SERIES_FLIGHTS) {
    throw new AppError(422, "schedule_too_long", {
      detail: `A schedule creates at most ${MAX_SERIES_FLIGHTS} flights; this one has ` +
        `${inputs.length}.`,
    });
  }
  const lookups = await scheduleLookupsFor(sql, inputs.slice(0, 1));
  const taken = new Set(
    (await sql`
      SELECT to_char(departure_date, 'YYYY-MM-DD') AS d FROM flights
      WHERE carrier = ${r.carrier} AND flight_number = ${r.flightNumber}
        AND departure_date BETWEEN ${r.startDate} AND ${r.endDate}::date`).map((x) => x.d),
  );
  const resolved: ResolvedFlight[] = [];
  const planned: PlannedFlight[] = [];
  let shared: FieldProblem[] | undefined;
  for (const input of inputs) {
    const date = input.departureLocal.slice(0, 10);
    const one = resolveFlight(input, lookups);
    const row: PlannedFlight = {
      date,
      departureLocal: input.departureLocal,
      arrivalLocal: input.arrivalLocal,
    };
    if (!one.ok) {
      // Airports, aircraft and fares are the same for every date: one such problem is all.
      const general = one.problems.filter((p) => !p.path.endsWith("Local"));
      if (general.length) shared ??= general;
      row.problem = one.problems.map((p) => `${p.path}: ${p.message}`).join("; ");
    } else {
      row.departureAt = one.flight.departureAt.toISOString();
      row.arrivalAt = one.flight.arrivalAt.toISOString();
      if (taken.has(date)) row.problem = `${r.carrier} ${r.flightNumber} already flies that day`;
      else resolved.push(one.flight);
    }
    planned.push(row);
  }
  if (shared) {
    throw new AppError(422, "invalid_flight", {
      detail: "The schedule does not fit the airports, aircraft or fares it names.",
      errors: shared,
    });
  }
  return { planned, resolved };
}

/**
 * `/api/admin/flights/recurring[/preview]`: the same flight on chosen weekdays over a date
 * range, as airlines publish a seasonal schedule. The preview lists every dated flight with
 * its instants (DST-aware) and what would be skipped; creating writes them in one statement.
 */
export function adminScheduleRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .post("/flights/recurring/preview", validate("json", RecurrenceSchema), async (c) => {
      return c.json(await previewSeries(sql, c.req.valid("json")));
    })
    .post("/flights/recurring", validate("json", RecurrenceSchema), async (c) => {
      return c.json(await createSeries(deps, c, c.req.valid("json")), 201);
    });
}

/** The preview of a schedule (the body of `POST /flights/recurring/preview`). */
export async function previewSeries(sql: Sql, r: Recurrence) {
  const { planned, resolved } = await planSeries(sql, r);
  return { count: resolved.length, skipped: planned.length - resolved.length, planned };
}

/** Creates a schedule's flights in one statement (as `POST /flights/recurring`), audited. */
export async function createSeries(deps: AppDeps, c: Context<AppEnv>, r: Recurrence) {
  const sql = deps.db.sql;
  const { planned, resolved } = await planSeries(sql, r);
  const seriesId = crypto.randomUUID();
  const outcomes = await insertFlights(sql, resolved, seriesId);
  const ids = outcomes.flatMap((o) => ("id" in o ? [o.id] : []));
  if (ids.length) await bumpScheduleVersion(deps.store);
  await recordAudit(
    sql,
    auditOf(c, "flight.series_created", "series", seriesId, { schedule: r, created: ids.length }),
  );
  const skipped = planned.filter((p) => p.problem).map(({ date, problem }) => ({
    date,
    problem,
  }));
  // Flights created by someone else between plan and insert are skipped too.
  outcomes.forEach((o, i) => {
    if (!("id" in o)) {
      skipped.push({
        date: resolved[i].departureLocal.slice(0, 10),
        problem: `${r.carrier} ${r.flightNumber} already flies that day`,
      });
    }
  });
  return { seriesId, created: ids.length, flightIds: ids, skipped };
}
