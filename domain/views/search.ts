/** View type of the search pages: the search as typed, shown back in its forms and links. */

/** A field of the search and filter forms (the names of `/search?…`). */
export type SearchField =
  | "from"
  | "to"
  | "date"
  | "returnDate"
  | "cabin"
  | "passengers"
  | "sort"
  | "departAfter"
  | "departBefore"
  | "maxPrice"
  | "maxStops"
  | "page"
  /** A round trip's chosen way out: its flight ids in order, separated by commas. */
  | "out";

/** The search page's parameters as typed, for showing them back in the forms. */
export type SearchValues = Partial<Record<SearchField, string>>;
