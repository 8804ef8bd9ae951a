import { type Projector, reconcileFlight } from "../../actors/projector.ts";
import type { Sql } from "../../db/postgres.ts";
import { flightOr404 } from "./flight_lookup.ts";

/** What reconciling a flight needs. */
export interface ReconcileDeps {
  sql: Sql;
  kv: Deno.Kv;
  projector: Projector;
}

/**
 * Compares a flight's live inventory in KV with its projection in Postgres (404 for no such
 * flight); with `project`, first brings Postgres up to the event head.
 */
export async function reconcile(deps: ReconcileDeps, flightId: string, project: boolean) {
  await flightOr404(deps.sql, flightId);
  const projected = project ? await deps.projector.project(flightId) : undefined;
  const report = await reconcileFlight(deps.kv, deps.sql, flightId);
  return { ...report, inSync: report.drift.length === 0, projected };
}
