import type { CabinView, SeatView } from "../../domain/inventory/view.ts";

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
  /** Row fees of the cabin by row number: those rows' seats get a fee mark. */
  fees?: Record<string, number>;
  /** The seat that takes Tab focus (roving tabindex); else the cabin's first free seat. */
  focusId?: string;
  onPick?: (id: string) => void;
  onFocusSeat?: (id: string) => void;
}

const SYMBOL: Record<SeatLook["kind"], string | undefined> = {
  free: undefined,
  selected: undefined,
  mine: "✓",
  taken: "✕",
  blocked: "–",
};

const seatOf = (el: EventTarget | null) =>
  ((el as HTMLElement | null)?.closest?.("button[data-seat]") ?? null) as HTMLButtonElement | null;

/**
 * Arrow keys move between seats (up and down to the same letter in the nearest row that has
 * it, skipping aisles and missing seats), Home/End along a row.
 */
function onGridKey(e: KeyboardEvent) {
  const button = seatOf(e.target);
  if (!button) return;
  const row = button.parentElement!;
  const seats = (r: Element | null) => [...(r?.querySelectorAll<HTMLElement>("[data-seat]") ?? [])];
  const letter = button.dataset.seat!.slice(-1);
  let target: HTMLElement | undefined;
  if (e.key === "Home" || e.key === "End") {
    const all = seats(row);
    target = e.key === "Home" ? all[0] : all.at(-1);
  } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
    const all = seats(row);
    target = all[all.indexOf(button) + (e.key === "ArrowLeft" ? -1 : 1)];
  } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
    const step = e.key === "ArrowUp" ? "previousElementSibling" : "nextElementSibling";
    for (let r = row[step]; r && !target; r = r[step]) {
      target = seats(r).find((s) => s.dataset.seat!.slice(-1) === letter);
    }
  } else return;
  e.preventDefault();
  target?.focus();
}

/**
 * One cabin as rows of seat buttons: one element per seat and one per row, behaviour attached
 * once to the cabin (event delegation), so hydrating hundreds of seats stays cheap.
 */
export function SeatGrid({ cabin, look, fees, focusId, onPick, onFocusSeat }: SeatGridProps) {
  const groups = cabin.seatsAcross.split("|");
  const afterAisle = new Set(groups.slice(1).map((g) => g[0]));
  const letters = groups.join("");
  const seats = cabin.rows.flatMap((r) => r.seats);
  const tabbable = seats.some((s) => s.id === focusId)
    ? focusId
    : (seats.find((s) => !look(s).disabled) ?? seats[0])?.id;
  return (
    <div
      class="seat-grid"
      role="group"
      aria-label={`${cabin.name} seats`}
      onKeyDown={onGridKey}
      onClick={(e) => {
        const b = seatOf(e.target);
        if (b && b.getAttribute("aria-disabled") !== "true") onPick?.(b.dataset.seat!);
      }}
      onFocusIn={(e) => {
        const b = seatOf(e.target);
        if (b) onFocusSeat?.(b.dataset.seat!);
      }}
    >
      <div class="seat-row seat-letters" aria-hidden="true">
        <span class="row-no" />
        {[...letters].map((l) => (
          <span key={l} class={afterAisle.has(l) ? "aa" : undefined}>{l}</span>
        ))}
      </div>
      {cabin.rows.map(({ row, seats }) => {
        const exit = seats.some((s) => s.exitRow);
        const legroom = seats.some((s) => s.extraLegroom);
        const byLetter = new Map(seats.map((s) => [s.letter, s]));
        const fee = fees?.[row] ? " seat-fee" : "";
        return (
          <div key={row} class={`seat-row${exit ? " exit-row" : legroom ? " legroom-row" : ""}`}>
            <span class="row-no" aria-hidden="true">{row}</span>
            {[...letters].map((letter) => {
              const seat = byLetter.get(letter);
              const aa = afterAisle.has(letter) ? " aa" : "";
              if (!seat) {
                return <span key={letter} class={`no-seat${aa}`} />;
              }
              const l = look(seat);
              return (
                <button
                  type="button"
                  key={letter}
                  class={`seat seat-${l.kind}${
                    seat.extraLegroom ? " seat-legroom" : ""
                  }${fee}${aa}`}
                  data-seat={seat.id}
                  aria-label={l.label}
                  aria-disabled={l.disabled ? "true" : undefined}
                  aria-pressed={l.kind === "mine" || l.kind === "selected" ? "true" : "false"}
                  tabIndex={seat.id === tabbable ? 0 : -1}
                >
                  {SYMBOL[l.kind] ?? letter}
                </button>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
