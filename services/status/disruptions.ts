import { notFound } from "../../domain/app_error.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { listReaccommodations } from "../../db/reaccommodation_repo.ts";
import { type Actor, auditEntry } from "../actor.ts";
import { reaccommodate, type ReaccommodationDeps } from "./reaccommodation.ts";

/**
 * Runs involuntary reaccommodation of a cancelled flight again at an operator's request (it
 * runs by itself on cancellation; again is safe), audited.
 */
export async function reaccommodateAgain(
  deps: ReaccommodationDeps,
  actor: Actor,
  flightId: string,
) {
  const report = await reaccommodate(deps, flightId);
  await recordAudit(
    deps.sql,
    auditEntry(actor, "flight.reaccommodated", { type: "flight", id: flightId }, {
      rebooked: report.rebooked.length,
      refundOffered: report.refundOffered.length,
    }),
  );
  return report;
}

/** Each passenger's rebooking or refund offer after a flight's cancellation; 404 if no flight. */
export async function reaccommodationOutcomes(sql: Sql, flightId: string) {
  if (!await getFlight(sql, flightId)) throw notFound("Flight");
  return { flightId, data: await listReaccommodations(sql, flightId) };
}
