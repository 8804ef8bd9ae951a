import bwipjs from "bwip-js";
import { AppError } from "../../domain/app_error.ts";
import { type BoardingPassLeg, encodeBcbpLegs } from "../../domain/bcbp.ts";
import { CHECKIN_OPENS_MS, checkInWindow } from "../../domain/check_in.ts";
import { returnStart, segmentTimes } from "../../domain/journey.ts";
import type { BookedLeg, BookingView } from "../../domain/views/booking.ts";
import { checkInCoupons, listTravelCoupons, type TravelCoupon } from "../../db/bookings_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** One passenger's boarding pass: the BCBP string and its PDF417 barcode as SVG markup. */
export interface BoardingPass {
  ticket: string;
  passenger: string;
  /** The flight the pass is for; a multi-leg pass lists every leg's flight. */
  flightIds: string[];
  seat: string | null;
  sequence: number | null;
  bcbp: string;
  barcode: { format: "pdf417"; svg: string };
  /** Each flight's seat and check-in sequence, in the order of `flightIds`. */
  coupons: { flightId: string; seat: string; sequence: number }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The legs one check-in covers: `start` and, through check-in, every later leg of the same
 * direction (up to a round trip's way back) that leaves within 24 hours of `now`.
 */
export function throughLegs(legs: BookedLeg[], start: number, now: number): number[] {
  const back = returnStart(legs.map((l) => segmentTimes(l.flight))) ?? legs.length;
  const end = start < back ? back : legs.length;
  const covered = [start];
  for (let i = start + 1; i < end; i++) {
    if (Date.parse(legs[i].flight.departureAt) - now > DAY_MS) break;
    covered.push(i);
  }
  return covered;
}

/**
 * Checks in every open coupon (or `passengers`' only, by position) of a paid booking on one of
 * its flights (`flightId`, by default the next it has open coupons on) while that flight's
 * window is open (24 h to 45 min before departure), and on the connecting flights after it that leave within 24 hours (through
 * check-in); never on a cancelled flight. Idempotent. Refusals are 409 AppErrors (422 for a
 * flight not in the booking).
 */
export async function checkInBooking(
  sql: Sql,
  p: {
    booking: BookingView;
    legs: BookedLeg[];
    flightId?: string;
    passengers?: number[];
    now: Date;
  },
): Promise<{ flightIds: string[]; coupons: TravelCoupon[] }> {
  const { booking, legs, now } = p;
  if (booking.status !== "confirmed") {
    throw new AppError(409, "not_confirmed", { detail: "Only a paid booking can check in." });
  }
  if (p.passengers?.some((i) => !booking.passengers[i]) || p.passengers?.length === 0) {
    throw new AppError(422, "not_in_booking", {
      detail: "Choose passengers of this booking.",
      errors: [{ path: "passengers", message: "not passengers of this booking" }],
    });
  }
  const all = legs.map((l) => l.flight.id);
  let start: number;
  if (p.flightId) {
    start = all.indexOf(p.flightId);
    if (start < 0) {
      throw new AppError(422, "not_in_booking", {
        detail: "This flight is not part of the booking.",
        errors: [{ path: "flightId", message: "not a flight of this booking" }],
      });
    }
  } else {
    const open = new Set(
      (await listTravelCoupons(sql, booking.id, all)).filter((c) => c.status === "open").map((
        c,
      ) => c.flightId),
    );
    start = Math.max(0, legs.findIndex((l) => open.has(l.flight.id)));
  }
  if (legs[start].flight.status === "cancelled") {
    // Waiting for a rebooking or a refund: nothing flies, so nothing checks in.
    throw new AppError(409, "flight_cancelled", {
      detail: "This flight is cancelled: there is no check-in for it.",
    });
  }
  const departure = Date.parse(legs[start].flight.departureAt);
  const window = checkInWindow(departure, now.getTime());
  if (window === "not_open") {
    throw new AppError(409, "checkin_not_open", {
      detail: `Check-in opens 24 hours before departure, at ${
        new Date(departure - CHECKIN_OPENS_MS).toISOString()
      }.`,
    });
  }
  if (window === "closed") {
    throw new AppError(409, "checkin_closed", {
      detail: "Check-in closed 45 minutes before departure.",
    });
  }
  const flightIds = throughLegs(legs, start, now.getTime()).map((i) => all[i]);
  await checkInCoupons(sql, booking.id, flightIds, now, p.passengers);
  return { flightIds, coupons: await listTravelCoupons(sql, booking.id, flightIds) };
}

function passLeg(booking: BookingView, leg: BookedLeg, c: TravelCoupon): BoardingPassLeg {
  const f = leg.flight;
  return {
    lastName: c.lastName,
    firstName: c.firstName,
    pnr: booking.pnr,
    from: f.origin.iata,
    to: f.destination.iata,
    carrier: f.carrier,
    flightNumber: f.flightNumber,
    date: f.departureLocal.slice(0, 10),
    compartment: leg.cabin,
    seat: c.seat!,
    checkInSequence: c.checkinSequence!,
  };
}

function pass(
  ticket: string,
  legs: { leg: BookedLeg; coupon: TravelCoupon; bcbp: BoardingPassLeg }[],
): BoardingPass {
  const bcbp = encodeBcbpLegs(legs.map((l) => l.bcbp));
  const svg = bwipjs.toSVG({ bcid: "pdf417", text: bcbp, scale: 2, height: 12 });
  const first = legs[0].coupon;
  return {
    ticket,
    passenger: `${first.firstName} ${first.lastName}`,
    flightIds: legs.map((l) => l.leg.flight.id),
    seat: first.seat,
    sequence: first.checkinSequence,
    bcbp,
    barcode: { format: "pdf417" as const, svg },
    coupons: legs.map(({ coupon }) => ({
      flightId: coupon.flightId,
      seat: coupon.seat!,
      sequence: coupon.checkinSequence!,
    })),
  };
}

/**
 * The boarding passes of a booking's checked-in coupons: one per passenger per flight, in
 * travel order (`flightId` narrows them to one flight). With `multiLeg`, a passenger checked in
 * on connecting flights gets one BCBP with a leg section per flight instead (IATA Resolution
 * 792 allows up to 4). Reading passes never checks anyone in; none yet is a 409.
 */
export async function boardingPasses(
  sql: Sql,
  booking: BookingView,
  legs: BookedLeg[],
  opts: { flightId?: string; multiLeg?: boolean } = {},
): Promise<BoardingPass[]> {
  const wanted = opts.flightId ? legs.filter((l) => l.flight.id === opts.flightId) : legs;
  const byFlight = new Map(wanted.map((l) => [l.flight.id, l]));
  const coupons = (await listTravelCoupons(sql, booking.id, [...byFlight.keys()]))
    .filter((c) => c.status === "checked_in" && c.seat && c.checkinSequence);
  if (booking.status !== "confirmed" || coupons.length === 0) {
    throw new AppError(409, "not_checked_in", {
      detail: "Check in first to get boarding passes.",
    });
  }
  const items = coupons.map((coupon) => {
    const leg = byFlight.get(coupon.flightId)!;
    return { leg, coupon, bcbp: passLeg(booking, leg, coupon) };
  });
  if (!opts.multiLeg) return items.map((i) => pass(i.coupon.number, [i]));
  const perTicket = new Map<string, typeof items>();
  for (const i of items) {
    perTicket.set(i.coupon.number, [...perTicket.get(i.coupon.number) ?? [], i]);
  }
  return [...perTicket.entries()].flatMap(([ticket, list]) => {
    const chunks: (typeof items)[] = [];
    for (let k = 0; k < list.length; k += 4) chunks.push(list.slice(k, k + 4));
    return chunks.map((chunk) => pass(ticket, chunk));
  });
}
