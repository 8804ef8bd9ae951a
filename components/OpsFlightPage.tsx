import { AdminLayout } from "./AdminLayout.tsx";
import { ActionForm, type StatusAttempt } from "./OpsStatusForm.tsx";
import { boardingSince, localMinutes } from "../domain/status_form.ts";
import type { OpsFlightView } from "../services/status/ops_flight.ts";

/** Everything the operations page of one flight shows, and what a refused form sent. */
export interface OpsFlightData extends OpsFlightView {
  notice?: string;
  attempt?: StatusAttempt;
}

function Outcomes({ data }: { data: OpsFlightData }) {
  const rebooked = data.outcomes.filter((o) => o.status === "rebooked").length;
  const refunds = data.outcomes.length - rebooked;
  return (
    <section aria-labelledby="outcome-title">
      <h2 id="outcome-title">Disruption outcome</h2>
      <p>{rebooked} booking(s) rebooked, {refunds} offered a refund.</p>
      {data.outcomes.length > 0 && (
        <table class="data">
          <caption class="visually-hidden">Each booking's reaccommodation</caption>
          <thead>
            <tr>
              <th scope="col">Booking</th>
              <th scope="col">Outcome</th>
              <th scope="col">New flights</th>
              <th scope="col">Cabin</th>
              <th scope="col">Seats</th>
            </tr>
          </thead>
          <tbody>
            {data.outcomes.map((o) => (
              <tr key={o.bookingId}>
                <th scope="row">{o.pnr}</th>
                <td>{o.status.replace("_", " ")}</td>
                <td>{o.flightIds.map((id) => data.flightNames[id] ?? id).join(", ") || "–"}</td>
                <td>{o.cabin ?? "–"}</td>
                <td>{o.seats.join(", ") || "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The operations page of one flight: facts, status changes as plain forms, outcomes, history. */
export function OpsFlightPage({ data }: { data: OpsFlightData }) {
  const { flight: f, summary: s } = data;
  const name = `${f.carrier} ${f.flightNumber} ${f.origin} → ${f.destination}`;
  const expected = f.estimatedDepartureAt
    ? localMinutes(f.estimatedDepartureAt, s.origin.tz).replace("T", " ")
    : "–";
  return (
    <AdminLayout title={name}>
      <p>
        <a href={`/admin/ops?date=${f.departureLocal.slice(0, 10)}`}>Operations board</a> ·{" "}
        <a href={`/admin/crew/flights/${f.id}`}>Crew</a>
      </p>
      <h1>{name}</h1>
      <p role="status" class={data.notice ? "notice" : "visually-hidden"}>{data.notice ?? ""}</p>
      <dl class="facts">
        <dt>Scheduled departure</dt>
        <dd>{f.departureLocal.replace("T", " ")} local ({s.origin.city})</dd>
        <dt>Expected departure</dt>
        <dd>{expected}</dd>
        <dt>Status</dt>
        <dd>
          <span class={`status status-${f.status}`}>{f.status}</span>
          {data.reason ? ` (${data.reason})` : ""}
          {boardingSince(f, s.origin.tz) && (
            <span class="actual">{` ${boardingSince(f, s.origin.tz)}`}</span>
          )}
        </dd>
        <dt>Gate</dt>
        <dd>{f.gate ?? "–"}</dd>
        <dt>Aircraft</dt>
        <dd>{s.aircraftName}{f.aircraftRegistration ? ` · ${f.aircraftRegistration}` : ""}</dd>
        <dt>Load</dt>
        <dd>
          {f.sold} of {f.capacity} seats sold ({Math.round(f.loadFactor * 100)}%), {f.held} held
        </dd>
      </dl>
      <section aria-labelledby="status-title">
        <h2 id="status-title">Change status</h2>
        {data.attempt?.problem && <p class="form-error" role="alert">{data.attempt.problem}</p>}
        {data.actions.length === 0
          ? <p>The flight is {f.status}; its status is final.</p>
          : (
            <div class="status-forms">
              {data.actions.map((a) => (
                <ActionForm key={a.type} data={data} type={a.type} label={a.label} />
              ))}
            </div>
          )}
      </section>
      {(f.status === "cancelled" || data.outcomes.length > 0) && <Outcomes data={data} />}
      <section aria-labelledby="history-title">
        <h2 id="history-title">Status history</h2>
        {data.history.length === 0 ? <p>No changes yet.</p> : (
          <table class="data">
            <caption class="visually-hidden">Status changes, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Change</th>
                <th scope="col">Status</th>
                <th scope="col">Expected departure</th>
                <th scope="col">Gate</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {data.history.map((h) => (
                <tr key={h.version}>
                  <td>{h.at}</td>
                  <td>{h.kind.replace("_", " ")}</td>
                  <td>{h.status}</td>
                  <td>{h.estimatedDepartureLocal ?? "–"}</td>
                  <td>{h.gate ?? "–"}</td>
                  <td>{h.reason ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminLayout>
  );
}
