import { expandSeats, type Seat, type SeatLayout } from "../seat_layout.ts";
import type { CabinConflict, SeatMove } from "./commands.ts";
import type { Inventory } from "./state.ts";

/** Seats for every sale and hold on a new layout, or the cabins that cannot take them. */
export type Remap = { ok: true; moves: SeatMove[] } | { ok: false; conflicts: CabinConflict[] };

interface Occupant {
  move: SeatMove;
  oldSeats: (Seat | undefined)[];
}

const kind = (s: Seat) => (s.window ? "window" : s.aisle ? "aisle" : "middle");

/**
 * How well `seat` replaces `old` for a party that already sits in `partyRows` on the new
 * aircraft: the same kind of seat (window, aisle, middle) first, then legroom kept, then next
 * to the rest of the party, then near the old row.
 */
function score(seat: Seat, old: Seat | undefined, partyRows: number[]): number {
  let points = 0;
  if (old && kind(seat) === kind(old)) points += 8;
  if (old?.extraLegroom && seat.extraLegroom) points += 4;
  if (partyRows.includes(seat.row)) points += 16;
  const anchor = partyRows[0] ?? old?.row;
  if (anchor !== undefined) points -= Math.abs(seat.row - anchor) * 0.1;
  return points;
}

/** Counts per cabin that a layout cannot carry: each cabin's held and sold seats vs its seats. */
function conflictsOf(inv: Inventory, seats: Seat[]): CabinConflict[] {
  const sellable = new Map<string, number>();
  for (const s of seats) if (!s.blocked) sellable.set(s.cabin, (sellable.get(s.cabin) ?? 0) + 1);
  const conflicts: CabinConflict[] = [];
  for (const [cabin, needed] of inv.inUse) {
    const available = sellable.get(cabin) ?? 0;
    if (needed > available) conflicts.push({ cabin, needed, available });
  }
  return conflicts.sort((a, b) => a.cabin.localeCompare(b.cabin));
}

function occupants(inv: Inventory): Occupant[] {
  const { sales, holds } = inv.state;
  const list: Occupant[] = [];
  // Confirmed passengers choose first, then holds in the order they were made.
  const ordered = [
    ...Object.values(sales).sort((a, b) => a.bookingId.localeCompare(b.bookingId))
      .map((x) => ({ kind: "sale" as const, ref: x.bookingId, ...x })),
    ...Object.values(holds).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((h) => ({ kind: "hold" as const, ref: h.id, ...h })),
  ];
  for (const o of ordered) {
    if (!o.seats.length) continue;
    list.push({
      move: {
        kind: o.kind,
        ref: o.ref,
        owner: o.owner,
        cabin: o.cabin,
        from: o.seats,
        to: o.seats.map(() => null),
      },
      oldSeats: o.seats.map((id) => inv.seatById.get(id)),
    });
  }
  return list;
}

/**
 * Seats every sale and hold of `inv` on `layout`, cabin by cabin. A passenger keeps their seat
 * number when the new aircraft has it in the same cabin; otherwise they get the free seat most
 * like the old one, next to their party. Nobody is moved into an exit row who did not sit in
 * one (exit rows need eligible adults). Refused, with every short cabin, when a cabin has fewer
 * sellable seats than it has passengers. Pure and deterministic.
 */
export function remapSeats(inv: Inventory, layout: SeatLayout): Remap {
  const seats = expandSeats(layout);
  const conflicts = conflictsOf(inv, seats);
  if (conflicts.length) return { ok: false, conflicts };
  const byId = new Map(seats.map((s) => [s.id, s]));
  const taken = new Set<string>();
  const list = occupants(inv);
  // Pass 1: everyone who can keep their seat number does, before anyone is moved into it.
  for (const { move, oldSeats } of list) {
    move.from.forEach((id, i) => {
      const seat = byId.get(id);
      const old = oldSeats[i];
      if (
        seat && seat.cabin === move.cabin && !seat.blocked && !taken.has(id) &&
        (!seat.exitRow || old?.exitRow)
      ) {
        move.to[i] = id;
        taken.add(id);
      }
    });
  }
  // Pass 2: the rest get the most similar free seat in their cabin.
  for (const { move, oldSeats } of list) {
    move.from.forEach((_, i) => {
      if (move.to[i] !== null) return;
      const old = oldSeats[i];
      const partyRows = move.to.filter((id) => id !== null).map((id) => byId.get(id)!.row);
      let best: Seat | undefined;
      let bestScore = -Infinity;
      for (const seat of seats) {
        if (seat.cabin !== move.cabin || seat.blocked || taken.has(seat.id)) continue;
        if (seat.exitRow && !old?.exitRow) continue;
        const points = score(seat, old, partyRows);
        if (points > bestScore) [best, bestScore] = [seat, points];
      }
      if (best) {
        move.to[i] = best.id;
        taken.add(best.id);
      }
    });
  }
  return { ok: true, moves: list.map((o) => o.move) };
}
