import { z } from "zod";
import type { SearchField, SearchValues } from "../../domain/views/search.ts";
import { SearchQuery } from "../../services/search/search_input.ts";

/** A parsed search page request: the query, or a friendly message per invalid field. */
export type ParsedSearch =
  | {
    ok: true;
    /** The search, and for a round trip the way out chosen (its flight ids in order). */
    query: z.output<typeof SearchQuery> & { out?: string[] };
    values: SearchValues;
  }
  | { ok: false; errors: Record<string, string>; values: SearchValues };

const FIELDS: readonly SearchField[] = [
  "from",
  "to",
  "date",
  "returnDate",
  "cabin",
  "passengers",
  "sort",
  "departAfter",
  "departBefore",
  "maxPrice",
  "maxStops",
  "page",
  "out",
];

const MESSAGES: Record<string, string> = {
  from: "Choose the airport you fly from: a code like LHR, or one of the suggestions.",
  to: "Choose the airport you fly to: a code like JFK, or one of the suggestions.",
  date: "Choose a date, like 2030-03-02.",
  returnDate: "Choose a return date, like 2030-03-09, or leave it empty for a one-way trip.",
  cabin: "Choose a cabin.",
  passengers: "Choose from 1 to 9 passengers.",
  sort: "Choose how to sort the flights.",
  maxStops: "Choose direct flights only, or up to one stop.",
  page: "There is no such page of results.",
  out: "Choose your outbound flight from the list.",
  departAfter: "Use a time like 08:30.",
  departBefore: "Use a time like 20:00.",
  maxPrice: "Enter a whole amount, 0 or more.",
};

// Messages for the refinements of SearchQuery, which name no single field's format.
const SPECIAL: Record<string, string> = {
  "from and to must differ": "Choose a destination other than the airport you fly from.",
  "the return cannot be before the departure":
    "Choose a return date on or after the departure date, or leave it empty for a one-way trip.",
};

// `out`: a way out's flight ids (one per leg), as the results' "Select" links give them.
const WayOut = z.string().transform((s) => s.split(",")).pipe(z.array(z.uuid()).min(1).max(2));

/** "London (LHR)" (what the autosuggest fills in) or "lhr" → "LHR"; anything else as is. */
export function airportCode(text: string): string {
  const bracketed = /\(([A-Za-z]{3})\)\s*$/.exec(text);
  return (bracketed ? bracketed[1] : text).trim().toUpperCase();
}

/**
 * Reads `/search?…` with the API's own SearchQuery, after the page's allowances: empty
 * fields count as absent (forms send them), and airports may be given as "City (CODE)".
 * `maxPrice` is in whole currency units here; the caller converts it.
 */
export function parseSearchPage(raw: Record<string, string>): ParsedSearch {
  const values: SearchValues = {};
  const input: Record<string, string> = {};
  for (const field of FIELDS) {
    const v = raw[field]?.trim();
    if (!v) continue;
    values[field] = v;
    input[field] = field === "from" || field === "to" ? airportCode(v) : v;
  }
  const parsed = SearchQuery.safeParse({ ...input, limit: "20" });
  const out = input.out === undefined ? undefined : WayOut.safeParse(input.out);
  if (parsed.success && out?.success !== false) {
    return { ok: true, query: { ...parsed.data, out: out?.data }, values };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = String(issue.path[0] ?? "from");
    if (errors[field]) continue;
    errors[field] = SPECIAL[issue.message] ?? MESSAGES[field] ?? issue.message;
  }
  if (out?.success === false) errors.out = MESSAGES.out;
  return { ok: false, errors, values };
}

// A comma means nothing special in a query's value: lists of flight ids read better bare.
const query = (params: URLSearchParams) => params.toString().replaceAll("%2C", ",");

/** `/search?…` with `values`, changed by `change` (an empty value drops the field). */
export function searchHref(values: SearchValues, change: SearchValues = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...change })) if (v) params.set(k, v);
  return `/search?${query(params)}`;
}

/** The journey booking page for flights `ids` (in travel order), for a party in `cabin`. */
export function journeyHref(ids: string[], cabin: string, passengers: number): string {
  const params = new URLSearchParams({
    flights: ids.join(","),
    cabin,
    passengers: `${passengers}`,
  });
  return `/book/journey?${query(params)}`;
}

/** The month view of a route for a cabin and party (`month` as "YYYY-MM"). */
export function monthHref(
  q: { from: string; to: string; cabin: string; passengers: number },
  month: string,
): string {
  const params = new URLSearchParams({
    from: q.from,
    to: q.to,
    month,
    cabin: q.cabin,
    passengers: `${q.passengers}`,
  });
  return `/search/month?${query(params)}`;
}
