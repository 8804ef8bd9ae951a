/** The flights table's query: filters from a GET form, sort links, page links. */
import { addDays } from "../../../../domain/time.ts";
import { AdminFlightsQuery } from "../../../../services/flights/flight_list_query.ts";

const MAX_RANGE_DAYS = 92;
const FIELDS = [
  "from",
  "to",
  "origin",
  "destination",
  "status",
  "number",
  "sort",
  "order",
] as const;

/** The table's query once checked: every filter valid or left out. */
export interface ListQuery {
  from: string;
  to: string;
  origin?: string;
  destination?: string;
  status?: string;
  number?: string;
  sort: "departure" | "number" | "loadFactor";
  order: "asc" | "desc";
  page: number;
  /** Keyset cursors the pager's links carry (the page number is then only shown). */
  after?: string;
  before?: string;
  last?: "1";
}

/**
 * Checks each filter on its own with the API's schema: a bad one is left out and its problem
 * shown next to it, the rest still apply (the default range is the next 7 days).
 */
export function parseListQuery(raw: Record<string, string>, today: string) {
  const errors: Record<string, string> = {};
  const input: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v.trim() !== "") input[k] = v;
  let parsed = AdminFlightsQuery.safeParse(input);
  // Each round drops the fields that failed; every field can fail only once.
  for (let round = 0; !parsed.success && round < 12; round++) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? "");
      errors[name] ??= issue.message;
      delete input[name];
    }
    parsed = AdminFlightsQuery.safeParse(input);
  }
  const { limit: _limit, ...q } = parsed.success ? parsed.data : AdminFlightsQuery.parse({});
  const from = q.from ?? today;
  let to = q.to ?? addDays(from, 7);
  if (to < from || to > addDays(from, MAX_RANGE_DAYS)) {
    errors.to = `must be on or after the from date and at most ${MAX_RANGE_DAYS} days later`;
    to = addDays(from, 7);
  }
  return { q: { ...q, from, to } as ListQuery, errors };
}

/** Leaves the pager's cursors out of a link (a new sort or filter starts at page 1). */
export const NO_CURSOR = { after: undefined, before: undefined, last: undefined };

/** The table's URL with `change` applied; defaults are left out to keep links short. */
export function listHref(q: ListQuery, change: Partial<ListQuery>): string {
  const next = { ...q, ...change };
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = next[name];
    if (value !== undefined && value !== "") params.set(name, String(value));
  }
  if (next.page > 1) params.set("page", String(next.page));
  for (const name of ["after", "before", "last"] as const) {
    if (next[name]) params.set(name, next[name]);
  }
  return `/admin/flights?${params}`;
}

/** A column header that sorts by `sort` (then flips the order), with aria-sort when active. */
export function SortHeader(
  { q, sort, label }: { q: ListQuery; sort: ListQuery["sort"]; label: string },
) {
  const active = q.sort === sort;
  const order = active && q.order === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      aria-sort={active ? (q.order === "asc" ? "ascending" : "descending") : undefined}
    >
      <a href={listHref(q, { sort, order, page: 1, ...NO_CURSOR })}>
        {label}
        <span class="visually-hidden">
          {active ? `, sorted ${q.order === "asc" ? "ascending" : "descending"}` : ", sort"}
        </span>
        {active && <span aria-hidden="true">{q.order === "asc" ? " ▲" : " ▼"}</span>}
      </a>
    </th>
  );
}
