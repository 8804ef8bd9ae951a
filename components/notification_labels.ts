import type { NotificationKind } from "../domain/notification_kinds.ts";

/** Each notification kind as people read it (preferences, lists). */
export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  booking_confirmed: "Booking confirmed",
  booking_cancelled: "Booking cancelled",
  booking_refunded: "Booking refunded",
  hold_expiring: "Seat hold about to expire",
  hold_expired: "Seat hold expired",
  waitlist_offer: "Waitlist seats offered",
  flight_delayed: "Flight delayed",
  flight_gate_changed: "Gate changed",
  flight_cancelled: "Flight cancelled",
  flight_rebooked: "Rebooked onto another flight",
  flight_boarding: "Boarding started",
  flight_schedule_changed: "Schedule changed",
  seat_changed: "Seat changed",
  flight_refund_offered: "Refund offered",
  flight_message: "Message about your flight",
  sign_in_alert: "Failed sign-in attempts",
  booking_changed: "Changes our staff made to your booking",
  crew_assignment: "Crew assignment",
  ops_alert: "Operations alerts (delays, crew short, connections at risk)",
};
