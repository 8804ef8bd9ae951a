/** The operators' passenger manifest of one flight, with its CSV download. */
import type { flightManifest } from "../services/flights/flight_manifest.ts";
import { AdminLayout } from "./AdminLayout.tsx";
import { formatUtc } from "../islands/client/time_format.ts";

/** What the manifest page shows. */
export type ManifestData = Awaited<ReturnType<typeof flightManifest>>;

const STATUS: Record<string, string> = {
  open: "Not checked in",
  checked_in: "Checked in",
  boarded: "Boarded",
  flown: "Flown",
};

/** `/admin/flights/:id/manifest`: every ticketed passenger in seat order. */
export function ManifestPage({ data }: { data: ManifestData }) {
  const f = data.flight;
  const title = `Manifest ${f.carrier} ${f.flightNumber} ${f.origin}–${f.destination}`;
  const s = data.summary;
  return (
    <AdminLayout title={title}>
      <p>
        <a href={`/admin/flights/${f.id}`}>← The flight</a>
      </p>
      <h1>{title}</h1>
      <p>
        {s.passengers} passengers, {s.checkedIn} checked in; {s.connectingIn} connecting in,{" "}
        {s.connectingOut} connecting on.{" "}
        <a href={`/admin/flights/${f.id}/manifest?format=csv`} download>Download as CSV</a>
      </p>
      {s.exitRowProblems > 0 && (
        <p class="notice warning" role="status">
          {s.exitRowProblems} passenger{s.exitRowProblems === 1 ? "" : "s"}{" "}
          may not sit in an exit row: move them before boarding.
        </p>
      )}
      {data.passengers.length === 0
        ? <p class="empty">Nobody holds a ticket yet.</p>
        : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Seat</th>
                <th scope="col">Cabin</th>
                <th scope="col">Passenger</th>
                <th scope="col">PNR</th>
                <th scope="col">Check-in</th>
                <th scope="col">Exit row</th>
                <th scope="col">Arrives on</th>
                <th scope="col">Connects to</th>
              </tr>
            </thead>
            <tbody>
              {data.passengers.map((p) => (
                <tr key={p.ticketNumber}>
                  <th scope="row">{p.seat ?? "–"}</th>
                  <td>{p.cabin}</td>
                  <td>{p.lastName}, {p.firstName}</td>
                  <td>{p.pnr}</td>
                  <td>{STATUS[p.status] ?? p.status}</td>
                  <td>
                    {!p.exitRow
                      ? "–"
                      : p.exitRowEligible
                      ? "Eligible"
                      : <strong class="warning">Not eligible: {p.exitRowProblem}</strong>}
                  </td>
                  <td>{p.inbound ? `${p.inbound.flight} from ${p.inbound.airport}` : "–"}</td>
                  <td>
                    {p.outbound
                      ? `${p.outbound.flight} to ${p.outbound.airport}, ${formatUtc(p.outbound.at)}`
                      : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </AdminLayout>
  );
}
