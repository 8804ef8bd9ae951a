import { useState } from "preact/hooks";
import type { CabinFields } from "../../domain/layout_edit.ts";
import {
  cabinGrid,
  ROW_MARK_LABEL,
  rowMark,
  SEAT_MARK_LABEL,
  seatMark,
  sellableSeats,
} from "../../domain/layout_grid.ts";

/** Props of SeatGrid. */
export interface SeatGridProps {
  cabin: CabinFields;
  /** Position of the cabin in the layout, for unique ids. */
  index: number;
  onSeat: (id: string) => void;
  onRow: (row: number) => void;
}

const MOVES: Record<string, [dr: number, dc: number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/**
 * One cabin's seats as a WAI-ARIA grid: one tab stop, arrow keys (Home/End, Ctrl+Home/End)
 * move between the row headers and seats, Enter or Space acts. Column 0 is the row header.
 */
export function SeatGrid({ cabin, index, onSeat, onRow }: SeatGridProps) {
  const [at, setAt] = useState<[number, number]>([0, 1]);
  const grid = cabinGrid(cabin);
  if (!grid || grid.rows.length === 0) {
    return <p class="hint">Enter valid rows and seats across to draw this cabin.</p>;
  }
  const letters = grid.groups.flat();
  const cols = letters.length + 1;
  const [r0, c0] = [Math.min(at[0], grid.rows.length - 1), Math.min(at[1], cols - 1)];
  const helpId = `seat-help-${index}`;

  function onKeyDown(e: KeyboardEvent) {
    const target = e.target as HTMLElement;
    if (!target.dataset.r) return;
    let [r, c] = [Number(target.dataset.r), Number(target.dataset.c)];
    if (MOVES[e.key]) {
      r = Math.max(0, Math.min(grid!.rows.length - 1, r + MOVES[e.key][0]));
      c = Math.max(0, Math.min(cols - 1, c + MOVES[e.key][1]));
    } else if (e.key === "Home") {
      [r, c] = e.ctrlKey ? [0, 0] : [r, 0];
    } else if (e.key === "End") {
      [r, c] = e.ctrlKey ? [grid!.rows.length - 1, cols - 1] : [r, cols - 1];
    } else return;
    e.preventDefault();
    setAt([r, c]);
    const table = target.closest("table");
    table?.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${c}"]`)?.focus();
  }

  const tab = (r: number, c: number) => (r === r0 && c === c0 ? 0 : -1);
  return (
    <div class="seat-grid-wrap">
      <p class="hint" id={helpId}>
        Seats cycle for sale → blocked → missing; row numbers cycle standard → exit row → extra
        legroom. Arrow keys move, Enter or Space changes. {sellableSeats(cabin)} seats for sale.
      </p>
      <table
        role="grid"
        class="seat-grid"
        aria-label={`Seat map, cabin ${cabin.code || index + 1}`}
        aria-describedby={helpId}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            <th scope="col">Row</th>
            {grid.groups.map((g, gi) => [
              gi > 0 && <td key={`aisle-${gi}`} class="aisle" />,
              ...g.map((l) => <th key={l} scope="col">{l}</th>),
            ])}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row, r) => {
            const mark = rowMark(cabin, row);
            let c = 0;
            return (
              <tr key={row}>
                <th scope="row">
                  <button
                    type="button"
                    class={`row-toggle row-${mark}`}
                    data-r={r}
                    data-c={0}
                    tabIndex={tab(r, 0)}
                    aria-label={`Row ${row}: ${ROW_MARK_LABEL[mark]}`}
                    onClick={() => (setAt([r, 0]), onRow(row))}
                  >
                    {row}
                    {mark !== "none" && (
                      <span aria-hidden="true">{mark === "exit" ? " EXIT" : " +"}</span>
                    )}
                  </button>
                </th>
                {grid.groups.map((g, gi) => [
                  gi > 0 && <td key={`aisle-${gi}`} class="aisle" />,
                  ...g.map((letter) => {
                    const id = `${row}${letter}`;
                    const seat = seatMark(cabin, id);
                    const col = ++c;
                    return (
                      <td key={id}>
                        <button
                          type="button"
                          class={`seat seat-${seat}`}
                          data-r={r}
                          data-c={col}
                          tabIndex={tab(r, col)}
                          aria-label={`Seat ${id}: ${SEAT_MARK_LABEL[seat]}`}
                          onClick={() => (setAt([r, col]), onSeat(id))}
                        >
                          {seat === "missing" ? "·" : letter}
                        </button>
                      </td>
                    );
                  }),
                ])}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
