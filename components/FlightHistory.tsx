import type { ReaccommodationLine, StatusHistoryEntry } from "../domain/views/flight.ts";
import { formatUtc } from "../islands/client/time_format.ts";

const utc = (iso: string | null) => (iso ? formatUtc(iso) : "");

/** Every published status change of a flight, oldest first. */
export function FlightHistory({ history }: { history: StatusHistoryEntry[] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Status history</h2>
      {history.length === 0 ? <p>No status change was published yet.</p> : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Change</th>
              <th scope="col">Status</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.version}>
                <td>{utc(h.createdAt)}</td>
                <td>{h.kind.replace("_", " ")}</td>
                <td>{h.previousStatus} → {h.status}</td>
                <td>
                  {[
                    h.reason,
                    h.gate && `gate ${h.gate}`,
                    h.kind === "boarding" && h.boardingAt && `from ${utc(h.boardingAt)}`,
                    h.estimatedDepartureAt && `off-block ${utc(h.estimatedDepartureAt)}`,
                  ].filter(Boolean).join(" · ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What became of each confirmed booking after the cancellation. */
export function Reaccommodations(
  { moves, labels }: { moves: ReaccommodationLine[]; labels: Record<string, string> },
) {
  const rebooked = moves.filter((m) => m.status === "rebooked").length;
  return (
    <section aria-labelledby="reaccommodation-heading">
      <h2 id="reaccommodation-heading">Passengers after the cancellation</h2>
      <p>
        {rebooked} of {moves.length}{" "}
        bookings moved to other flights; the others were offered a full refund.
      </p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">Booking</th>
            <th scope="col">Outcome</th>
            <th scope="col">New flights</th>
            <th scope="col">Seats</th>
          </tr>
        </thead>
        <tbody>
          {moves.map((m) => (
            <tr key={m.bookingId}>
              <th scope="row">{m.pnr}</th>
              <td>
                {m.status === "rebooked" ? `rebooked in ${m.cabin}` : m.status.replace("_", " ")}
              </td>
              <td>
                {m.flightIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ", "}
                    <a href={`/admin/flights/${id}`}>{labels[id] ?? id}</a>
                  </span>
                ))}
              </td>
              <td>{m.seats.join(" ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
