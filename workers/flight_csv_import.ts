import type { Tx } from "../db/postgres.ts";
import type { ClaimedJob, Rejection, StagedRow } from "../db/jobs_repo.ts";
import { insertFlights, scheduleLookupsFor, tryInsertFlights } from "../db/schedule_repo.ts";
import { describeProblems, flightInputFromRow } from "../domain/flight_csv.ts";
import { type FlightInput, type ResolvedFlight, resolveFlight } from "../domain/schedule.ts";

/** What one batch of rows came to. */
export interface BatchOutcome {
  accepted: number;
  rejections: Rejection[];
}

/**
 * Inserts the batch's flights tagged with their import; in a dry run inside a savepoint that is
 * rolled back, so duplicates are found by exactly the statement a real import runs, and nothing
 * stays.
 */
async function insertOrTry(tx: Tx, job: ClaimedJob, flights: ResolvedFlight[]) {
  if (job.input.dryRun !== true) return await insertFlights(tx, flights, { importJobId: job.id });
  return await tryInsertFlights(tx, flights);
}

/**
 * Imports one batch of staged flight CSV rows inside the caller's transaction: each row is
 * read against the job's header, validated, resolved against airports and fleet, and the valid
 * ones inserted together (a dry run only tries). Every other row gets a reason naming its
 * column, and keeps its fields for the rejected-rows download.
 */
export async function importFlightRows(
  tx: Tx,
  job: ClaimedJob,
  rows: StagedRow[],
): Promise<BatchOutcome> {
  const columns = job.input.columns as string[];
  const rejections: Rejection[] = [];
  const candidates: { line: number; input: FlightInput; fields: string[] }[] = [];
  for (const row of rows) {
    if (row.parseError !== null || !row.fields) {
      rejections.push({
        line: row.line,
        reason: row.parseError ?? "the row could not be read",
        fields: null,
        raw: row.raw ?? null,
        rawTruncated: row.rawTruncated === true,
      });
      continue;
    }
    const read = flightInputFromRow(columns, row.fields);
    if (read.ok) candidates.push({ line: row.line, input: read.input, fields: row.fields });
    else rejections.push({ line: row.line, reason: read.reason, fields: row.fields });
  }
  const lookups = await scheduleLookupsFor(tx, candidates.map((c) => c.input));
  const ready: { line: number; flight: ResolvedFlight; fields: string[] }[] = [];
  for (const { line, input, fields } of candidates) {
    const resolved = resolveFlight(input, lookups);
    if (resolved.ok) ready.push({ line, flight: resolved.flight, fields });
    else rejections.push({ line, reason: describeProblems(resolved.problems), fields });
  }
  const outcomes = await insertOrTry(tx, job, ready.map((r) => r.flight));
  let accepted = 0;
  outcomes.forEach((outcome, i) => {
    if ("id" in outcome) return void accepted++;
    const f = ready[i].flight;
    rejections.push({
      line: ready[i].line,
      fields: ready[i].fields,
      reason: `flight ${f.carrier} ${f.flightNumber} on ${
        f.departureLocal.slice(0, 10)
      } already exists`,
    });
  });
  rejections.sort((a, b) => a.line - b.line);
  return { accepted, rejections };
}
