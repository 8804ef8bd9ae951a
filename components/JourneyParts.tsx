import { returnStart, segmentTimes } from "../domain/journey.ts";
import type { FlightSummary } from "../domain/views/flight.ts";
import { formatDuration } from "../islands/client/time_format.ts";
import { FlightCard } from "./TripParts.tsx";

/** A flight of a journey, with the party's seats on it once they are held. */
export interface JourneyLeg {
  flight: FlightSummary;
  seats?: string[];
}

/** "Flight 2 of 3", or for a round trip "Outbound flight", "Return flight 1 of 2". */
function legHeading(i: number, count: number, back: number | undefined): string {
  if (back === undefined) return `Flight ${i + 1} of ${count}`;
  const [part, n, of] = i < back ? ["Outbound", i, back] : ["Return", i - back, count - back];
  return of > 1 ? `${part} flight ${n + 1} of ${of}` : `${part} flight`;
}

/** The time on the ground before a flight: a connection, or the stay of a round trip. */
function Ground({ from, to, stay }: { from: FlightSummary; to: FlightSummary; stay: boolean }) {
  const minutes = Math.round((Date.parse(to.departureAt) - Date.parse(from.arrivalAt)) / 60_000);
  const place = `${to.origin.iata} (${to.origin.city})`;
  return (
    <p class="layover">
      {stay
        ? `Back from ${place} after your stay.`
        : `Change at ${place}: ${formatDuration(minutes)} layover.`}
    </p>
  );
}

/**
 * A journey's flights in travel order, one card each (number, route, local times), with the
 * layover before each connection and, when given, the party's seats on each flight.
 */
export function JourneyFlights({ legs }: { legs: JourneyLeg[] }) {
  const back = returnStart(legs.map((l) => segmentTimes(l.flight)));
  return (
    <ol class="journey" aria-label="Flights in travel order">
      {legs.map((leg, i) => (
        <li key={leg.flight.id}>
          <FlightCard flight={leg.flight} heading={legHeading(i, legs.length, back)}>
            {i > 0 && <Ground from={legs[i - 1].flight} to={leg.flight} stay={i === back} />}
            {leg.seats && leg.seats.length > 0 && (
              <p class="leg-seats">
                {leg.seats.length > 1 ? "Seats" : "Seat"}: <strong>{leg.seats.join(", ")}</strong>
              </p>
            )}
          </FlightCard>
        </li>
      ))}
    </ol>
  );
}

/** The live status section's heading on a journey, which names its flight (else the default). */
export function statusHeading(legs: JourneyLeg[]): string | undefined {
  const f = legs[0]?.flight;
  return legs.length > 1 ? `Status of ${f.carrier} ${f.flightNumber}` : undefined;
}
