import { AppError } from "../../domain/app_error.ts";
import { refundShare } from "../../domain/booking.ts";
import type { Clock } from "../../domain/clock.ts";
import { rejectionError } from "../../domain/inventory/rejections.ts";
import { type BookingView, listTicketedFlightIds } from "../../db/bookings_repo.ts";
import { recordRefund, setBookingStatus, succeededCharge } from "../../db/payments_repo.ts";
import { enqueue } from "../../notifications/notices.ts";
import { isInvoluntary, markRefunded } from "../../db/reaccommodation_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import type { Projector } from "../../actors/projector.ts";
import type { PaymentGateway } from "../../adapters/payment_gateway.ts";
import { bookingCounters, paymentCounters } from "../../platform/app_metrics.ts";
import type { NotifierDeps } from "../../notifications/notifier.ts";
import type { Store } from "../../adapters/store.ts";
import { endTripGrants } from "../trips/trip_grants.ts";

/** What cancelling a booking needs. */
export interface CancellationDeps {
  sql: Sql;
  kv: Deno.Kv;
  registry: ActorRegistry;
  projector: Projector;
  gateway: PaymentGateway;
  clock: Clock;
  /** Where the booking's guest trip grants are ended. */
  store: Store;
}

/** The flights a confirmed booking owns seats on: its confirmed segments and any other leg it
 * has coupons to fly on. */
async function bookedFlights(sql: Sql, booking: BookingView): Promise<string[]> {
  const confirmed = booking.segments.filter((g) => g.status === "confirmed").map((g) => g.flightId);
  return [...new Set([...confirmed, ...await listTicketedFlightIds(sql, booking.id)])];
}

/** The share of a paid fare that cancelling now gives back, and whether the airline caused it. */
async function refundTerms(deps: CancellationDeps, booking: BookingView, byAirline = false) {
  // The airline cancelling (a staff cancellation, or a flight it cancelled or moved) refunds all.
  const involuntary = byAirline || await isInvoluntary(deps.sql, booking.id);
  const inv = await deps.registry.inventory(booking.flightId);
  const share = involuntary ? 1 : refundShare(inv.state.departureAt - deps.clock.now().getTime());
  return { involuntary, share };
}

/** What cancelling a booking now would refund, for a confirmation step before it happens. */
export async function refundQuote(
  deps: CancellationDeps,
  booking: BookingView,
): Promise<{ paid: number; refund: number; share: number; involuntary: boolean }> {
  const charge = booking.status === "confirmed"
    ? await succeededCharge(deps.sql, booking.id)
    : undefined;
  if (!charge) return { paid: 0, refund: 0, share: 0, involuntary: false };
  const { involuntary, share } = await refundTerms(deps, booking);
  return { paid: charge.amount, refund: Math.round(charge.amount * share), share, involuntary };
}

/**
 * Cancels a held or confirmed booking, the whole journey: seats go back on every flight it holds
 * or owns them on (through each flight's actor), and a paid booking is refunded by the fare rule
 * on its total (the first flight's departure decides), or in full when the airline cancelled or
 * moved a flight of it. Every guest trip grant of it ends (a new lookup still shows the
 * cancelled trip). Returns the amount refunded.
 */
export async function cancelBooking(
  deps: CancellationDeps,
  booking: BookingView,
  byAirline = false,
): Promise<number> {
  const held = booking.segments.filter((g) => g.status === "held" && g.holdId);
  const flights = booking.status === "held"
    ? held.map((g) => g.flightId)
    : await bookedFlights(deps.sql, booking);
  let freed = false;
  for (const flightId of flights) {
    const hold = held.find((g) => g.flightId === flightId);
    const result = booking.status === "held"
      ? await deps.registry.send(flightId, {
        type: "ReleaseHold",
        holdId: hold!.holdId!,
        owner: booking.userId!,
      })
      : await deps.registry.send(flightId, { type: "CancelSeats", bookingId: booking.id });
    // A leg given back by an earlier, interrupted attempt (or whose hold lapsed meanwhile) has
    // nothing left to give back.
    const gone = result.ok ? false : result.reason === "booking_not_found" ||
      result.reason === "hold_not_found";
    if (!result.ok && !(gone && flights.length > 1)) throw rejectionError(result);
    if (result.ok && result.events.length > 0) freed = true;
    // The booking's status below must not race the projection of its released seats.
    if (result.ok) await deps.projector.reach(flightId, result.seq);
  }
  let refunded = 0;
  const charge = booking.status === "confirmed"
    ? await succeededCharge(deps.sql, booking.id)
    : undefined;
  if (charge && freed) {
    const { involuntary, share } = await refundTerms(deps, booking, byAirline);
    refunded = Math.round(charge.amount * share);
    if (refunded > 0) {
      const refund = await deps.gateway.refund({
        reference: charge.gateway_ref,
        amount: refunded,
        idempotencyKey: `refund:${charge.id}`,
      });
      paymentCounters.refunded.inc();
      await recordRefund(deps.sql, {
        chargeId: charge.id,
        bookingId: booking.id,
        amount: refunded,
        currency: charge.currency,
        gatewayRef: refund.reference,
        full: refunded === charge.amount,
      });
    }
    if (involuntary) await markRefunded(deps.sql, booking.id);
  }
  await setBookingStatus(deps.sql, booking.id, refunded > 0 ? "refunded" : "cancelled");
  await endTripGrants(deps.store, [booking.id], deps.clock.now().getTime());
  bookingCounters.cancelled.inc();
  return refunded;
}

/**
 * Cancels a booking at its owner's request (held or confirmed, else 409) and queues the
 * notice that tells them.
 */
export async function cancelOnRequest(
  deps: CancellationDeps & { notifier: NotifierDeps },
  booking: BookingView,
): Promise<number> {
  if (booking.status !== "held" && booking.status !== "confirmed") {
    throw new AppError(409, "not_cancellable", { detail: `This booking is ${booking.status}.` });
  }
  const refunded = await cancelBooking(deps, booking);
  await enqueue(deps.sql, [{ topic: "booking_cancelled", bookingId: booking.id, refunded }]);
  deps.notifier.noticeQueued?.();
  return refunded;
}
