/**
 * Alerts for operators: a flight delayed past a threshold, crew positions unfilled on a flight
 * departing within 24 h, bookings whose connection the flight's arrival no longer makes. Pure
 * rules; each alert carries a key that is the same every time its condition holds for the
 * flight, so delivery (at least once) reaches each operator once per flight and condition.
 */

/** Delays shorter than this (minutes) raise no alert unless configured otherwise. */
export const DEFAULT_DELAY_ALERT_MINUTES = 30;

/** How far ahead crew shortfalls raise an alert. */
export const CREW_ALERT_WINDOW_MS = 24 * 3_600_000;

/** What raises an alert. */
export type AlertCondition = "delay" | "crew_short" | "connections_at_risk";

/** One alert about one flight. */
export interface OpsAlert {
  condition: AlertCondition;
  flightId: string;
  /** Stable per flight and condition: the dedupe key of its delivery. */
  key: string;
  title: string;
  body: string;
}

/** A flight as the alert rules see it (ISO instants). */
export interface AlertFlight {
  flightId: string;
  /** "CT 804 FRA → LHR" */
  name: string;
  status: string;
  departureAt: string;
  estimatedDepartureAt: string | null;
}

/** An alert's stable key: one per flight and condition. */
export const opsAlertKey = (condition: string, flightId: string) =>
  `ops-alert:${condition}:${flightId}`;

const alert = (condition: AlertCondition, f: AlertFlight, title: string, body: string) => ({
  condition,
  flightId: f.flightId,
  key: opsAlertKey(condition, f.flightId),
  title,
  body,
});

/** A delay alert when the flight's expected departure is `thresholdMinutes` or more late. */
export function delayAlert(f: AlertFlight, thresholdMinutes = DEFAULT_DELAY_ALERT_MINUTES) {
  if (!f.estimatedDepartureAt || f.status === "cancelled") return undefined;
  const late = Math.round(
    (Date.parse(f.estimatedDepartureAt) - Date.parse(f.departureAt)) / 60_000,
  );
  if (late < thresholdMinutes) return undefined;
  return alert(
    "delay",
    f,
    `${f.name} delayed ${late} min`,
    `Now expected to depart at ${f.estimatedDepartureAt}.`,
  );
}

/** A crew alert when positions are unfilled and the flight departs within 24 h of `now`. */
export function crewShortAlert(f: AlertFlight, unfilled: number, now: number) {
  const departs = Date.parse(f.estimatedDepartureAt ?? f.departureAt);
  const soon = departs > now && departs - now <= CREW_ALERT_WINDOW_MS;
  if (!soon || unfilled <= 0 || f.status === "cancelled") return undefined;
  return alert("crew_short", f, `${f.name} short of crew`, `${unfilled} position(s) unfilled.`);
}

/** A connections alert when bookings on the flight no longer make their connection. */
export function connectionsAlert(f: AlertFlight, atRisk: number) {
  if (atRisk <= 0 || f.status === "cancelled") return undefined;
  return alert(
    "connections_at_risk",
    f,
    `${f.name}: ${atRisk} connection(s) at risk`,
    `${atRisk} booking(s) may miss their onward flight.`,
  );
}
