/**
 * The seat map's pure logic, shared by its server render and the browser: seat words for
 * screen readers, live changes applied to a snapshot, what to announce, and the choice of
 * seats for a booking. No DOM, no fetch.
 */
import type { CabinView, SeatMapView, SeatView } from "../../domain/inventory/view.ts";
import type { SeatChange } from "../../domain/realtime/seat_changes.ts";
import type { SeatLook } from "./SeatGrid.tsx";

/** Where a seat sits across the cabin, in words ("window", "aisle", "middle", or both). */
export function seatPosition(s: SeatView): string {
  if (s.window && s.aisle) return "window and aisle";
  return s.window ? "window" : s.aisle ? "aisle" : "middle";
}

/** "Row 14, seat A, window, exit row, extra legroom, available, $159". */
export function seatLabel(s: SeatView, state: string, price?: string): string {
  const parts = [`Row ${s.row}, seat ${s.letter}`, seatPosition(s)];
  if (s.exitRow) parts.push("exit row");
  else if (s.extraLegroom) parts.push("extra legroom");
  parts.push(state);
  if (price) parts.push(price);
  return parts.join(", ");
}

/** What decides a seat's look besides its status (see seatLook). */
export interface LookContext {
  /** The passenger (0-based) whose held seat this is, or -1. */
  slot: number;
  party: number;
  /** Picked on the map, not yet held. */
  selected: boolean;
  /** The formatted fare and seat fee, when shown. */
  fare?: string;
  fee?: string;
}

/**
 * How a seat shows and what it says: the party's own seats ("your seat, passenger 2"), seats
 * picked and not yet held ("selected"), free ones ("available", with fare and fee), others.
 */
export function seatLook(s: SeatView, c: LookContext): SeatLook {
  if (c.slot >= 0) {
    const whose = c.party > 1 ? `your seat, passenger ${c.slot + 1}` : "your seat";
    return { kind: "mine", label: seatLabel(s, whose, c.fee), disabled: false };
  }
  if (s.status === "blocked") {
    return { kind: "blocked", label: seatLabel(s, "not for sale"), disabled: true };
  }
  if (s.status !== "free") return { kind: "taken", label: seatLabel(s, "taken"), disabled: true };
  const price = [c.fare, c.fee].filter(Boolean).join(" plus ") || undefined;
  const kind = c.selected ? "selected" : "free";
  return {
    kind,
    label: seatLabel(s, c.selected ? "selected" : "available", price),
    disabled: false,
  };
}

/** True when nobody holds, bought or blocked the seat. */
export const isFree = (s: SeatView) => s.status === "free";

/**
 * Applies one live change; changes the snapshot already includes are ignored. A cabin's seats
 * left move at once with seats taken (−1) and freed (+1), so the count never lags the map;
 * the fresh offer fetched after it (withOffers) has the last word (overbooking, blocks).
 */
export function applyChange(view: SeatMapView, change: SeatChange): SeatMapView {
  if (change.seq <= view.seq) return view;
  const status = new Map(change.seats.map((s) => [s.id, s.status]));
  if (status.size === 0) return { ...view, seq: change.seq };
  const cabins = view.cabins.map((c) => {
    let left = c.seatsLeft;
    const rows = c.rows.map((r) =>
      r.seats.some((s) => status.has(s.id))
        ? {
          ...r,
          seats: r.seats.map((s) => {
            const next = status.get(s.id);
            if (!next) return s;
            left += (next === "free" ? 1 : 0) - (s.status === "free" ? 1 : 0);
            return { ...s, status: next };
          }),
        }
        : r
    );
    return left === c.seatsLeft ? { ...c, rows } : { ...c, rows, seatsLeft: Math.max(0, left) };
  });
  return { ...view, seq: change.seq, cabins };
}

/** A cabin's live offer, as `GET /api/flights/:id` lists it. */
export interface CabinOffer {
  code: string;
  seatsLeft: number;
  price?: number;
  bucket?: string;
}

/** The snapshot with fresh prices and seats left per cabin. */
export function withOffers(view: SeatMapView, offers: CabinOffer[]): SeatMapView {
  const byCode = new Map(offers.map((o) => [o.code, o]));
  return {
    ...view,
    cabins: view.cabins.map((c) => {
      const o = byCode.get(c.code);
      return o ? { ...c, seatsLeft: o.seatsLeft, price: o.price, bucket: o.bucket } : c;
    }),
  };
}

