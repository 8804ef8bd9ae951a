/** Props of SeatSummary. */
export interface SeatSummaryProps {
  /** The chosen seats, in the party's order. */
  seats: string[];
  /** The chosen seats' fees in minor units. */
  fees: number;
  /** What the party pays in all, formatted, when known. */
  total?: string;
  money: (minor: number) => string;
  /** The id of the form the action submits (the flight page's booking form); none: no action. */
  form?: string;
  /** Said when no seat is chosen yet. */
  empty: string;
}

/**
 * The chosen seats with their fees and the booking action, kept in view at the bottom of the
 * screen while the map scrolls (phones: the map is longer than the screen).
 */
export function SeatSummary(p: SeatSummaryProps) {
  return (
    <div class="seat-summary">
      <p>
        {p.seats.length
          ? `Your ${p.seats.length > 1 ? "seats" : "seat"}: ${p.seats.join(", ")}`
          : p.empty}
        {p.fees > 0 && <span class="fee-note">{` · Seat fees ${p.money(p.fees)}`}</span>}
        {p.total && <strong>{` · Total ${p.total}`}</strong>}
      </p>
      {p.form && <button type="submit" form={p.form}>Book this flight</button>}
    </div>
  );
}
