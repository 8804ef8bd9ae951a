import type { CabinCode, Seat } from "../seat_layout.ts";
import type { Inventory } from "./state.ts";

/** Seats picked for a party, and whether they sit together (same row or adjacent rows). */
export interface SeatPick {
  seats: string[];
  together: boolean;
}

interface Row {
  row: number;
  seats: Seat[];
}

/** Letters of a row in order, with aisle positions, from the seats that exist in it. */
function freeRows(inv: Inventory, cabin: CabinCode, exitRowEligible: boolean): Row[] {
  const rows: Row[] = [];
  for (const seat of inv.seatList) {
    if (seat.cabin !== cabin) continue;
    if (seat.exitRow && !exitRowEligible) continue;
    if (inv.taken.has(seat.id)) continue;
    const last = rows[rows.length - 1];
    if (last && last.row === seat.row) last.seats.push(seat);
    else rows.push({ row: seat.row, seats: [seat] });
  }
  return rows;
}

/** Every free seat of a cabin a party may sit in, in map order. */
export function freeSeats(inv: Inventory, cabin: CabinCode, exitRowEligible: boolean): string[] {
  return freeRows(inv, cabin, exitRowEligible).flatMap((r) => r.seats.map((s) => s.id));
}

const positionCache = new WeakMap<object, Map<string, { pos: number; group: number }>>();

/** Position of each letter across the cabin and the aisle groups, from the layout. */
function letterPositions(
  inv: Inventory,
  cabin: CabinCode,
): Map<string, { pos: number; group: number }> {
  const layout = inv.state.layout.cabins.find((c) => c.code === cabin);
  const cached = layout && positionCache.get(layout);
  if (cached) return cached;
  const positions = new Map<string, { pos: number; group: number }>();
  let pos = 0;
  layout?.seatsAcross.split("|").forEach((g, group) => {
    for (const letter of g) positions.set(letter, { pos: pos++, group });
  });
  if (layout) positionCache.set(layout, positions);
  return positions;
}

/**
 * A lone traveller: the first free window or aisle seat, else the first free seat. The
 * search starts where the index says the cabin's free seats begin, not at the front row.
 */
function pickOne(inv: Inventory, cabin: CabinCode, exitRowEligible: boolean): SeatPick | undefined {
  const list = inv.byCabin.get(cabin) ?? [];
  const from = inv.freeFrom.get(cabin) ?? { any: 0, edge: 0 };
  const usable = (seat: Seat) => !inv.taken.has(seat.id) && (!seat.exitRow || exitRowEligible);
  for (let i = from.edge; i < list.length; i++) {
    if (!list[i].middle && usable(list[i])) return { seats: [list[i].id], together: true };
  }
  for (let i = from.any; i < list.length; i++) {
    if (usable(list[i])) return { seats: [list[i].id], together: true };
  }
  return undefined;
}

/**
 * The best run of `n` seats in one row: side by side within an aisle group (cost 0), side
 * by side across an aisle (1), or merely the same row (2). A lone traveller prefers a window
 * or aisle seat over a middle one.
 */
function bestInRow(
  row: Row,
  n: number,
  positions: Map<string, { pos: number; group: number }>,
): { seats: Seat[]; cost: number } | undefined {
  if (row.seats.length < n) return undefined;
  if (n === 1) {
    const seat = row.seats.find((s) => !s.middle) ?? row.seats[0];
    return { seats: [seat], cost: seat.middle ? 0.5 : 0 };
  }
  let best: { seats: Seat[]; cost: number } | undefined;
  for (let i = 0; i + n <= row.seats.length; i++) {
    const run = row.seats.slice(i, i + n);
    const first = positions.get(run[0].letter)!;
    const last = positions.get(run[n - 1].letter)!;
    const adjacent = last.pos - first.pos === n - 1;
    const cost = !adjacent ? 2 : first.group === last.group ? 0 : 1;
    if (!best || cost < best.cost) best = { seats: run, cost };
    if (cost === 0) break;
  }
  return best;
}

/**
 * Picks `n` free seats in `cabin` for one party: the same row if possible, else two
 * adjacent rows with aligned letters, else the first free seats in map order. Exit-row
 * seats are used only for a party whose members may sit there. Blocked seats never.
 */
export function pickSeats(
  inv: Inventory,
  cabin: CabinCode,
  n: number,
  exitRowEligible: boolean,
): SeatPick | undefined {
  if (n === 1) return pickOne(inv, cabin, exitRowEligible);
  const rows = freeRows(inv, cabin, exitRowEligible);
  const total = rows.reduce((sum, r) => sum + r.seats.length, 0);
  if (total < n) return undefined;
  const positions = letterPositions(inv, cabin);

  let best: { seats: Seat[]; cost: number } | undefined;
  for (const row of rows) {
    const found = bestInRow(row, n, positions);
    if (found && (!best || found.cost < best.cost)) best = found;
    if (best?.cost === 0) break;
  }
  if (best) return { seats: best.seats.map((s) => s.id), together: true };

  // Rows that exist in the cabin, so that 12 and 14 count as adjacent where 13 is skipped.
  const rowOrder = [...new Set(inv.seatList.filter((s) => s.cabin === cabin).map((s) => s.row))];
  const rank = new Map(rowOrder.map((r, i) => [r, i]));
  for (let i = 0; i + 1 < rows.length; i++) {
    const [a, b] = [rows[i], rows[i + 1]];
    if (rank.get(b.row)! - rank.get(a.row)! !== 1) continue;
    if (a.seats.length + b.seats.length < n) continue;
    // Fill the front row, then the seats behind them, nearest letters first.
    const front = a.seats.slice(0, Math.min(a.seats.length, n));
    const centre = front.reduce((s, x) => s + positions.get(x.letter)!.pos, 0) / front.length;
    const back = [...b.seats]
      .sort((x, y) =>
        Math.abs(positions.get(x.letter)!.pos - centre) -
        Math.abs(positions.get(y.letter)!.pos - centre)
      )
      .slice(0, n - front.length);
    return { seats: [...front, ...back].map((s) => s.id), together: true };
  }

  return { seats: rows.flatMap((r) => r.seats).slice(0, n).map((s) => s.id), together: false };
}
