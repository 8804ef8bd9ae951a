/**
 * The words of a flight's operational notices: one title, email subject and body per event,
 * named by what happened (a gate change is never called a delay), with every time in the one
 * airport-local format the pages use. Pure: the producers in notifications/ read the data.
 */
import {
  kindForStatusChange,
  type NotificationKind,
  type StatusNews,
  statusNews,
} from "./notification_kinds.ts";
import type { FlightStatus } from "./flight_status.ts";
import { formatInZone } from "./time.ts";

/** A flight as a notice names it. */
export interface NoticeFlight {
  carrier: string;
  flightNumber: string;
  origin: string;
  destination: string;
  /** Scheduled departure, an ISO instant. */
  departureAt: string;
  /** The origin airport's IANA zone: every departure time is its local time. */
  originTz: string;
}

/** A status change as a notice tells it. */
export interface StatusNoticeChange {
  status: FlightStatus;
  /** The published change's kind (delayed, gate_changed, boarding...). */
  event?: string;
  reason?: string;
  estimatedDepartureAt?: string;
  /** Set only when the gate is new. */
  gate?: string;
}

/** A notice's words: the in-app title (also the push title), the email subject, the body. */
export interface NoticeText {
  title: string;
  subject: string;
  body: string;
}

/** "CT 1053". */
export function flightName(f: Pick<NoticeFlight, "carrier" | "flightNumber">): string {
  return `${f.carrier} ${f.flightNumber}`;
}

/** "CT 1053 FRA→JFK". */
export function flightRoute(f: NoticeFlight): string {
  return `${flightName(f)} ${f.origin}→${f.destination}`;
}

/** "CT 1053 FRA→JFK, departing Fri 1 Mar, 10:30 CET". */
export function flightLeg(f: NoticeFlight): string {
  return `${flightRoute(f)}, departing ${formatInZone(f.departureAt, f.originTz)}`;
}

