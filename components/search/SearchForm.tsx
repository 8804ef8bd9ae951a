import AirportCombobox from "../../islands/AirportCombobox.tsx";
import { CABIN_NAMES } from "./format.ts";

/** What the search form shows: the fields as typed, and a message per invalid field. */
export interface SearchFormProps {
  values: {
    from?: string;
    to?: string;
    date?: string;
    returnDate?: string;
    cabin?: string;
    passengers?: string;
  };
  errors?: Record<string, string>;
  /** The earliest date to offer ("YYYY-MM-DD", today at the server). */
  minDate: string;
  /** A compact form (results page) rather than the big one on the start page. */
  compact?: boolean;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? <p id={id} class="field-error">{message}</p> : null;
}

/**
 * The flight search: a plain GET form to /search, airports with autosuggest once hydrated; a
 * return date makes it a round trip.
 */
export function SearchForm({ values, errors = {}, minDate, compact }: SearchFormProps) {
  const invalid = (field: string) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": `search-${field}-error` } : {};
  return (
    <form
      class={compact ? "search-form compact" : "search-form"}
      method="get"
      action="/search"
      role="search"
      aria-label="Flight search"
    >
      <AirportCombobox
        id="search-from"
        name="from"
        label="Flying from"
        value={values.from}
        error={errors.from}
      />
      <AirportCombobox
        id="search-to"
        name="to"
        label="Flying to"
        value={values.to}
        error={errors.to}
      />
      <div class="field">
        <label for="search-date">Date</label>
        <input
          id="search-date"
          type="date"
          name="date"
          required
          min={minDate}
          value={values.date ?? minDate}
          {...invalid("date")}
        />
        <FieldError id="search-date-error" message={errors.date} />
      </div>
      <div class="field">
        <label for="search-return">Return (optional)</label>
        <input
          id="search-return"
          type="date"
          name="returnDate"
          min={minDate}
          value={values.returnDate ?? ""}
          {...invalid("returnDate")}
        />
        <FieldError id="search-returnDate-error" message={errors.returnDate} />
      </div>
      <div class="field">
        <label for="search-cabin">Cabin</label>
        <select id="search-cabin" name="cabin" {...invalid("cabin")}>
          {["Y", "W", "J", "F"].map((code) => (
            <option key={code} value={code} selected={(values.cabin ?? "Y") === code}>
              {CABIN_NAMES[code]}
            </option>
          ))}
        </select>
        <FieldError id="search-cabin-error" message={errors.cabin} />
      </div>
      <div class="field">
        <label for="search-passengers">Passengers</label>
        <select id="search-passengers" name="passengers" {...invalid("passengers")}>
          {Array.from({ length: 9 }, (_, i) => String(i + 1)).map((n) => (
            <option key={n} value={n} selected={(values.passengers ?? "1") === n}>{n}</option>
          ))}
        </select>
        <FieldError id="search-passengers-error" message={errors.passengers} />
      </div>
      <button type="submit">Search flights</button>
    </form>
  );
}
