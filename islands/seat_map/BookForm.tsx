import type { CabinView } from "../../domain/inventory/view.ts";

/** Props of BookForm. */
export interface BookFormProps {
  flightId: string;
  cabins: CabinView[];
  cabin: string;
  passengers: string;
  /** Seats picked on the map; carried to the hold when there is one per passenger. */
  seats: string[];
  onCabin: (code: string) => void;
  onPassengers: (n: string) => void;
  money: (minor: number) => string;
  /** The form's id: the seat summary's Book button submits it from outside. */
  id: string;
}

/**
 * "Book this flight": a GET form to the booking page with the cabin, party size and seats. Its
 * submit button lives in the seat summary (`form` attribute), which stays on screen.
 */
export function BookForm(p: BookFormProps) {
  return (
    <form
      id={p.id}
      class="book-form"
      method="get"
      action={`/book/${encodeURIComponent(p.flightId)}`}
    >
      <h3>Book this flight</h3>
      {p.seats.map((s) => <input key={s} type="hidden" name="seat" value={s} />)}
      <div class="field">
        <label for="book-cabin">Cabin</label>
        <select id="book-cabin" name="cabin" onChange={(e) => p.onCabin(e.currentTarget.value)}>
          {p.cabins.map((c) => (
            <option
              key={c.code}
              value={c.code}
              selected={c.code === p.cabin}
              disabled={c.price === undefined}
            >
              {`${c.name}: ${c.price === undefined ? "sold out" : `${p.money(c.price)} per seat`}`}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="book-passengers">Passengers</label>
        <select
          id="book-passengers"
          name="passengers"
          onChange={(e) => p.onPassengers(e.currentTarget.value)}
        >
          {Array.from({ length: 9 }, (_, i) => String(i + 1)).map((n) => (
            <option key={n} value={n} selected={n === p.passengers}>{n}</option>
          ))}
        </select>
      </div>
    </form>
  );
}

/** The cabin the form starts with: economy if on sale, else the first cabin on sale. */
export function defaultCabin(cabins: CabinView[]): string {
  return (cabins.find((c) => c.code === "Y" && c.price !== undefined) ??
    cabins.find((c) => c.price !== undefined) ?? cabins[cabins.length - 1])?.code ?? "Y";
}
