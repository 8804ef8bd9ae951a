import type { AircraftOutcome, AircraftPreview } from "../services/flights/aircraft_change.ts";
import type { AdminFlight } from "../domain/views/flight.ts";
import { FormProblem, Notice } from "../islands/parts/AdminForm.tsx";
import { AdminLayout } from "./AdminLayout.tsx";
import { CsrfField } from "./Layout.tsx";

type Move = AircraftOutcome["moved"][number];

const title = (f: AdminFlight) => `${f.carrier} ${f.flightNumber} ${f.origin}–${f.destination}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function Moves({ moved, caption }: { moved: Move[]; caption: string }) {
  if (!moved.length) return <p>Every passenger keeps their seat number.</p>;
  return (
    <table class="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Booking</th>
          <th scope="col">Old seats</th>
          <th scope="col">New seats</th>
        </tr>
      </thead>
      <tbody>
        {moved.map((m) => (
          <tr key={m.bookingId}>
            <td>{m.pnr || m.bookingId}</td>
            <td>{m.from.join(", ")}</td>
            <td>{m.to.map((s) => s ?? "at check-in").join(", ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Crew({ crew, type }: { crew: { crewId: string; name: string }[]; type: string }) {
  return crew.length
    ? (
      <p class="notice warning">
        Not rated on the {type}: {crew.map((c) => c.name).join(", ")}.
      </p>
    )
    : <p>All assigned crew are rated on the {type}.</p>;
}

/** What an aircraft change would do, with the form that confirms exactly that change. */
export function AircraftPreviewPage(
  { flight, preview, confirm }: {
    flight: AdminFlight;
    preview: AircraftPreview;
    /** The fields the preview was asked with, posted again to confirm. */
    confirm: Record<string, string>;
  },
) {
  const p = preview;
  const to = `${p.aircraftType} configuration ${p.aircraftConfiguration}` +
    (p.aircraftRegistration ? ` (${p.aircraftRegistration})` : "");
  return (
    <AdminLayout title={`Preview: aircraft change of ${title(flight)}`}>
      <p>
        <a href={`/admin/flights/${flight.id}`}>← Back to the flight, changing nothing</a>
      </p>
      <h1>Preview: {title(flight)} to {to}</h1>
      <p class="muted">
        Worked out on the seats as they are now; seats sold before you confirm may move too.
      </p>
      {p.refusal && <FormProblem>This change would be refused: {p.refusal.detail}</FormProblem>}
      {p.shortfalls.length > 0 && (
        <ul aria-label="Cabins too small">
          {p.shortfalls.map((s) => (
            <li key={s.cabin}>
              Cabin {s.cabin}: {s.needed} passengers for {s.available} seats
            </li>
          ))}
        </ul>
      )}
      {p.possible && (
        <>
          <p>
            {plural(p.passengersAffected, "passenger")} would change seats;{" "}
            {plural(p.holdsMoved, "unpaid hold")} would move;{" "}
            {plural(p.unblocked.length, "blocked seat")} would be released.
          </p>
          <Moves moved={p.moved} caption="Seats that would change" />
        </>
      )}
      <Crew crew={p.crewWithoutRating} type={p.aircraftType} />
      {p.possible && (
        <form method="post" action={`/admin/flights/${flight.id}/aircraft`}>
          <CsrfField />
          <input type="hidden" name="step" value="confirm" />
          {Object.entries(confirm).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit">Confirm the aircraft change</button>
        </form>
      )}
    </AdminLayout>
  );
}

/** What an aircraft change did, with a banner that says only what happened. */
export function AircraftOutcomePage({ outcome }: { outcome: AircraftOutcome }) {
  const f = outcome.flight;
  const seated = outcome.moved.reduce((n, m) => n + m.from.length, 0);
  return (
    <AdminLayout title={`Aircraft changed: ${title(f)}`}>
      <p>
        <a href={`/admin/flights/${f.id}`}>← Back to the flight</a>
      </p>
      <h1>Aircraft changed: {title(f)}</h1>
      <Notice>
        Now {f.aircraftType} configuration {f.aircraftConfiguration}
        {f.aircraftRegistration ? ` (${f.aircraftRegistration})` : ""}. {seated
          ? `${plural(seated, "passenger")} changed seats and will be told their new seats.`
          : "No passenger changed seats."} Times did not change.
      </Notice>
      <Moves moved={outcome.moved} caption="Seats that changed" />
      <Crew crew={outcome.crewWithoutRating} type={f.aircraftType} />
    </AdminLayout>
  );
}
