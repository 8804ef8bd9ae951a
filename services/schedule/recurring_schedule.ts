/**
 * Recurring schedules: the same flight on chosen weekdays over a date range, as airlines
 * publish a seasonal schedule. The preview lists every dated flight with its instants
 * (DST-aware) and what would be skipped; creating writes them in one statement.
 */
import { AppError } from "../../domain/app_error.ts";
import {
  expandRecurrence,
  type LocalTimeCode,
  localTimeCode,
  MAX_SERIES_FLIGHTS,
  type Recurrence,
  type ResolvedFlight,
  resolveFlight,
} from "../../domain/schedule.ts";
import type { FieldProblem } from "../../domain/app_error.ts";
import { datesFlown, insertFlights, scheduleLookupsFor } from "../../db/schedule_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { Store } from "../../adapters/store.ts";
import { type Actor, auditEntry } from "../actor.ts";
import { bumpScheduleVersion } from "../flights/cache_keys.ts";

/** One dated flight of a series as the preview shows it. */
export interface PlannedFlight {
  date: string;
  departureLocal: string;
  arrivalLocal: string;
  departureAt?: string;
  arrivalAt?: string;
  /** Why this date cannot be created (it already flies, or its times do not exist). */
  problem?: string;
  /** `nonexistent_local_time` or `ambiguous_local_time` when a clock change is why. */
  code?: LocalTimeCode;
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
  const taken = await datesFlown(sql, {
    carrier: r.carrier,
    flightNumber: r.flightNumber,
    from: r.startDate,
    to: r.endDate,
  });
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
      const code = localTimeCode(one.problems);
      if (code) row.code = code;
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

/** The preview of a schedule: every dated flight, and how many would be created. */
export async function previewSeries(sql: Sql, r: Recurrence) {
  const { planned, resolved } = await planSeries(sql, r);
  return { count: resolved.length, skipped: planned.length - resolved.length, planned };
}

/** Creates a schedule's flights in one statement, audited; dates already flown are skipped. */
export async function createSeries(deps: { sql: Sql; store: Store }, actor: Actor, r: Recurrence) {
  const sql = deps.sql;
  const { planned, resolved } = await planSeries(sql, r);
  const seriesId = crypto.randomUUID();
  const outcomes = await insertFlights(sql, resolved, { seriesId });
  const ids = outcomes.flatMap((o) => ("id" in o ? [o.id] : []));
  if (ids.length) await bumpScheduleVersion(deps.store);
  await recordAudit(
    sql,
    auditEntry(actor, "flight.series_created", { type: "series", id: seriesId }, {
      schedule: r,
      created: ids.length,
    }),
  );
  const skipped: { date: string; problem: string; code?: LocalTimeCode }[] = planned.flatMap((
    { date, problem, code },
  ) => problem ? [{ date, problem, ...(code ? { code } : {}) }] : []);
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
