import { defineIsland } from "./island.ts";
import { useEffect, useState } from "preact/hooks";
import { onSeatsChanged } from "./client/seat_events.ts";
import { PassengersHead } from "./parts/PassengersHead.tsx";

/** Props of PassengerSeats: a held booking's party and its seats on each flight. */
export interface PassengerSeatsProps {
  bookingId: string;
  /** The passengers' names in booking order. */
  names: string[];
  /** Each flight in travel order with the party's seats on it (passenger i has seats[i]). */
  flights: { flightId: string; seats: string[] }[];
}

/**
 * The checkout's passengers with their seats, flight by flight. A seat changed on a seat map
 * of the same page shows here at once: the map announces the booking's new seats.
 */
function PassengerSeats({ bookingId, names, flights }: PassengerSeatsProps) {
  const [legs, setLegs] = useState(flights);
  useEffect(
    () =>
      onSeatsChanged(
        bookingId,
        (change) =>
          setLegs((now) =>
            now.map((leg) => change.segments.find((g) => g.flightId === leg.flightId) ?? leg)
          ),
      ),
    [],
  );
  return (
    <table class="trip-table">
      <PassengersHead journey={legs.length > 1} paid={false} />
      <tbody>
        {names.map((name, i) => (
          <tr key={i}>
            <th scope="row">{name}</th>
            <td>{legs.map((leg) => leg.seats[i] ?? "—").join(" · ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The PassengerSeats island, as pages embed it. */
export default defineIsland("PassengerSeats", PassengerSeats);
