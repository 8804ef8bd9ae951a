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
import { SCHEDULE_VERSION_KEY } from "./cache_keys.ts";
import { forgetFlightSummary } from "./flight_summaries.ts";
import type { Store } from "./store.ts";
import type { Logger } from "./log.ts";

/** What publishing a status change needs. */
export interface StatusPublisherDeps {
  sql: Sql;
  kv: Deno.Kv;
  store: Store;
  clock: Clock;
  log: Logger;
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
// The schedule version is a counter in the store; it must outlive every cached search.
const SCHEDULE_VERSION_TTL_MS = 365 * 24 * 3600_000;

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
      await deps.store.increment(SCHEDULE_VERSION_KEY, SCHEDULE_VERSION_TTL_MS);
    }
    await afterPublish(deps, event);
    return { ok: true, event, opsSeq };
  }
}

/**
 * The one place a published status change goes beyond the streams: passenger and crew
 * notifications are wired here (`notifyFlightStatusChange`, built separately). A failure
 * there must not undo the published change, so it is logged, not thrown.
 */
async function afterPublish(deps: StatusPublisherDeps, event: FlightStatusChanged): Promise<void> {
  try {
    // await notifyFlightStatusChange(deps, event);
    await Promise.resolve(event);
  } catch (err) {
    deps.log.error("status change notifications failed", {
      flightId: event.flightId,
      version: event.version,
      error: err,
    });
  }
}
