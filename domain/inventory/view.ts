import type { CabinCode } from "../seat_layout.ts";
import { quote } from "./pricing.ts";
import { cabinCounters, type Inventory, pricingDemand } from "./state.ts";

/** A seat as anyone may see it: its place, its kind and whether it can be chosen. */
export interface SeatView {
  id: string;
  row: number;
  letter: string;
  window: boolean;
  aisle: boolean;
  exitRow: boolean;
  extraLegroom: boolean;
  status: "free" | "held" | "sold" | "blocked";
}

/** A cabin's live availability and the price one seat would cost now. */
export interface CabinView {
  code: CabinCode;
  name: string;
  seatsLeft: number;
  /** Price per seat in minor units if held now; absent when sold out. */
  price?: number;
  bucket?: string;
  rows: { row: number; seats: SeatView[] }[];
  seatsAcross: string;
}

/** The public seat map of a flight: no hold ids, owners or bookings. */
export interface SeatMapView {
  flightId: string;
  currency: string;
  seq: number;
  cabins: CabinView[];
}

/**
 * Availability and price per seat for a party of `party` in each cabin, without the seats
 * (search results, flight details). No price where the party does not fit.
 */
export function cabinOffers(inv: Inventory, now: number, party = 1) {
  const counters = cabinCounters(inv);
  return inv.state.cabins.map((c) => {
    const left = counters.find((k) => k.cabin === c.code)!.available;
    const q = left >= party
      ? quote(c, pricingDemand(inv, c), party, inv.state.departureAt - now)
      : undefined;
    return { code: c.code, seatsLeft: left, price: q?.unitPrice, bucket: q?.bucket };
  });
}

/** Builds the public seat map at time `now`. */
export function seatMapView(inv: Inventory, now: number): SeatMapView {
  const offers = new Map(cabinOffers(inv, now).map((o) => [o.code, o]));
  const cabins: CabinView[] = inv.state.layout.cabins.map((layout) => {
    const rows: CabinView["rows"] = [];
    for (const seat of inv.seatList) {
      if (seat.cabin !== layout.code) continue;
      const status = inv.taken.get(seat.id)?.kind ?? "free";
      const view: SeatView = {
        id: seat.id,
        row: seat.row,
        letter: seat.letter,
        window: seat.window,
        aisle: seat.aisle,
        exitRow: seat.exitRow,
        extraLegroom: seat.extraLegroom,
        status,
      };
      const last = rows[rows.length - 1];
      if (last?.row === seat.row) last.seats.push(view);
      else rows.push({ row: seat.row, seats: [view] });
    }
    const offer = offers.get(layout.code);
    return {
      code: layout.code,
      name: layout.name,
      seatsLeft: offer?.seatsLeft ?? 0,
      price: offer?.price,
      bucket: offer?.bucket,
      rows,
      seatsAcross: layout.seatsAcross,
    };
  });
  return { flightId: inv.state.flightId, currency: inv.state.currency, seq: inv.state.seq, cabins };
}
