/**
 * What Contrail tells people about, and on which channels. In-app always; email and Web Push
 * by preference, except for operational messages about a person's own flights, which are
 * always sent: a passenger must hear that their flight is delayed, moved or cancelled.
 */

/** Every notification kind, in the order the preferences screen shows them. */
export const NOTIFICATION_KINDS = [
  "booking_confirmed",
  "booking_cancelled",
  "booking_refunded",
  "hold_expiring",
  "hold_expired",
  "waitlist_offer",
  "flight_delayed",
  "flight_gate_changed",
  "flight_cancelled",
  "flight_rebooked",
  "flight_boarding",
  "flight_schedule_changed",
  "seat_changed",
  "flight_refund_offered",
  "flight_message",
  "crew_assignment",
  "sign_in_alert",
  "booking_changed",
  // Operators and admins: a delay past the threshold, crew short, connections at risk.
  "ops_alert",
] as const;

/** One notification kind. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds whose email and push cannot be turned off. */
export const OPERATIONAL_KINDS: readonly NotificationKind[] = [
  "flight_delayed",
  "flight_gate_changed",
  "flight_cancelled",
  "flight_rebooked",
  "flight_schedule_changed",
  "seat_changed",
  "flight_refund_offered",
  "flight_message",
  // Security: repeated wrong passwords for the account.
  "sign_in_alert",
  // What an agent did to the passenger's own booking.
  "booking_changed",
];

/** A user's choice for one kind; in-app is not a choice. */
export interface ChannelChoice {
  email: boolean;
  push: boolean;
}

/** True for kinds whose channels the user may not switch off. */
export function isOperational(kind: NotificationKind): boolean {
  return OPERATIONAL_KINDS.includes(kind);
}

/** Defaults before a user chooses: everything on. */
export const DEFAULT_CHOICE: ChannelChoice = { email: true, push: true };

/** The channels a notification of `kind` goes to, given the user's stored choice (if any). */
export function channelsFor(
  kind: NotificationKind,
  stored: ChannelChoice | undefined,
): { inApp: true; email: boolean; push: boolean } {
  if (isOperational(kind)) return { inApp: true, email: true, push: true };
  const choice = stored ?? DEFAULT_CHOICE;
  return { inApp: true, email: choice.email, push: choice.push };
}

/** A flight status as the operations side reports it. */
export type FlightStatus =
  | "scheduled"
  | "boarding"
  | "departed"
  | "arrived"
  | "delayed"
  | "cancelled";

/** What a status change changed for passengers, most important first. */
export type StatusNews = "cancelled" | "delayed" | "gate" | "boarding";

/**
 * What a status change tells passengers. `event` is what the operator did (the published
 * change's kind): without it (an older outbox row) the status decides, so a gate change on a
 * flight that is already delayed is only a gate change when the event says so.
 */
export function statusNews(
  change: { status: FlightStatus; gate?: string; event?: string },
): StatusNews[] {
  if (change.status === "cancelled") return ["cancelled"];
  const news: StatusNews[] = [];
  const is = (event: string, status: FlightStatus) =>
    change.event ? change.event === event : change.status === status;
  if (is("delayed", "delayed")) news.push("delayed");
  // Only a flight still on the ground can change gate; the projector sends a gate only when new.
  if (change.gate && ["scheduled", "delayed", "boarding"].includes(change.status)) {
    news.push("gate");
  }
  if (is("boarding", "boarding")) news.push("boarding");
  return news;
}

const KIND_OF_NEWS: Record<StatusNews, NotificationKind> = {
  cancelled: "flight_cancelled",
  delayed: "flight_delayed",
  gate: "flight_gate_changed",
  boarding: "flight_boarding",
};

/** Which passenger notification a status change is, or undefined when passengers need none. */
export function kindForStatusChange(
  change: { status: FlightStatus; gate?: string; event?: string },
): NotificationKind | undefined {
  const [first] = statusNews(change);
  return first && KIND_OF_NEWS[first];
}
