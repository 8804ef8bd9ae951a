/**
 * Seat fees: extra legroom, exit-row and front-row seats may cost a fee on top of the fare,
 * set per cabin by operators for an aircraft type, or for one flight. A seat pays one fee,
 * the highest that applies to its row. Pure.
 */
import { z } from "zod";
import { CABIN_CODES, type CabinCode, type SeatLayout } from "./seat_layout.ts";

const fee = z.number().int().min(0).max(1_000_000);

/** One cabin's seat fees in minor units; `frontRows` counts the cabin's first rows. */
export const CabinSeatFeesSchema = z.object({
  exitRow: fee.default(0),
  extraLegroom: fee.default(0),
  frontRows: z.number().int().min(0).max(20).default(0),
  frontRowFee: fee.default(0),
}).strict();

/** Seat fees per cabin code; a cabin left out charges none. */
export const SeatFeesSchema = z.object(
  Object.fromEntries(CABIN_CODES.map((c) => [c, CabinSeatFeesSchema.optional()])) as Record<
    CabinCode,
    z.ZodOptional<typeof CabinSeatFeesSchema>
  >,
).strict();

/** Seat fees per cabin, as operators set them. */
export type SeatFees = z.infer<typeof SeatFeesSchema>;
/** One cabin's seat fees. */
export type CabinSeatFees = z.infer<typeof CabinSeatFeesSchema>;

/** The fee of each row that has one, per cabin: `{ Y: { "12": 2500 } }`. */
export type CabinRowFees = Partial<Record<CabinCode, Record<string, number>>>;

/** The fee of each row that has one, per cabin, under `fees`. */
export function rowFees(layout: SeatLayout, fees: SeatFees): CabinRowFees {
  const out: CabinRowFees = {};
  for (const cabin of layout.cabins) {
    const f = fees[cabin.code];
    if (!f) continue;
    const byRow: Record<string, number> = {};
    let place = 0;
    for (let row = cabin.firstRow; row <= cabin.lastRow; row++) {
      if (cabin.skipRows.includes(row)) continue;
      const amount = Math.max(
        cabin.exitRows.includes(row) ? f.exitRow : 0,
        cabin.exitRows.includes(row) || cabin.extraLegroomRows.includes(row) ? f.extraLegroom : 0,
        place < f.frontRows ? f.frontRowFee : 0,
      );
      if (amount > 0) byRow[row] = amount;
      place++;
    }
    if (Object.keys(byRow).length) out[cabin.code] = byRow;
  }
  return out;
}

/** The fees of `seats` (ids like "12A") under `fees`; seats in no priced row cost nothing. */
export function seatsFee(layout: SeatLayout, fees: SeatFees, seats: readonly string[]): number {
  const rows = rowFees(layout, fees);
  let total = 0;
  for (const id of seats) {
    const row = parseInt(id, 10);
    const cabin = layout.cabins.find((c) => row >= c.firstRow && row <= c.lastRow);
    total += (cabin && rows[cabin.code]?.[row]) || 0;
  }
  return total;
}
