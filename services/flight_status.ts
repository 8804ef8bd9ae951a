import {
  changesSchedule,
  decideStatus,
  type FlightStatusChanged,
  type StatusCommand,
} from "../domain/flight_status.ts";
import type { Clock } from "../domain/clock.ts";
import type { Sql } from "../db/postgres.ts";
import { getFlightStatusState, saveStatusChange } from "../db/flight_status_repo.ts";
import { appendStatusEvent } from "../db/realtime_kv.ts";
import { bumpScheduleVersion } from "./cache_keys.ts";
import { forgetFlightSummary } from "./flight_summaries.ts";
import type { Store } from "./store.ts";
import type { Logger } from "./log.ts";
import type { NotifierDeps } from "./notifier.ts";
import { enqueue } from "./notices.ts";

/** What publishing a status change needs. */
export interface StatusPublisherDeps {
  sql: Sql;
  kv: Deno.Kv;
  store: Store;
  clock: Clock;
  log: Logger;
  /** Where passenger and crew notices go; without it only the streams hear of the change. */
  notifier?: NotifierDeps;
}

/** The outcome of publishFlightStatus. */
export type PublishResult =
  | { ok: true; event: FlightStatusChanged; opsSeq: number }
  | {
    ok: false;
    code: "flight_not_found" | "illegal_transition" | "invalid_times" | "no_change";
    detail: string;
  };

const MAX_ATTEMPTS = 5;

/**
 * Publishes a status change: decides it against the flight's current status, stores it in
 * Postgres (the flights row, checked on its version, and the history), appends it to the
 * flight's status log and the ops log in KV (whose heads the SSE hubs watch), and drops the
 * caches that show the flight's times or status.
 */
export async function publishFlightStatus(
  deps: StatusPublisherDeps,
  flightId: string,
  cmd: StatusCommand,
  actorId?: string,
): Promise<PublishResult> {
  for (let attempt = 1;; attempt++) {
    const state = await getFlightStatusState(deps.sql, flightId);
    if (!state) return { ok: false, code: "flight_not_found", detail: "No such flight." };
    const decision = decideStatus(state, cmd, deps.clock.now().getTime());
    if (!decision.ok) return decision;
    if (!await saveStatusChange(deps.sql, decision.next, decision.event, actorId)) {
      // Another operator changed the flight meanwhile: decide again on what they did.
      if (attempt >= MAX_ATTEMPTS) throw new Error(`status of ${flightId} is too contended`);
      continue;
    }
    const event = decision.event;
    const opsSeq = await appendStatusEvent(deps.kv, event);
    forgetFlightSummary(deps.sql, flightId);
    if (changesSchedule(event)) {
      await bumpScheduleVersion(deps.store);
    }
    await afterPublish(deps, event);
    return { ok: true, event, opsSeq };
  }
}

/**
 * The one place a published status change goes beyond the streams: booked passengers and
 * assigned crew are told, through the notice outbox. The flight's version makes a real
 * repeat (10:00 → 11:00 → 10:00) a new notice while a retried publish of the same version
 * stays one.
 */
async function afterPublish(deps: StatusPublisherDeps, event: FlightStatusChanged): Promise<void> {
  if (!deps.notifier) return;
  await enqueue(deps.sql, [{
    topic: "flight_status",
    flightId: event.flightId,
    change: {
      status: event.status,
      reason: event.reason ?? undefined,
      estimatedDepartureAt: event.estimatedDepartureAt ?? undefined,
      estimatedArrivalAt: event.estimatedArrivalAt ?? undefined,
      // Only a new gate is news; boarding at the gate already announced is not a gate change.
      gate: event.gate !== event.previousGate ? event.gate ?? undefined : undefined,
      changeId: event.version,
    },
  }], new Date(event.at));
  deps.notifier.noticeQueued?.();
}
