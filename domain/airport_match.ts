/**
 * Airport search by what people type: a code, a city, a country or words of the airport's
 * name ("heathrow", "kennedy", "charles de gaulle"), with accents and case ignored.
 */

/** What the matcher reads of an airport. */
export interface MatchableAirport {
  iata: string;
  name: string;
  city: string;
  country: string;
  /** Contrail flies from here. */
  served: boolean;
}

/** `text` lower-cased, accents dropped, and anything but letters and digits made a space. */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** An airport prepared once for many queries: its folded fields and all their words. */
export interface AirportIndexEntry<T extends MatchableAirport> {
  airport: T;
  code: string;
  city: string;
  name: string;
  words: string[];
}

/** Folds an airport's fields once, so each query only compares strings. */
export function indexAirport<T extends MatchableAirport>(airport: T): AirportIndexEntry<T> {
  const city = foldText(airport.city);
  const name = foldText(airport.name);
  const code = airport.iata.toLowerCase();
  const words = [...new Set(`${code} ${city} ${name} ${foldText(airport.country)}`.split(" "))];
  return { airport, code, city, name, words };
}

// How an airport matched, best first: its code exactly, its city or name from the start,
// or only each typed word as the start of one of its words.
const EXACT_CODE = 0, CITY_PREFIX = 1, NAME_PREFIX = 2, WORDS = 3;

function matchRank(e: AirportIndexEntry<MatchableAirport>, q: string, words: string[]) {
  if (e.code === q) return EXACT_CODE;
  if (!words.every((w) => e.words.some((x) => x.startsWith(w)))) return undefined;
  if (e.city.startsWith(q)) return CITY_PREFIX;
  if (e.name.startsWith(q)) return NAME_PREFIX;
  return WORDS;
}

/**
 * Up to `limit` airports matching `query`: every typed word starts a word of the airport's
 * code, city, name or country. The exact code comes first, then airports Contrail serves,
 * then the rest (marked unserved by the caller); within each, city and name prefixes before
 * word matches, then by city and name.
 */
export function rankAirports<T extends MatchableAirport>(
  query: string,
  index: AirportIndexEntry<T>[],
  limit = 10,
): T[] {
  const q = foldText(query);
  if (!q) return [];
  const words = q.split(" ");
  const found: { e: AirportIndexEntry<T>; rank: number }[] = [];
  for (const e of index) {
    const rank = matchRank(e, q, words);
    if (rank !== undefined) found.push({ e, rank });
  }
  const key = ({ e, rank }: { e: AirportIndexEntry<T>; rank: number }) =>
    [rank === EXACT_CODE ? 0 : 1, e.airport.served ? 0 : 1, rank] as const;
  found.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return a.e.city.localeCompare(b.e.city) || a.e.name.localeCompare(b.e.name);
  });
  return found.slice(0, limit).map((f) => f.e.airport);
}
