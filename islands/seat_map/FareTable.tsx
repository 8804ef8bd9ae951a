import type { CabinView } from "../../domain/inventory/view.ts";
import { seatTypeCounts } from "./model.ts";

/** Props of FareTable. */
export interface FareTableProps {
  cabins: CabinView[];
  formatPrice: (minor: number) => string;
  /** Row fees per cabin code (see seat_map/compact.ts). */
  fees?: Record<string, Record<string, number>>;
}

/**
 * Live fares per cabin and seat type. A seat's price is its cabin's fare plus the seat fee of
 * its row, if any (exit rows, extra legroom, front rows), so each type shows both.
 */
export function FareTable({ cabins, formatPrice, fees = {} }: FareTableProps) {
  return (
    <div class="table-wrap">
      <table class="seat-table fare-table">
        <caption>Fares per seat now, by cabin and seat type</caption>
        <thead>
          <tr>
            <th scope="col">Cabin</th>
            <th scope="col">Seat type</th>
            <th scope="col">Free seats</th>
            <th scope="col">Price per seat</th>
          </tr>
        </thead>
        {cabins.map((cabin) => {
          const types = seatTypeCounts(cabin, fees[cabin.code]);
          const price = cabin.price === undefined ? "Sold out" : formatPrice(cabin.price);
          return (
            <tbody key={cabin.code}>
              <tr class="cabin-total">
                <th scope="rowgroup" rowSpan={types.length + 1}>
                  {cabin.name}
                  {cabin.bucket && <span class="muted">{` (fare class ${cabin.bucket})`}</span>}
                </th>
                <td>All seats</td>
                <td>{cabin.seatsLeft}</td>
                <td>
                  <strong>{price}</strong>
                </td>
              </tr>
              {types.map((t) => (
                <tr key={t.type}>
                  <td>{t.type}</td>
                  <td>{t.free}</td>
                  <td>
                    {t.free > 0 ? price : "—"}
                    {t.free > 0 && t.fees && cabin.price !== undefined &&
                      ` + ${feeRange(t.fees, formatPrice)} seat fee`}
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

/** "$25", "$10–$25" when the seats of a type pay different fees, "up to $25" when some none. */
function feeRange([min, max]: [number, number], money: (minor: number) => string): string {
  if (min === max) return money(max);
  return min === 0 ? `up to ${money(max)}` : `${money(min)}–${money(max)}`;
}
