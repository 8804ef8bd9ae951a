import type { Tx } from "../db/postgres.ts";
import type { ClaimedJob, Rejection, StagedRow } from "../db/jobs_repo.ts";
import { insertFlights, scheduleLookupsFor } from "../db/schedule_repo.ts";
import { describeProblems, flightInputFromRow } from "../domain/flight_csv.ts";
import { type FlightInput, type ResolvedFlight, resolveFlight } from "../domain/schedule.ts";

/** What one batch of rows came to. */
export interface BatchOutcome {
  accepted: number;
  rejections: Rejection[];
}

/**
 * Imports one batch of staged flight CSV rows inside the caller's transaction: each row is
 * read against the job's header, validated, resolved against airports and fleet, and the valid
 * ones inserted together. Every other row gets a reason naming its column.
 */
export async function importFlightRows(
  tx: Tx,
  job: ClaimedJob,
  rows: StagedRow[],
): Promise<BatchOutcome> {
  const columns = job.input.columns as string[];
  const rejections: Rejection[] = [];
  const candidates: { line: number; input: FlightInput }[] = [];
  for (const row of rows) {
    if (row.parseError !== null || !row.fields) {
      rejections.push({ line: row.line, reason: row.parseError ?? "the row could not be read" });
      continue;
    }
    const read = flightInputFromRow(columns, row.fields);
    if (read.ok) candidates.push({ line: row.line, input: read.input });
    else rejections.push({ line: row.line, reason: read.reason });
  }
  const lookups = await scheduleLookupsFor(tx, candidates.map((c) => c.input));
  const ready: { line: number; flight: ResolvedFlight }[] = [];
  for (const { line, input } of candidates) {
    const resolved = resolveFlight(input, lookups);
    if (resolved.ok) ready.push({ line, flight: resolved.flight });
    else rejections.push({ line, reason: describeProblems(resolved.problems) });
  }
  const outcomes = await insertFlights(tx, ready.map((r) => r.flight));
  let accepted = 0;
  outcomes.forEach((outcome, i) => {
    if ("id" in outcome) return void accepted++;
    const f = ready[i].flight;
    rejections.push({
      line: ready[i].line,
      reason: `flight ${f.carrier} ${f.flightNumber} on ${
        f.departureLocal.slice(0, 10)
      } already exists`,
    });
  });
  rejections.sort((a, b) => a.line - b.line);
  return { accepted, rejections };
}
