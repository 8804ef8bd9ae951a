/**
 * The departures board as a reader can follow it: local times only read in order within one
 * airport (07:00 in New York is after 09:00 in London), so the board is one section per
 * departure airport, each in departure order, the sections by their first departure.
 */

/** What the board reads of a flight. */
export interface BoardFlight {
  origin: { iata: string; city: string };
  /** Local wall-clock departure at the origin, "YYYY-MM-DDTHH:MM[:SS]". */
  departureLocal: string;
  /** The departure instant, ISO 8601. */
  departureAt: string;
}

/** One airport's departures, soonest first. */
export interface BoardSection<T extends BoardFlight> {
  airport: { iata: string; city: string };
  /** The airport's offset from UTC at its first departure, e.g. "UTC+1" or "UTC−3:30". */
  zone: string;
  /** Each flight with its own offset when it differs from `zone` (a clock change between). */
  flights: { flight: T; zone?: string }[];
}

/** "UTC+5:30" for the offset between a local wall-clock time and the instant it names. */
export function utcOffsetLabel(local: string, at: string): string {
  const minutes = Math.round((Date.parse(`${local.slice(0, 16)}Z`) - Date.parse(at)) / 60_000);
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  const mm = abs % 60 ? `:${String(abs % 60).padStart(2, "0")}` : "";
  return `UTC${minutes > 0 ? "+" : "\u2212"}${Math.floor(abs / 60)}${mm}`;
}

/** `flights` as sections per departure airport, each and all in departure order. */
export function departureSections<T extends BoardFlight>(flights: T[]): BoardSection<T>[] {
  const sorted = [...flights].sort((a, b) => Date.parse(a.departureAt) - Date.parse(b.departureAt));
  const sections = new Map<string, BoardSection<T>>();
  for (const flight of sorted) {
    const zone = utcOffsetLabel(flight.departureLocal, flight.departureAt);
    let section = sections.get(flight.origin.iata);
    if (!section) {
      section = { airport: flight.origin, zone, flights: [] };
      sections.set(flight.origin.iata, section);
    }
    section.flights.push(zone === section.zone ? { flight } : { flight, zone });
  }
  return [...sections.values()];
}