/** "Seat 14A", "Seats 14A and 14B", "Seats 14A, 14B and 14C", "8 seats". */
export function seatWords(ids: string[]): string {
  if (ids.length === 1) return `Seat ${ids[0]}`;
  if (ids.length > 5) return `${ids.length} seats`;
  return `Seats ${ids.slice(0, -1).join(", ")} and ${ids[ids.length - 1]}`;
}

/**
 * What to tell the user about a change others made: seats whose status really changed in
 * `before`, except those `ignore` says are the user's own. Undefined when nothing to say.
 */
export function describeChange(
  before: SeatMapView,
  change: SeatChange,
  ignore: (id: string) => boolean = () => false,
): string | undefined {
  const old = new Map<string, SeatView["status"]>();
  for (const c of before.cabins) {
    for (const r of c.rows) for (const s of r.seats) old.set(s.id, s.status);
  }
  const moved = change.seats.filter((s) =>
    old.has(s.id) && old.get(s.id) !== s.status && !ignore(s.id)
  );
  const ids = (test: (status: SeatView["status"]) => boolean) =>
    moved.filter((s) => test(s.status)).map((s) => s.id);
  const taken = ids((s) => s === "held" || s === "sold");
  const freed = ids((s) => s === "free");
  const blocked = ids((s) => s === "blocked");
  const verb = (list: string[], one: string, many: string) => (list.length === 1 ? one : many);
  const parts = [
    taken.length && `${seatWords(taken)} ${verb(taken, "was", "were")} just taken.`,
    freed.length && `${seatWords(freed)} ${verb(freed, "is", "are")} free again.`,
    blocked.length && `${seatWords(blocked)} ${verb(blocked, "is", "are")} no longer available.`,
  ].filter(Boolean);
  return parts.length ? parts.join(" ") : undefined;
}

/** Free seats of a cabin per seat type, for the fares table, with the type's fee range if any. */
export function seatTypeCounts(
  cabin: CabinView,
  rowFees: Record<string, number> = {},
): { type: string; total: number; free: number; fees?: [number, number] }[] {
  const types: [string, (s: SeatView) => boolean][] = [
    ["Window", (s) => s.window],
    ["Aisle", (s) => s.aisle],
    ["Middle", (s) => !s.window && !s.aisle],
    ["Exit row", (s) => s.exitRow],
    ["Extra legroom", (s) => s.extraLegroom && !s.exitRow],
  ];
  const seats = cabin.rows.flatMap((r) => r.seats);
  return types
    .map(([type, test]) => {
      const of = seats.filter(test);
      const fees = of.map((s) => rowFees[s.row] ?? 0);
      const range: [number, number] = [Math.min(...fees), Math.max(...fees)];
      return {
        type,
        total: of.length,
        free: of.filter(isFree).length,
        ...(range[1] > 0 ? { fees: range } : {}),
      };
    })
    .filter((t) => t.total > 0);
}

/** A booking's seat choice: one slot per passenger, and whose seat the next pick sets. */
export interface SeatChoice {
  slots: (string | undefined)[];
  active: number;
}

/** The choice a booking starts with: its held seats, first empty slot active. */
export function startChoice(seats: string[], count: number): SeatChoice {
  const slots = Array.from({ length: count }, (_, i) => seats[i]);
  return { slots, active: Math.max(0, slots.findIndex((s) => !s)) };
}

/**
 * Picking `seat`: one of the party's own seats makes its passenger the active one; any other
 * seat replaces the active passenger's, and the next empty (or next) passenger is active.
 */
export function pickSeat(choice: SeatChoice, seat: string): SeatChoice {
  const own = choice.slots.indexOf(seat);
  if (own >= 0) return { ...choice, active: own };
  const slots = choice.slots.map((s, i) => (i === choice.active ? seat : s));
  const empty = slots.findIndex((s) => !s);
  return { slots, active: empty >= 0 ? empty : (choice.active + 1) % slots.length };
}

/** The seats to send once every passenger has one, else undefined. */
export function completeChoice(choice: SeatChoice): string[] | undefined {
  return choice.slots.every(Boolean) ? (choice.slots as string[]) : undefined;
}

/** What the picked seats mean for the booking, for the status line. */
export function pickedSummary(picked: number, party: number): string {
  if (picked === party) {
    return `${party > 1 ? `All ${party} seats` : "Your seat"} chosen: book this flight to hold ${
      party > 1 ? "them" : "it"
    }.`;
  }
  return `${picked} of ${party} seats chosen; choose ${party - picked} more to hold these, ` +
    "or book now and we seat your party together (you can change seats at checkout).";
}
