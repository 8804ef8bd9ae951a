/**
 * Operations alerts: evaluated when something happens to a flight (a status change) and by a
 * bounded sweep for crew shortfalls, delivered once per flight, condition and operator as an
 * in-app notification (kind ops_alert; the bell's stream pushes it live).
 */
import { shortfall } from "../../domain/crew/complement.ts";
import { flightDeckCrew } from "../../domain/crew/augmented.ts";
import type { CrewRole } from "../../domain/crew/model.ts";
import {
  connectionsAlert,
  CREW_ALERT_WINDOW_MS,
  crewShortAlert,
  DEFAULT_DELAY_ALERT_MINUTES,
  delayAlert,
  type OpsAlert,
} from "../../domain/ops_alerts.ts";
import { countConnections } from "../../db/flight_audience_repo.ts";
import { storeNotification } from "../../db/notifications_repo.ts";
import { appendOpsAlert } from "../../db/realtime_kv.ts";
import {
  alertFacts,
  flightsDepartingBetween,
  listOpsAlerts,
  listStaffIds,
} from "../../db/ops_board_repo.ts";
import type { OpsAlertItem } from "../../domain/views/ops.ts";

/** An operator's newest alerts, for the board's panel. */
export function recentOpsAlerts(sql: Sql, userId: string): Promise<OpsAlertItem[]> {
  return listOpsAlerts(sql, userId);
}
import type { Sql } from "../../db/postgres.ts";

/** What alerting needs. */
export interface OpsAlertDeps {
  sql: Sql;
  kv: Deno.Kv;
  /** Delays of at least this many minutes alert (default 30). */
  delayAlertMinutes?: number;
}

/**
 * Stores each alert for every operator and admin once and publishes it on the ops stream the
 * first time it is stored (the dedupe keys keep a repeat off both); returns the notifications
 * made.
 */
export async function deliverOpsAlerts(deps: OpsAlertDeps, alerts: OpsAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  let made = 0;
  const staff = await listStaffIds(deps.sql);
  for (const a of alerts) {
    let stored: string | undefined;
    for (const userId of staff) {
      const { notification } = await storeNotification(deps.sql, deps.kv, {
        userId,
        kind: "ops_alert",
        title: a.title,
        body: a.body,
        data: { flightId: a.flightId, condition: a.condition },
        dedupeKey: `${a.key}:${userId}`,
      });
      if (!notification) continue;
      made++;
      stored ??= notification.createdAt;
    }
    if (stored) await publishAlert(deps.kv, a, stored);
  }
  return made;
}

// The positions a flight still lacks, its flight deck sized by its block time (augmented).
function unfilledPositions(
  f: { seats: number; crew: CrewRole[]; block: Parameters<typeof flightDeckCrew>[0] },
) {
  return shortfall(f.seats, f.crew, flightDeckCrew(f.block)).positions.length;
}

/** Every alert that holds for a flight at `now` (none for a flight that does not exist). */
export async function flightAlerts(deps: OpsAlertDeps, flightId: string, now: number) {
  const f = await alertFacts(deps.sql, flightId);
  if (!f) return [];
  const { atRisk } = await countConnections(deps.sql, flightId);
  const unfilled = unfilledPositions(f);
  return [
    delayAlert(f, deps.delayAlertMinutes ?? DEFAULT_DELAY_ALERT_MINUTES),
    crewShortAlert(f, unfilled, now),
    connectionsAlert(f, atRisk),
  ].filter((a): a is OpsAlert => a !== undefined);
}

/** Evaluates and delivers a flight's alerts (after its status changed). */
export async function alertOnFlight(deps: OpsAlertDeps, flightId: string, now: number) {
  return await deliverOpsAlerts(deps, await flightAlerts(deps, flightId, now));
}

/**
 * Crew shortfalls of flights departing within 24 h, a batch at a time in departure order
 * (flat memory however many flights): returns the notifications made.
 */
export async function sweepCrewShortfalls(deps: OpsAlertDeps, now: number, batch = 200) {
  const window = { from: new Date(now), to: new Date(now + CREW_ALERT_WINDOW_MS) };
  let after: { at: Date; id: string } | undefined;
  let made = 0;
  for (;;) {
    const flights = await flightsDepartingBetween(deps.sql, { ...window, after, limit: batch });
    for (const { id } of flights) {
      const f = await alertFacts(deps.sql, id);
      const a = f && crewShortAlert(f, unfilledPositions(f), now);
      if (a) made += await deliverOpsAlerts(deps, [a]);
    }
    if (flights.length < batch) return made;
    after = flights.at(-1);
  }
}

function publishAlert(kv: Deno.Kv, a: OpsAlert, createdAt: string) {
  const { key, flightId, condition, title, body } = a;
  return appendOpsAlert(kv, { key, flightId, condition, title, body, createdAt });
}
