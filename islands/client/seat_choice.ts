/**
 * Choosing a booking's seats on the live map: every complete choice is sent at once with
 * `PATCH /api/bookings/:id/seats`, so the seats are held (and everyone else sees them
 * taken); a refusal puts the last held seats back and says why. Browser-only.
 */
import { useRef, useState } from "preact/hooks";
import {
  completeChoice,
  pickSeat,
  type SeatChoice,
  seatWords,
  startChoice,
} from "../seat_map/model.ts";
import { api, type Problem } from "./api.ts";
import { announceSeatsChanged } from "./seat_events.ts";

/** The booking a seat map chooses seats for (see SeatMapProps). */
export interface SeatBooking {
  id: string;
  /** The booking's flight these seats are on, for a journey (else its first flight). */
  flightId?: string;
  cabin: string;
  seats: string[];
  count: number;
  expiresAt: string;
  /** The booking's total (fares and seat fees) in minor units, as the page was drawn. */
  total?: number;
}

function refusal(p: Problem): string {
  const seats = p.errors?.filter((e) => e.path === "seats").map((e) => e.message) ?? [];
  const which = seats.length ? seatWords(seats) : "That seat";
  const many = seats.length > 1;
  switch (p.code) {
    case "seat_taken":
      return `${which} ${many ? "were" : "was"} just taken by someone else.`;
    case "seat_blocked":
      return `${which} ${many ? "are" : "is"} not available.`;
    case "exit_row_not_eligible":
      return `${which} ${many ? "are" : "is"} in an exit row. ${p.detail ?? ""}`;
    default:
      return p.detail ?? p.title;
  }
}

/** The booking as the API answers: its lead seats and, for a journey, each flight's. */
interface BookingSeats {
  id: string;
  seats: string[];
  total: number;
  segments?: { flightId: string; seats: string[] }[];
}

/** Tells the rest of the page (the passengers table) the booking's seats as answered. */
function tell(data: BookingSeats) {
  announceSeatsChanged({
    bookingId: data.id,
    segments: (data.segments ?? []).map((g) => ({ flightId: g.flightId, seats: g.seats })),
  });
}

/** The seats `booking` has on the flight this map chooses for. */
function seatsOn(data: BookingSeats, booking: SeatBooking): string[] {
  if (!booking.flightId) return data.seats;
  return data.segments?.find((g) => g.flightId === booking.flightId)?.seats ?? [];
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((s) => b.includes(s));

/** State and actions of a booking's seat choice; without a booking, an inert choice. */
export function useSeatChoice(booking: SeatBooking | undefined) {
  const [choice, setChoice] = useState(() =>
    startChoice(booking?.seats ?? [], booking?.count ?? 0)
  );
  const [held, setHeld] = useState(booking?.seats ?? []);
  const [pending, setPending] = useState(false);
  const [total, setTotal] = useState(booking?.total);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  // Seats this user held at some point: their changes are not news to announce.
  const own = useRef(new Set(booking?.seats ?? []));

  async function send(next: SeatChoice, seats: string[]) {
    setPending(true);
    seats.forEach((s) => own.current.add(s));
    const flightId = booking!.flightId;
    const r = await api<BookingSeats>(`/api/bookings/${booking!.id}/seats`, {
      method: "PATCH",
      body: flightId ? { seats, flightId } : { seats },
    });
    setPending(false);
    if (r.ok) {
      const now = seatsOn(r.data, booking!);
      setHeld(now);
      setTotal(r.data.total);
      setChoice({ ...next, slots: same(now, seats) ? seats : now });
      setNotice(`${seatWords(now)} ${now.length > 1 ? "are" : "is"} now yours.`);
      tell(r.data);
    } else {
      setChoice(startChoice(held, booking!.count));
      setError(
        `${refusal(r.problem)} Your seats are unchanged${
          held.length ? `: ${held.join(", ")}` : ""
        }.`,
      );
    }
  }

  /** Picks a seat for the active passenger; a complete choice is held at once. */
  function pick(seat: string) {
    if (!booking || pending) return;
    const next = pickSeat(choice, seat);
    setChoice(next);
    setError(undefined);
    setNotice(undefined);
    const seats = completeChoice(next);
    if (seats && !same(seats, held)) void send(next, seats);
  }

  /** Reads the booking's seats again (the airline may have moved them: aircraft change). */
  async function reload() {
    if (!booking) return;
    const r = await api<BookingSeats>(`/api/bookings/${booking.id}`);
    if (!r.ok) return;
    const now = seatsOn(r.data, booking);
    now.forEach((s) => own.current.add(s));
    setHeld(now);
    setTotal(r.data.total);
    setChoice(startChoice(now, booking.count));
    tell(r.data);
  }

  return {
    choice,
    held,
    /** The booking's total after the last change (fares and seat fees), if known. */
    total,
    pending,
    error,
    notice,
    pick,
    reload,
    /** Makes passenger `i` the one the next pick is for. */
    activate: (i: number) => setChoice((c) => ({ ...c, active: i })),
    /** True for seats that are (or were) this user's, held or being chosen. */
    isOwn: (id: string) => own.current.has(id) || choice.slots.includes(id),
  };
}
