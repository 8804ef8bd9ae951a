/**
 * View types of bookings: what the repositories return and the pages and API show, and the
 * pure helpers that read them, so db/, services/, components/ and islands/ can all name them.
 */
import type { FlightSummary } from "./flight.ts";

/** A passenger on a booking. */
export interface PassengerInput {
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  email?: string;
}

/** One flight of a booking, in travel order. */
export interface SegmentView {
  flightId: string;
  cabin: string;
  seats: string[];
  /** The price of one seat on this flight, minor units. */
  unitPrice: number;
  /** Seat fees of the party's seats on this flight, minor units (absent: none). */
  seatFees?: number;
  /** held, confirmed, expired, released (given back before paying) or cancelled. */
  status: string;
  /** The hold that owns the seats while unpaid. */
  holdId: string | null;
  departureAt: string;
}

/** One coupon of an e-ticket: the passenger's right to one flight. */
export interface CouponView {
  coupon: number;
  flightId: string;
  seat: string | null;
  /** open, checked_in, boarded, flown, void, refunded or exchanged. */
  status: string;
}

/** A passenger's e-ticket for the journey. */
export interface TicketView {
  number: string;
  passenger: number;
  /** The seat and status of the ticket's next coupon to fly (else its last coupon). */
  seat: string | null;
  status: string;
  coupons: CouponView[];
}

const TO_FLY = new Set(["open", "checked_in", "boarded"]);

/** A ticket with its summary seat and status taken from the next coupon to fly. */
export function ticketView(number: string, passenger: number, coupons: CouponView[]): TicketView {
  const next = coupons.find((c) => TO_FLY.has(c.status)) ?? coupons[coupons.length - 1];
  return {
    number,
    passenger,
    seat: next?.seat ?? null,
    status: next?.status ?? "void",
    coupons,
  };
}

/** The segment a booking is summed up by: its first still held or confirmed, else its first. */
export function leadSegment(segments: SegmentView[]): SegmentView {
  const live = segments.find((g) => g.status === "held" || g.status === "confirmed");
  return live ?? segments[0] ?? {
    flightId: "",
    cabin: "Y",
    seats: [],
    unitPrice: 0,
    status: "cancelled",
    holdId: null,
    departureAt: new Date(0).toISOString(),
  };
}

/** The flights a booking still holds or owns seats on, in travel order. */
export function liveSegments<T extends Pick<SegmentView, "status">>(segments: T[]): T[] {
  return segments.filter((g) => g.status === "held" || g.status === "confirmed");
}

/** The segments a booking shows: those still held or confirmed, else (all gone) every one. */
export function shownSegments<T extends Pick<SegmentView, "status">>(segments: T[]): T[] {
  const live = liveSegments(segments);
  return live.length ? live : segments;
}

/** A booked flight with the booking's cabin and seats on it, in travel order. */
export interface BookedLeg {
  flight: FlightSummary;
  seats: string[];
  cabin: string;
}

/** A booking as the API shows it. */
export interface BookingView {
  id: string;
  pnr: string;
  status: string;
  /** The first live segment's flight, cabin and seats (see `segments` for a journey). */
  flightId: string;
  userId: string | null;
  cabin: string;
  seats: string[];
  total: number;
  currency: string;
  expiresAt: string | null;
  holdId: string | null;
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  /** The booking's flights in travel order. */
  segments: SegmentView[];
  passengers: PassengerInput[];
  tickets: TicketView[];
  payments: {
    id: string;
    kind: string;
    status: string;
    amount: number;
    currency: string;
    cardBrand: string | null;
    cardLast4: string | null;
    createdAt: string;
  }[];
}
