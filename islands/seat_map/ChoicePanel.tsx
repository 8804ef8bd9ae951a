import type { SeatChoice } from "./model.ts";

/** Props of ChoicePanel. */
export interface ChoicePanelProps {
  /** The name of the passenger radio group, unique on the page. */
  group: string;
  choice: SeatChoice;
  pending: boolean;
  notice?: string;
  error?: string;
  onActivate: (passenger: number) => void;
}

/** Whose seat the next pick sets (for parties), and how the last change went. */
export function ChoicePanel(p: ChoicePanelProps) {
  return (
    <div class="seat-choice">
      {p.choice.slots.length > 1 && (
        <fieldset class="passenger-picker">
          <legend>Choosing a seat for</legend>
          {p.choice.slots.map((s, i) => (
            <label key={i}>
              <input
                type="radio"
                name={p.group}
                checked={p.choice.active === i}
                onChange={() => p.onActivate(i)}
              />
              {` Passenger ${i + 1}: ${s ?? "no seat yet"}`}
            </label>
          ))}
        </fieldset>
      )}
      <p role="status" class="seat-notice">{p.pending ? "Holding your seats…" : p.notice ?? ""}</p>
      <div role="alert">{p.error && <p class="form-error">{p.error}</p>}</div>
    </div>
  );
}

const LEGEND = [
  ["free", "A", "Available"],
  ["mine", "✓", "Your seat"],
  ["taken", "✕", "Taken"],
  ["blocked", "–", "Not for sale"],
] as const;

/** What the seat map's marks mean; `fees` adds the seat-fee mark. */
export function SeatLegend({ fees = false }: { fees?: boolean }) {
  return (
    <ul class="seat-legend" aria-label="Legend">
      {LEGEND.map(([kind, symbol, text]) => (
        <li key={kind}>
          <span class={`seat seat-${kind}`} aria-hidden="true">{symbol}</span> {text}
        </li>
      ))}
      <li>
        <span class="exit-mark">Exit</span> Exit row (extra legroom)
      </li>
      {fees && (
        <li>
          <span class="seat seat-free seat-fee" aria-hidden="true">A</span>{" "}
          Seat fee: the seat's label says how much
        </li>
      )}
    </ul>
  );
}