/** "A", "A and B", "A, B and C". */
export function listWords(words: string[]): string {
  return words.length < 2
    ? words.join("")
    : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function headline(f: NoticeFlight, news: StatusNews[], newTime: string, gate?: string) {
  const name = flightName(f);
  const has = (n: StatusNews) => news.includes(n);
  if (has("cancelled")) {
    return {
      title: `${name} is cancelled`,
      subject: `Cancelled: ${flightRoute(f)} on ${formatInZone(f.departureAt, f.originTz)}`,
    };
  }
  if (has("delayed")) {
    const newGate = has("gate") ? `, new gate ${gate}` : "";
    return {
      title: `${name} is delayed to ${newTime}${newGate}`,
      subject: `${has("gate") ? "Delay and gate change" : "Delay"}: ${flightRoute(f)} now ` +
        `departs ${newTime}${has("gate") ? ` from gate ${gate}` : ""}`,
    };
  }
  if (has("gate")) {
    return has("boarding")
      ? {
        title: `${name} is boarding at new gate ${gate}`,
        subject: `Gate change: ${flightRoute(f)} is boarding at gate ${gate}`,
      }
      : {
        title: `${name}: gate change to ${gate}`,
        subject: `Gate change: ${flightRoute(f)} now departs from gate ${gate}`,
      };
  }
  return { title: `${name} is boarding`, subject: `Boarding: ${flightRoute(f)}` };
}

/**
 * The notice of one status change to one person (`pnrs`: their bookings on the flight, named
 * when there are several), or undefined when passengers need none. Crew are not promised a
 * new flight.
 */
export function statusNotice(
  f: NoticeFlight,
  change: StatusNoticeChange,
  opts: { pnrs?: string[]; crew?: boolean } = {},
): (NoticeText & { kind: NotificationKind }) | undefined {
  const kind = kindForStatusChange(change);
  if (!kind) return undefined;
  const news = statusNews(change);
  const planned = formatInZone(f.departureAt, f.originTz);
  const newTime = change.estimatedDepartureAt
    ? formatInZone(change.estimatedDepartureAt, f.originTz)
    : "a later time";
  const has = (n: StatusNews) => news.includes(n);
  const said: string[] = [];
  if (has("cancelled")) {
    said.push(`${flightRoute(f)} on ${planned} is cancelled.`);
    if (!opts.crew) said.push("We are finding you another flight and will tell you here.");
  } else {
    if (has("delayed")) said.push(`${flightRoute(f)} now departs ${newTime} (planned ${planned}).`);
    if (has("gate")) {
      said.push(`${has("delayed") ? "It" : flightRoute(f)} now departs from gate ${change.gate}.`);
    }
    if (has("boarding")) {
      said.push(`${has("gate") ? "Boarding has started" : `${flightRoute(f)} is boarding`}.`);
    }
  }
  if (change.reason && !has("boarding")) said.push(`Reason: ${change.reason}.`);
  const named = bookingsOnFlight(opts.pnrs ?? []);
  if (named) said.push(named);
  return { kind, ...headline(f, news, newTime, change.gate), body: said.join(" ") };
}

/** "Your bookings A and B are on this flight.", or "" for fewer than two. */
export function bookingsOnFlight(pnrs: string[]): string {
  return pnrs.length > 1 ? `Your bookings ${listWords(pnrs)} are on this flight.` : "";
}

/** One booking's share of a message to an account about several of its bookings. */
export interface BookingPart {
  id: string;
  pnr: string;
  /** What concerns this booking alone (its seats, its connection), if anything. */
  text?: string;
}

/**
 * One message to one account about its bookings on a flight: the words they share, then
 * their references when `named` and there are several, then each booking's own words. Its
 * email keeps it whole, so the sender can leave out the bookings no longer live by then.
 */
export interface BookingsMessage {
  lead: string;
  bookings: BookingPart[];
  named?: boolean;
}

/** The body of a BookingsMessage. */
export function bookingsBody(m: BookingsMessage): string {
  return [
    m.lead,
    m.named ? bookingsOnFlight(m.bookings.map((b) => b.pnr)) : "",
    ...m.bookings.map((b) => b.text ?? ""),
  ].filter((s) => s !== "").join(" ");
}

/** One booking's seats that an aircraft change moved, passenger by passenger. */
export interface MovedSeats {
  pnr: string;
  /** Which of the booking's flights this is, when it has several. */
  leg?: { index: number; of: number };
  /** null `to`: no seat could be kept; one is assigned at check-in. */
  seats: { passenger: string; from: string; to: string | null }[];
}

/** "Booking ABC123, flight 2 of 2: Ada Lovelace 1C → 3D, Bo Lovelace 2C → assigned at check-in." */
export function movedSeatsLine(m: MovedSeats): string {
  const leg = m.leg ? `, flight ${m.leg.index} of ${m.leg.of}` : "";
  const seats = m.seats.map((s) => `${s.passenger} ${s.from} → ${s.to ?? "assigned at check-in"}`);
  return `Booking ${m.pnr}${leg}: ${seats.join(", ")}.`;
}

/**
 * The words of a seat change after an aircraft change, shared by every booking of the
 * account; each booking's seats follow as its own line (movedSeatsLine).
 */
export function seatChangeNotice(
  f: NoticeFlight,
  aircraft: string,
): { title: string; subject: string; lead: string } {
  const leg = `${flightRoute(f)} on ${formatInZone(f.departureAt, f.originTz)}`;
  return {
    title: `New seats on ${flightName(f)}`,
    subject: `Seat change: ${leg}`,
    lead: `The aircraft of ${leg} is now the ${aircraft}, so your seats have changed.`,
  };
}

/** One new flight of a rebooking, with each passenger's seat on it. */
export interface RebookedLeg {
  flight: NoticeFlight;
  seats: { passenger: string; seat: string | null }[];
}

/** A booking moved to other flights: why, which flights it leaves, and where it goes. */
export interface RebookingNoticeInput {
  pnr: string;
  /** `cancelled`: its flight was cancelled; `connection`: a delay broke its connection. */
  cause: "cancelled" | "connection";
  /** The flights given up, in travel order (the cancelled one first). */
  from: NoticeFlight[];
  to: RebookedLeg[];
}

/** "seats: Ada Lovelace 4A, Bob Lee 4B" (a passenger without a seat yet gets one at check-in). */
function seatList(seats: RebookedLeg["seats"]): string {
  if (!seats.length) return "";
  return `; seats: ${
    seats.map((s) => `${s.passenger} ${s.seat ?? "(assigned at check-in)"}`).join(", ")
  }`;
}

/** Each new leg as a line, old flight → new flight when they pair up one to one. */
export function rebookedLines(r: RebookingNoticeInput): string[] {
  const paired = r.from.length === r.to.length;
  return r.to.map((l, i) =>
    `${r.to.length > 1 ? `Flight ${i + 1}: ` : ""}${paired ? `${flightName(r.from[i])} → ` : ""}${
      flightLeg(l.flight)
    }${seatList(l.seats)}.`
  );
}

/**
 * The one message of a rebooking: for a cancellation it says both that the flight is cancelled
 * and where the passenger flies instead, so no separate cancellation notice contradicts it.
 */
export function rebookingNotice(r: RebookingNoticeInput): NoticeText {
  const [first] = r.from;
  const names = listWords(r.to.map((l) => flightName(l.flight)));
  const was = listWords(r.from.map(flightName));
  const lines = rebookedLines(r).join(" ");
  const instead = r.from.length === r.to.length ? "" : `Instead of ${was} you now fly: `;
  if (r.cause === "cancelled") {
    return {
      title: `${flightName(first)} is cancelled: you are rebooked on ${names}`,
      subject: `Cancelled and rebooked: ${flightRoute(first)} is replaced by ${names}`,
      body: `${flightRoute(first)} on ${formatInZone(first.departureAt, first.originTz)} is ` +
        `cancelled. We have rebooked booking ${r.pnr}. ${instead}${lines}`,
    };
  }
  return {
    title: `New connection: you are rebooked on ${names}`,
    subject: `Rebooked: ${names} replaces ${was}`,
    body: `A delay means you would miss ${was}, so we have rebooked booking ${r.pnr}. ` +
      `${instead}${lines}`,
  };
}
