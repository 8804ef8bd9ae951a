import type { SearchValues } from "../../domain/views/search.ts";

/** Props of FilterForm. */
export interface FilterFormProps {
  values: SearchValues;
  errors: Record<string, string>;
  currency: string;
}

const SORTS = [
  ["best", "Best"],
  ["price", "Cheapest first"],
  ["duration", "Fastest first"],
  ["departure", "Earliest departure"],
] as const;

/**
 * Sort and filter controls: a plain GET form that keeps the search it refines (with a round
 * trip's chosen way out). The times filter the way out; the price, a round trip's total.
 */
export function FilterForm({ values, errors, currency }: FilterFormProps) {
  const invalid = (field: string) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": `filter-${field}-error` } : {};
  const message = (field: string) =>
    errors[field] && <p id={`filter-${field}-error`} class="field-error">{errors[field]}</p>;
  return (
    <form class="filters" method="get" action="/search" aria-label="Sort and filter">
      {(["from", "to", "date", "returnDate", "cabin", "passengers", "out"] as const).map((k) =>
        values[k] && <input key={k} type="hidden" name={k} value={values[k]} />
      )}
      <div class="field">
        <label for="filter-sort">Sort by</label>
        <select id="filter-sort" name="sort" {...invalid("sort")}>
          {SORTS.map(([v, text]) => (
            <option key={v} value={v} selected={(values.sort ?? "best") === v}>{text}</option>
          ))}
        </select>
        {message("sort")}
      </div>
      <div class="field">
        <label for="filter-stops">Stops</label>
        <select id="filter-stops" name="maxStops" {...invalid("maxStops")}>
          <option value="1" selected={values.maxStops !== "0"}>Direct or 1 stop</option>
          <option value="0" selected={values.maxStops === "0"}>Direct only</option>
        </select>
        {message("maxStops")}
      </div>
      <div class="field">
        <label for="filter-after">Departs after</label>
        <input
          id="filter-after"
          type="time"
          name="departAfter"
          value={values.departAfter ?? ""}
          {...invalid("departAfter")}
        />
        {message("departAfter")}
      </div>
      <div class="field">
        <label for="filter-before">Departs before</label>
        <input
          id="filter-before"
          type="time"
          name="departBefore"
          value={values.departBefore ?? ""}
          {...invalid("departBefore")}
        />
        {message("departBefore")}
      </div>
      <div class="field">
        <label for="filter-price">{`Max total price (${currency})`}</label>
        <input
          id="filter-price"
          type="number"
          name="maxPrice"
          min="0"
          step="1"
          inputMode="numeric"
          value={values.maxPrice ?? ""}
          {...invalid("maxPrice")}
        />
        {message("maxPrice")}
      </div>
      <button type="submit">Apply</button>
    </form>
  );
}
