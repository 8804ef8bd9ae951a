/**
 * The visual seat editor's rules over a cabin's fields: which rows and seats a cabin draws,
 * and what one click does (a seat cycles normal → blocked → missing, a row none → exit →
 * extra legroom). Each click rewrites the cabin's list fields, so the grid and the text
 * inputs never disagree. Pure.
 */
import { type CabinFields, listItems } from "./layout_edit.ts";

/** A seat's state in the editor. */
export type SeatMark = "normal" | "blocked" | "missing";
/** A row's state in the editor (an exit row has extra legroom anyway). */
export type RowMark = "none" | "exit" | "legroom";

/** What a cabin draws: its rows and its seat letters in groups between aisles. */
export interface CabinGrid {
  rows: number[];
  groups: string[][];
}

const MAX_ROW = 150;

/** The grid of a cabin, or undefined while its rows or letters are not valid yet. */
export function cabinGrid(cabin: CabinFields): CabinGrid | undefined {
  const first = Number(cabin.firstRow);
  const last = Number(cabin.lastRow);
  const across = cabin.seatsAcross.replace(/\s+/g, "").toUpperCase();
  if (!Number.isInteger(first) || !Number.isInteger(last)) return undefined;
  if (first < 1 || last < first || last > MAX_ROW) return undefined;
  if (!/^[A-HJ-K]+(\|[A-HJ-K]+){0,3}$/.test(across)) return undefined;
  const skip = new Set(listItems(cabin.skipRows).map(Number));
  const rows: number[] = [];
  for (let r = first; r <= last; r++) if (!skip.has(r)) rows.push(r);
  return { rows, groups: across.split("|").map((g) => [...g]) };
}

const has = (list: string, item: string) =>
  listItems(list).some((x) => x.toUpperCase() === item.toUpperCase());

function without(list: string, item: string): string {
  return listItems(list).filter((x) => x.toUpperCase() !== item.toUpperCase()).join(", ");
}

function withItem(list: string, item: string): string {
  return has(list, item) ? list : [...listItems(list), item].join(", ");
}

/** The state of seat `id` ("12A") in a cabin. */
export function seatMark(cabin: CabinFields, id: string): SeatMark {
  if (has(cabin.missingSeats, id)) return "missing";
  if (has(cabin.blockedSeats, id)) return "blocked";
  return "normal";
}

/** The cabin after one click on seat `id`: normal → blocked → missing → normal. */
export function cycleSeat(cabin: CabinFields, id: string): CabinFields {
  switch (seatMark(cabin, id)) {
    case "normal":
      return { ...cabin, blockedSeats: withItem(cabin.blockedSeats, id) };
    case "blocked":
      return {
        ...cabin,
        blockedSeats: without(cabin.blockedSeats, id),
        missingSeats: withItem(cabin.missingSeats, id),
      };
    case "missing":
      return { ...cabin, missingSeats: without(cabin.missingSeats, id) };
  }
}

/** The state of row `row` in a cabin. */
export function rowMark(cabin: CabinFields, row: number): RowMark {
  if (has(cabin.exitRows, String(row))) return "exit";
  if (has(cabin.extraLegroomRows, String(row))) return "legroom";
  return "none";
}

/** The cabin after one click on a row header: none → exit → extra legroom → none. */
export function cycleRow(cabin: CabinFields, row: number): CabinFields {
  const r = String(row);
  switch (rowMark(cabin, row)) {
    case "none":
      return { ...cabin, exitRows: withItem(cabin.exitRows, r) };
    case "exit":
      return {
        ...cabin,
        exitRows: without(cabin.exitRows, r),
        extraLegroomRows: withItem(cabin.extraLegroomRows, r),
      };
    case "legroom":
      return { ...cabin, extraLegroomRows: without(cabin.extraLegroomRows, r) };
  }
}

/** Words for a seat's state, as the editor announces it. */
export const SEAT_MARK_LABEL: Record<SeatMark, string> = {
  normal: "for sale",
  blocked: "blocked",
  missing: "missing",
};

/** Words for a row's state, as the editor announces it. */
export const ROW_MARK_LABEL: Record<RowMark, string> = {
  none: "standard row",
  exit: "exit row",
  legroom: "extra legroom",
};

/** Seats of the cabin that would be sold (drawn and not blocked or missing). */
export function sellableSeats(cabin: CabinFields): number {
  const grid = cabinGrid(cabin);
  if (!grid) return 0;
  let n = 0;
  for (const row of grid.rows) {
    for (const letter of grid.groups.flat()) {
      if (seatMark(cabin, `${row}${letter}`) === "normal") n++;
    }
  }
  return n;
}
