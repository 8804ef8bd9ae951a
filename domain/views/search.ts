/** View type of the search pages: the search as typed, shown back in its forms and links. */

/** A field of the search and filter forms (the names of `/search?…`). */
export type SearchField =
  | "from"
  | "to"
  | "date"
  | "cabin"
  | "passengers"
  | "sort"
  | "departAfter"
  | "departBefore"
  | "maxPrice"
  | "maxStops"
  | "page";

/** The search page's parameters as typed, for showing them back in the forms. */
export type SearchValues = Partial<Record<SearchField, string>>;
