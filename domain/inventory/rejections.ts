import { AppError } from "../app_error.ts";
import type { CabinConflict, RejectionReason } from "./commands.ts";

const STATUS: Record<RejectionReason, number> = {
  invalid_request: 400,
  unknown_cabin: 422,
  unknown_seat: 422,
  wrong_cabin: 422,
  exit_row_not_eligible: 422,
  seat_taken: 409,
  seat_blocked: 409,
  not_enough_seats: 409,
  flight_closed: 409,
  hold_not_found: 409,
  hold_expired: 409,
  hold_id_in_use: 409,
  not_owner: 403,
  booking_not_found: 409,
  seat_not_in_booking: 422,
  seat_not_free: 409,
  seat_not_blocked: 409,
  seat_permanently_blocked: 409,
  authorization_below_demand: 409,
  aircraft_too_small: 409,
  illegal_transition: 409,
  invalid_times: 422,
  actual_time_in_future: 422,
  boarding_too_early: 422,
  departed_too_early: 422,
  departed_before_boarding: 422,
  arrival_not_after_departure: 422,
  no_change: 409,
  flight_has_bookings: 409,
  flight_retired: 404,
};

/**
 * An actor's refusal as a problem: the reason is the code, the seats are the fields, and
 * cabins that cannot take their passengers are listed as `conflicts`.
 */
export function rejectionError(
  r: { reason: RejectionReason; detail: string; seats?: string[]; conflicts?: CabinConflict[] },
): AppError {
  return new AppError(STATUS[r.reason], r.reason, {
    detail: r.detail,
    errors: r.seats?.map((s) => ({ path: "seats", message: s })),
    extensions: r.conflicts ? { conflicts: r.conflicts } : undefined,
  });
}
