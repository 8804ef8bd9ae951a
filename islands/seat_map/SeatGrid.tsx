import type { CabinView, SeatView } from "../../domain/inventory/view.ts";
import { seatColumns } from "./model.ts";

/** How one seat shows: its look, its spoken label, and whether it can be picked. */
export interface SeatLook {
  kind: "free" | "taken" | "blocked" | "mine" | "selected";
  label: string;
  disabled: boolean;
}

/** Props of SeatGrid. */
export interface SeatGridProps {
  cabin: CabinView;
  look: (seat: SeatView) => SeatLook;
  /** The seat that takes Tab focus (roving tabindex); else the cabin's first free seat. */
  focusId?: string;
  onPick?: (seat: SeatView) => void;
  onFocusSeat?: (id: string) => void;
}

const SYMBOL: Record<SeatLook["kind"], string | undefined> = {
  free: undefined,
  selected: undefined,
  mine: "✓",
  taken: "✕",
  blocked: "–",
};

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** Arrow keys move between seats (skipping aisles and missing seats), Home/End along a row. */
function onGridKey(e: KeyboardEvent) {
  const button = (e.target as HTMLElement).closest<HTMLElement>("button[data-seat]");
  const table = e.currentTarget as HTMLTableElement;
  if (!button) return;
  const cell = button.parentElement as HTMLTableCellElement;
  let r = (cell.parentElement as HTMLTableRowElement).rowIndex;
  let c = cell.cellIndex;
  const seatAt = (row: number, col: number) =>
    table.rows[row]?.cells[col]?.querySelector<HTMLElement>("button[data-seat]");
  let target: HTMLElement | null | undefined;
  if (e.key === "Home" || e.key === "End") {
    const seats = table.rows[r].querySelectorAll<HTMLElement>("button[data-seat]");
    target = e.key === "Home" ? seats[0] : seats[seats.length - 1];
  } else if (MOVES[e.key]) {
    const [dr, dc] = MOVES[e.key];
    while (!target && table.rows[r + dr]?.cells[c + dc]) {
      r += dr;
      c += dc;
      target = seatAt(r, c);
    }
  } else return;
  e.preventDefault();
  target?.focus();
}

/** One cabin as a keyboard-operable grid of seat buttons (a table: rows and seat letters). */
export function SeatGrid({ cabin, look, focusId, onPick, onFocusSeat }: SeatGridProps) {
  const columns = seatColumns(cabin.seatsAcross);
  const seats = cabin.rows.flatMap((r) => r.seats);
  const tabbable = seats.some((s) => s.id === focusId)
    ? focusId
    : (seats.find((s) => !look(s).disabled) ?? seats[0])?.id;
  return (
    <div class="seat-grid-wrap">
      <table role="grid" class="seat-grid" aria-label={`${cabin.name} seats`} onKeyDown={onGridKey}>
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">Row</span>
            </th>
            {columns.map((letter, i) =>
              letter
                ? <th key={letter} scope="col">{letter}</th>
                : <td key={`aisle-${i}`} class="aisle" />
            )}
          </tr>
        </thead>
        <tbody>
          {cabin.rows.map(({ row, seats }) => {
            const byLetter = new Map(seats.map((s) => [s.letter, s]));
            const exit = seats.some((s) => s.exitRow);
            const legroom = seats.some((s) => s.extraLegroom);
            return (
              <tr key={row} class={exit ? "exit-row" : legroom ? "legroom-row" : undefined}>
                <th scope="row">
                  {row}
                  {exit && <span class="exit-mark">Exit</span>}
                </th>
                {columns.map((letter, i) => {
                  const seat = letter ? byLetter.get(letter) : undefined;
                  if (!seat) {
                    return <td key={letter ?? `aisle-${i}`} class={letter ? "no-seat" : "aisle"} />;
                  }
                  const l = look(seat);
                  return (
                    <td key={letter}>
                      <button
                        type="button"
                        class={`seat seat-${l.kind}${seat.extraLegroom ? " seat-legroom" : ""}`}
                        data-seat={seat.id}
                        aria-label={l.label}
                        aria-disabled={l.disabled ? true : undefined}
                        aria-pressed={l.kind === "mine" || l.kind === "selected"}
                        tabIndex={seat.id === tabbable ? 0 : -1}
                        onClick={() => !l.disabled && onPick?.(seat)}
                        onFocus={() => onFocusSeat?.(seat.id)}
                      >
                        {SYMBOL[l.kind] ?? seat.letter}
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
