import { z } from "zod";

/** Cabin codes, front to back: first, business, premium economy, economy. */
export const CABIN_CODES = ["F", "J", "W", "Y"] as const;
/** One of the four cabins. */
export type CabinCode = (typeof CABIN_CODES)[number];

const seatId = z.string().regex(/^[1-9][0-9]{0,2}[A-HJ-K]$/, "expected a seat like 12A");

/** Validates one cabin of a seat layout. `seatsAcross` lists letters with `|` for aisles. */
export const CabinLayoutSchema = z
  .object({
    code: z.enum(CABIN_CODES),
    name: z.string().min(1).max(40),
    firstRow: z.number().int().min(1).max(150),
    lastRow: z.number().int().min(1).max(150),
    seatsAcross: z
      .string()
      .regex(/^[A-HJ-K]+(\|[A-HJ-K]+){0,3}$/, "letters A-K without I, groups split by |"),
    skipRows: z.array(z.number().int()).default([]),
    exitRows: z.array(z.number().int()).default([]),
    extraLegroomRows: z.array(z.number().int()).default([]),
    blockedSeats: z.array(seatId).default([]),
    missingSeats: z.array(seatId).default([]),
    pitchInches: z.number().int().min(20).max(90).optional(),
  })
  .refine((c) => c.lastRow >= c.firstRow, "lastRow must not be before firstRow")
  .refine(
    (c) =>
      new Set(c.seatsAcross.replaceAll("|", "")).size === c.seatsAcross.replaceAll("|", "").length,
    "a letter appears twice in seatsAcross",
  );

/** Validates a whole seat layout: cabins in order F, J, W, Y without overlapping rows. */
export const SeatLayoutSchema = z
  .object({ cabins: z.array(CabinLayoutSchema).min(1).max(4) })
  .refine(
    (l) =>
      l.cabins.every((c, i) =>
        i === 0 ||
        (CABIN_CODES.indexOf(c.code) > CABIN_CODES.indexOf(l.cabins[i - 1].code) &&
          c.firstRow > l.cabins[i - 1].lastRow)
      ),
    "cabins must be ordered front to back (F, J, W, Y) with increasing, non-overlapping rows",
  );

/** A seat layout as stored with an aircraft type. */
export type SeatLayout = z.infer<typeof SeatLayoutSchema>;
/** One cabin of a seat layout. */
export type CabinLayout = z.infer<typeof CabinLayoutSchema>;

/** One seat on the map with its characteristics. */
export interface Seat {
  id: string;
  row: number;
  letter: string;
  cabin: CabinCode;
  window: boolean;
  aisle: boolean;
  middle: boolean;
  exitRow: boolean;
  extraLegroom: boolean;
  blocked: boolean;
}

/** Expands a layout into its seats, front to back and left to right. */
export function expandSeats(layout: SeatLayout): Seat[] {
  const seats: Seat[] = [];
  for (const cabin of layout.cabins) {
    const groups = cabin.seatsAcross.split("|");
    const first = groups[0][0];
    const last = groups[groups.length - 1].at(-1);
    const aisleLetters = new Set<string>();
    groups.forEach((g, i) => {
      if (i > 0) aisleLetters.add(g[0]);
      if (i < groups.length - 1) aisleLetters.add(g[g.length - 1]);
    });
    const skip = new Set(cabin.skipRows);
    const missing = new Set(cabin.missingSeats);
    const blocked = new Set(cabin.blockedSeats);
    for (let row = cabin.firstRow; row <= cabin.lastRow; row++) {
      if (skip.has(row)) continue;
      const exitRow = cabin.exitRows.includes(row);
      for (const letter of groups.join("")) {
        const id = `${row}${letter}`;
        if (missing.has(id)) continue;
        const window = letter === first || letter === last;
        const aisle = aisleLetters.has(letter);
        seats.push({
          id,
          row,
          letter,
          cabin: cabin.code,
          window,
          aisle,
          middle: !window && !aisle,
          exitRow,
          extraLegroom: exitRow || cabin.extraLegroomRows.includes(row),
          blocked: blocked.has(id),
        });
      }
    }
  }
  return seats;
}

/** Seats per cabin, counting blocked seats (they exist but are not for sale). */
export function cabinCapacities(layout: SeatLayout): Partial<Record<CabinCode, number>> {
  const counts: Partial<Record<CabinCode, number>> = {};
  for (const seat of expandSeats(layout)) counts[seat.cabin] = (counts[seat.cabin] ?? 0) + 1;
  return counts;
}

/** One problem with a layout: a path into it (as in a validation error) and a message. */
export interface LayoutProblem {
  path: string;
  message: string;
}

/**
 * Checks SeatLayoutSchema leaves to the caller: blockedSeats and missingSeats must name seats
 * of their own cabin (a row from firstRow to lastRow that is not skipped, a letter of
 * seatsAcross), a blocked seat must not also be missing, and every cabin keeps a seat.
 */
export function layoutSeatProblems(layout: SeatLayout): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  layout.cabins.forEach((cabin, i) => {
    const letters = cabin.seatsAcross.replaceAll("|", "");
    const where = `the ${cabin.code} cabin (rows ${cabin.firstRow}-${cabin.lastRow}` +
      `${cabin.skipRows.length ? ` without ${cabin.skipRows.join(", ")}` : ""}, seats ${letters})`;
    const missing = new Set(cabin.missingSeats);
    for (const field of ["blockedSeats", "missingSeats"] as const) {
      cabin[field].forEach((id, j) => {
        const path = `cabins.${i}.${field}.${j}`;
        if (!seatInCabin(cabin, id)) {
          problems.push({ path, message: `seat ${id} is not in ${where}` });
        } else if (field === "blockedSeats" && missing.has(id)) {
          problems.push({ path, message: `seat ${id} is also listed in missingSeats` });
        }
      });
    }
    if (expandSeats({ cabins: [cabin] }).length === 0) {
      problems.push({ path: `cabins.${i}`, message: `${where} has no seats left` });
    }
  });
  return problems;
}

function seatInCabin(cabin: CabinLayout, id: string): boolean {
  const match = /^([0-9]+)([A-Z])$/.exec(id);
  if (!match) return false;
  const row = Number(match[1]);
  return row >= cabin.firstRow && row <= cabin.lastRow && !cabin.skipRows.includes(row) &&
    cabin.seatsAcross.replaceAll("|", "").includes(match[2]);
}
