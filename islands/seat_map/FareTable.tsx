import type { CabinView } from "../../domain/inventory/view.ts";
import { seatTypeCounts } from "./model.ts";

/** Props of FareTable. */
export interface FareTableProps {
  cabins: CabinView[];
  formatPrice: (minor: number) => string;
}

/**
 * Live fares per cabin and seat type. A seat's price is its cabin's fare (choosing a seat
 * costs nothing extra), so each type shows that fare with its free seats.
 */
export function FareTable({ cabins, formatPrice }: FareTableProps) {
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
          const types = seatTypeCounts(cabin);
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
                  <td>{t.free > 0 ? price : "—"}</td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
