/**
 * Staff changes to a passenger's booking: an agent cancels, checks in or moves seats for a
 * passenger, always with a reason. The airline's policy applies (a staff cancellation is
 * involuntary: the whole fare goes back), the passenger is told, and the audit log keeps who,
 * what and why. The passenger endpoints refuse staff (see ownBookingToChange).
 */
import { AppError } from "../../domain/app_error.ts";
import type { BookingView } from "../../domain/views/booking.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { enqueue } from "../../notifications/notices.ts";
import type { NotifierDeps } from "../../notifications/notifier.ts";
import { type Actor, auditEntry } from "../actor.ts";
import { cancelBooking, type CancellationDeps } from "./cancel_booking.ts";
import { changeSeats, type ChangeSeatsDeps } from "./change_seats.ts";
import { bookingFor, bookingWithLegs, currentBooking } from "./my_bookings.ts";
import { checkInBooking } from "../check_in/check_in.ts";

/** What staff changes need. */
export type StaffBookingDeps = CancellationDeps & ChangeSeatsDeps & { notifier: NotifierDeps };

const entity = (b: BookingView) => ({ type: "booking", id: b.id });

/** Tells the booking's owner what an agent did, through the notice outbox. */
async function tellPassenger(
  deps: StaffBookingDeps,
  booking: BookingView,
  what: { title: string; body: string; key: string },
) {
  if (!booking.userId) return;
  await enqueue(deps.sql, [{
    topic: "user",
    notice: {
      userId: booking.userId,
      kind: "booking_changed",
      title: what.title,
      body: what.body,
      data: { bookingId: booking.id, pnr: booking.pnr },
      dedupeKey: `booking_changed:${booking.id}:${what.key}`,
      email: { payload: { pnr: booking.pnr } },
    },
  }]);
  deps.notifier.noticeQueued?.();
}

/** An agent cancels a held or confirmed booking: full refund, passenger told, audited. */
export async function staffCancel(
  deps: StaffBookingDeps,
  actor: Actor,
  input: { bookingId: string; reason: string },
): Promise<{ booking: BookingView; refunded: number }> {
  const booking = await bookingFor(deps.sql, actor, input.bookingId);
  if (booking.status !== "held" && booking.status !== "confirmed") {
    throw new AppError(409, "not_cancellable", { detail: `This booking is ${booking.status}.` });
  }
  const refunded = await cancelBooking(deps, booking, true);
  await recordAudit(
    deps.sql,
    auditEntry(actor, "booking.cancelled_by_staff", entity(booking), {
      reason: input.reason,
      refunded,
      status: booking.status,
    }),
  );
  await enqueue(deps.sql, [{ topic: "booking_cancelled", bookingId: booking.id, refunded }]);
  deps.notifier.noticeQueued?.();
  return { booking: (await currentBooking(deps.sql, booking.id))!, refunded };
}

/** An agent checks a passenger in (as at the airport desk): passenger told, audited. */
export async function staffCheckIn(
  deps: StaffBookingDeps,
  actor: Actor,
  input: { bookingId: string; reason: string; flightId?: string; now: Date },
) {
  const { booking, legs } = await bookingWithLegs(deps.sql, actor, input.bookingId);
  const done = await checkInBooking(deps.sql, {
    booking,
    legs,
    flightId: input.flightId,
    now: input.now,
  });
  await recordAudit(
    deps.sql,
    auditEntry(actor, "booking.checked_in_by_staff", entity(booking), {
      reason: input.reason,
      flightIds: done.flightIds,
    }),
  );
  await tellPassenger(deps, booking, {
    title: `Booking ${booking.pnr}: checked in by our staff`,
    body: `An agent checked you in (${input.reason}). Your boarding passes are on your trip page.`,
    key: `checkin:${done.flightIds.join(",")}`,
  });
  return done;
}

/** An agent moves a held booking's seats on one flight: passenger told, audited. */
export async function staffChangeSeats(
  deps: StaffBookingDeps,
  actor: Actor,
  input: { bookingId: string; seats: string[]; flightId?: string; reason: string },
): Promise<BookingView> {
  const before = await bookingFor(deps.sql, actor, input.bookingId);
  const after = await changeSeats(deps, actor, { ...input, staff: true });
  const flightId = input.flightId ?? before.flightId;
  const from = before.segments.find((g) => g.flightId === flightId)?.seats ?? [];
  const to = after.segments.find((g) => g.flightId === flightId)?.seats ?? [];
  await recordAudit(
    deps.sql,
    auditEntry(actor, "booking.seats_changed_by_staff", entity(before), {
      reason: input.reason,
      flightId,
      from,
      to,
    }),
  );
  await tellPassenger(deps, before, {
    title: `Booking ${before.pnr}: your seats were changed`,
    body: `An agent moved you from ${from.join(", ")} to ${to.join(", ")} (${input.reason}).`,
    key: `seats:${flightId}:${to.join(",")}`,
  });
  return after;
}
