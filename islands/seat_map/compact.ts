/**
 * The seat map as island props carry it: one short string of rows per cabin instead of an
 * object per seat (a 300-seat map is about 1 KB of JSON instead of 70 KB). A row is
 * `<number><marks>:<states>`, rows split by `;`: marks `x` exit row, `l` extra legroom; one
 * state per letter of `seatsAcross` (`f` free, `h` held, `s` sold, `b` blocked, `-` no seat).
 * Window and aisle seats follow from `seatsAcross`, as the layout defines them. Browser-safe.
 */
import type { CabinView, SeatMapView, SeatView } from "../../domain/inventory/view.ts";

/** One cabin of a compact seat map; `fees` maps a row number to its seat fee (minor units). */
export interface CompactCabin extends Omit<CabinView, "rows"> {
  rows: string;
  fees?: Record<string, number>;
}

/** A seat map as island props carry it. */
export interface CompactSeatMap extends Omit<SeatMapView, "cabins"> {
  cabins: CompactCabin[];
}

const STATE_CODES: Record<SeatView["status"], string> = {
  free: "f",
  held: "h",
  sold: "s",
  blocked: "b",
};
const STATES: Record<string, SeatView["status"]> = {
  f: "free",
  h: "held",
  s: "sold",
  b: "blocked",
};

/** Encodes a seat map's cabins (with each cabin's row fees, if any) for island props. */
export function compactSeatMap(
  view: SeatMapView,
  fees: Partial<Record<string, Record<string, number>>> = {},
): CompactSeatMap {
  return {
    ...view,
    cabins: view.cabins.map(({ rows, ...cabin }) => {
      const letters = cabin.seatsAcross.replaceAll("|", "");
      const encoded = rows.map(({ row, seats }) => {
        const byLetter = new Map(seats.map((s) => [s.letter, s]));
        const marks = (seats.some((s) => s.exitRow) ? "x" : "") +
          (seats.some((s) => s.extraLegroom && !s.exitRow) ? "l" : "");
        const states = [...letters].map((l) => {
          const s = byLetter.get(l);
          return s ? STATE_CODES[s.status] : "-";
        }).join("");
        return `${row}${marks}:${states}`;
      }).join(";");
      const cabinFees = fees[cabin.code];
      return {
        ...cabin,
        rows: encoded,
        ...(cabinFees && Object.keys(cabinFees).length ? { fees: cabinFees } : {}),
      };
    }),
  };
}

/** Decodes a compact seat map back to the view the live map works on. */
export function expandSeatMap(compact: CompactSeatMap): SeatMapView {
  return {
    flightId: compact.flightId,
    currency: compact.currency,
    seq: compact.seq,
    cabins: compact.cabins.map(({ rows, fees: _, ...cabin }) => {
      const groups = cabin.seatsAcross.split("|");
      const letters = groups.join("");
      const aisle = new Set(
        groups.flatMap((
          g,
          i,
        ) => [...(i > 0 ? [g[0]] : []), ...(i < groups.length - 1 ? [g.at(-1)!] : [])]),
      );
      const edge = [letters[0], letters.at(-1)];
      return {
        ...cabin,
        rows: rows
          ? rows.split(";").map((entry) => {
            const [head, states] = entry.split(":");
            const row = parseInt(head, 10);
            const exitRow = head.includes("x");
            const extraLegroom = exitRow || head.includes("l");
            const seats: SeatView[] = [];
            [...states].forEach((code, i) => {
              if (code === "-") return;
              const letter = letters[i];
              seats.push({
                id: `${row}${letter}`,
                row,
                letter,
                window: edge.includes(letter),
                aisle: aisle.has(letter),
                exitRow,
                extraLegroom,
                status: STATES[code] ?? "blocked",
              });
            });
            return { row, seats };
          })
          : [],
      };
    }),
  };
}

/** Each cabin's row fees of a compact map, by cabin code then row number. */
export function rowFeesOf(compact: CompactSeatMap): Record<string, Record<string, number>> {
  return Object.fromEntries(compact.cabins.map((c) => [c.code, c.fees ?? {}]));
}
