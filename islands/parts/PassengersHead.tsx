/**
 * The caption and head of a booking's passengers table: the trip page's (server-rendered) and
 * the checkout's (live) say the same columns.
 */
export function PassengersHead({ journey, paid }: { journey: boolean; paid: boolean }) {
  return (
    <>
      <caption class="visually-hidden">Passengers</caption>
      <thead>
        <tr>
          <th scope="col">Passenger</th>
          <th scope="col">{journey ? "Seats, flight by flight" : "Seat"}</th>
          {paid && <th scope="col">E-ticket</th>}
          {paid && <th scope="col">Check-in</th>}
        </tr>
      </thead>
    </>
  );
}
