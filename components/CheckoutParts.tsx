import type { SeatMapView, SeatView } from "../domain/inventory/view.ts";

const TEST_CARDS: [string, string][] = [
  ["4242 4242 4242 4242", "approved"],
  ["4000 0000 0000 0002", "declined"],
  ["4000 0000 0000 9995", "declined: insufficient funds"],
  ["4000 0000 0000 0119", "processing error (try again: you are not charged twice)"],
];

/** The simulated gateway's test cards, explained next to the card form. */
export function TestCards() {
  return (
    <details class="test-cards">
      <summary>Test cards (no real money moves)</summary>
      <p>
        Use any future expiry date, any 3-digit code and any name. Other valid card numbers are
        approved.
      </p>
      <table class="trip-table">
        <caption class="visually-hidden">Test card numbers and their results</caption>
        <thead>
          <tr>
            <th scope="col">Card number</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {TEST_CARDS.map(([number, result]) => (
            <tr key={number}>
              <td class="mono">{number}</td>
              <td>{result}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function seatFeatures(seat: SeatView | undefined): string {
  if (!seat) return "";
  const parts = [
    seat.window && "window",
    seat.aisle && "aisle",
    !seat.window && !seat.aisle && "middle",
    seat.exitRow && "exit row",
    seat.extraLegroom && "extra legroom",
  ].filter(Boolean);
  return parts.join(", ");
}

/** The seats of a hold that ended, as a read-only list with what kind of seat each is. */
export function SeatList({ seats, snapshot }: { seats: string[]; snapshot: SeatMapView }) {
  const byId = new Map(
    snapshot.cabins.flatMap((c) => c.rows.flatMap((r) => r.seats)).map((s) => [s.id, s]),
  );
  return (
    <section class="card" aria-labelledby="seats-title">
      <h2 id="seats-title">Your seats</h2>
      <p>These seats were held for you; the hold has ended and they are back on sale.</p>
      <ul class="seat-list">
        {seats.map((id) => {
          const features = seatFeatures(byId.get(id));
          return (
            <li key={id}>
              <strong>{id}</strong>
              {features && ` (${features})`}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
