import { defineIsland } from "./island.ts";
import { useState } from "preact/hooks";
import type { FlightSummary } from "../domain/views/flight.ts";
import { FlightTable } from "./parts/FlightTable.tsx";

/** Props of DepartureBoard. */
export interface DepartureBoardProps {
  flights: FlightSummary[];
}

function matches(f: FlightSummary, query: string): boolean {
  const haystack = [
    `${f.carrier}${f.flightNumber}`,
    `${f.carrier} ${f.flightNumber}`,
    f.origin.iata,
    f.origin.city,
    f.destination.iata,
    f.destination.city,
    f.aircraftName,
    f.status,
  ].join(" ").toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => haystack.includes(w));
}

/** The departures table with an instant text filter once hydrated. */
function DepartureBoard({ flights }: DepartureBoardProps) {
  const [query, setQuery] = useState("");
  const shown = query ? flights.filter((f) => matches(f, query)) : flights;
  return (
    <div class="departure-board">
      <label class="quick-filter">
        Filter these flights
        <input
          type="search"
          value={query}
          placeholder="City, code or flight number"
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      <p class="visually-hidden" aria-live="polite">{`${shown.length} flights shown`}</p>
      <FlightTable flights={shown} />
    </div>
  );
}

/** The DepartureBoard island, as pages embed it. */
export default defineIsland("DepartureBoard", DepartureBoard);
