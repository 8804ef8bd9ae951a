import type { CabinView, SeatView } from "../../domain/inventory/view.ts";
import { useState } from "preact/hooks";
import type { SeatLook } from "./SeatGrid.tsx";
import { seatPosition } from "./model.ts";

/** Props of SeatList. */
export interface SeatListProps {
  cabins: CabinView[];
  look: (seat: SeatView) => SeatLook;
  /** Formatted price per seat of a cabin, or undefined to leave the column out. */
  price?: (cabin: CabinView) => string | undefined;
  /** A seat's formatted seat fee, if it has one. */
  fee?: (seat: SeatView) => string | undefined;
  /** The action's visible word, e.g. "Choose" or "Select". */
  action: string;
  onPick?: (seat: SeatView) => void;
}

function features(s: SeatView): string {
  return [s.exitRow && "exit row", s.extraLegroom && !s.exitRow && "extra legroom"]
    .filter(Boolean).join(", ") || "—";
}

/**
 * The seat map's alternative for screen readers and small screens: each cabin's available
 * (and the user's own) seats in a table, inside a disclosure. The tables are drawn when it is
 * opened: closed, the page carries none of their hundreds of elements.
 */
export function SeatList({ cabins, look, price, fee, action, onPick }: SeatListProps) {
  const [open, setOpen] = useState(false);
  return (
    <details class="seat-list" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Available seats as a list</summary>
      {open && cabins.map((cabin) => {
        const seats = cabin.rows.flatMap((r) => r.seats).filter((s) => !look(s).disabled);
        const cost = price?.(cabin);
        return (
          <table key={cabin.code} class="seat-table">
            <caption>
              {`${cabin.name}: ${seats.length} ${seats.length === 1 ? "seat" : "seats"}`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Seat</th>
                <th scope="col">Position</th>
                <th scope="col">Features</th>
                {price && <th scope="col">Price</th>}
                {fee && <th scope="col">Seat fee</th>}
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {seats.map((s) => {
                const l = look(s);
                const own = l.kind === "mine" || l.kind === "selected";
                return (
                  <tr key={s.id}>
                    <th scope="row">{s.id}</th>
                    <td>{seatPosition(s)}</td>
                    <td>{features(s)}</td>
                    {price && <td>{cost ?? "—"}</td>}
                    {fee && <td>{fee(s) ?? "—"}</td>}
                    <td>
                      <button
                        type="button"
                        class="secondary small"
                        aria-pressed={own}
                        onClick={() => onPick?.(s)}
                      >
                        {own ? "Chosen" : action}
                        <span class="visually-hidden">{` seat ${s.id}`}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
    </details>
  );
}
