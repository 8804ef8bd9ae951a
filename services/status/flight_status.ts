import {
  ACTUAL_TIME_RULES,
  changesSchedule,
  type FlightStatusChanged,
  type StatusCommand,
  type StatusRefusal,
} from "../../domain/flight_status.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Sql } from "../../db/postgres.ts";
import { publicStatus } from "../../db/inventory_kv.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import { ActorError } from "../../domain/actor_error.ts";
import type { Projector } from "../../actors/projector.ts";
import { bumpScheduleVersion } from "../flights/cache_keys.ts";
import { forgetFlightSummary } from "../flights/flight_summaries.ts";
import type { Store } from "../../adapters/store.ts";
import type { Logger } from "../../platform/log.ts";
import type { NotifierDeps } from "../../notifications/notifier.ts";

/** What publishing a status change needs. */
export interface StatusPublisherDeps {
  sql: Sql;
  kv: Deno.Kv;
  registry: ActorRegistry;
  projector: Projector;
  store: Store;
  clock: Clock;
  log: Logger;
  /** Told when the change's notices were queued, so they go out now. */
  notifier?: NotifierDeps;
}

/** The outcome of publishFlightStatus. */
export type PublishResult =
  | { ok: true; event: FlightStatusChanged }
  | {
    ok: false;
    code: "flight_not_found" | StatusRefusal;
    detail: string;
  };

const REFUSALS = new Set<string>([
  "illegal_transition",
  "invalid_times",
  "no_change",
  ...ACTUAL_TIME_RULES,
]);

/**
 * Publishes a status change through the flight's actor: decided against the status the
 * actor holds and committed with the flight's event log in one atomic KV write (the status
 * and ops logs the SSE hubs watch are in that write too). The projector brings it into
 * Postgres, with the history row and the passengers' and crew's notice; this waits for that,
 * so a read right after agrees, then drops the caches that show the flight's times or status.
 */
export async function publishFlightStatus(
  deps: StatusPublisherDeps,
  flightId: string,
  cmd: StatusCommand,
  actorId?: string,
): Promise<PublishResult> {
  const result = await deps.registry.send(flightId, {
    type: "ChangeStatus",
    change: cmd,
    ...(actorId ? { by: actorId } : {}),
  }).catch((err) => {
    if (err instanceof ActorError && err.code === "flight_not_found") return undefined;
    throw err;
  });
  if (!result || (!result.ok && result.reason === "flight_retired")) {
    return { ok: false, code: "flight_not_found", detail: "No such flight." };
  }
  if (!result.ok) {
    if (!REFUSALS.has(result.reason)) throw new Error(`status change refused: ${result.reason}`);
    return { ok: false, code: result.reason as StatusRefusal, detail: result.detail };
  }
  const logged = result.events[0];
  if (logged?.event.type !== "FlightStatusChanged") throw new Error("ChangeStatus made no event");
  const event = publicStatus(logged.event);
  await deps.projector.reach(flightId, result.seq);
  deps.notifier?.noticeQueued?.();
  forgetFlightSummary(deps.sql, flightId);
  if (changesSchedule(event)) await bumpScheduleVersion(deps.store);
  return { ok: true, event };
}
