import type { FlightStatus } from "../domain/flight_status.ts";
import { toLocal } from "../domain/time.ts";
import { boardingSince } from "../domain/status_form.ts";
import type { AdminFlight } from "../domain/views/flight.ts";
import type { AdminFlightPageData } from "../services/flights/flight_page.ts";
import { FormProblem, Notice } from "../islands/parts/AdminForm.tsx";
import { AdminLayout } from "./AdminLayout.tsx";
import { localTime, percent } from "./admin_format.ts";
import { FlightForm } from "./FlightForm.tsx";
import { FlightHistory, Reaccommodations } from "./FlightHistory.tsx";
import { FlightStatusForms, type StatusFormError } from "./FlightStatusForms.tsx";
import { AircraftChangeForm } from "./AircraftChangeForm.tsx";
import { CsrfField } from "./Layout.tsx";

const FINAL = ["departed", "arrived", "cancelled"];

/** What the flight page shows besides the flight: a notice, or what a refused form sent. */
export interface FlightPageState {
  notice?: string;
  /** The schedule form's values (the stored flight's, or what a refused post sent). */
  edit: { values: Record<string, string>; errors: Record<string, string>; problem?: string };
  status?: StatusFormError;
  deleteProblem?: string;
  /** Why the aircraft change form's request was refused. */
  aircraftProblem?: string;
}

function Summary({ f, zones }: { f: AdminFlight; zones: Record<string, string> }) {
  const estimated = f.estimatedDepartureAt && zones[f.origin]
    ? localTime(toLocal(new Date(f.estimatedDepartureAt), zones[f.origin]))
    : undefined;
  const boarding = zones[f.origin] ? boardingSince(f, zones[f.origin]) : undefined;
  return (
    <dl class="fact-list">
      <div>
        <dt>Departs ({f.origin})</dt>
        <dd>{localTime(f.departureLocal)}</dd>
      </div>
      <div>
        <dt>Arrives ({f.destination})</dt>
        <dd>{localTime(f.arrivalLocal)}</dd>
      </div>
      {estimated && (
        <div>
          <dt>Expected off-block</dt>
          <dd>{estimated}</dd>
        </div>
      )}
      {boarding && (
        <div>
          <dt>Boarding</dt>
          <dd>{boarding}</dd>
        </div>
      )}
      <div>
        <dt>Gate</dt>
        <dd>{f.gate ?? "—"}</dd>
      </div>
      <div>
        <dt>Aircraft</dt>
        <dd>
          {f.aircraftType} {f.aircraftConfiguration}
          {f.aircraftRegistration ? ` · ${f.aircraftRegistration}` : ""}
        </dd>
      </div>
      <div>
        <dt>Seats sold / held / total</dt>
        <dd>{f.sold} / {f.held} / {f.capacity} ({percent(f.loadFactor)})</dd>
      </div>
    </dl>
  );
}

/** The operators' page of one flight: facts, status forms, schedule form, history, delete. */
export function AdminFlightPage(
  { data, state }: { data: AdminFlightPageData; state: FlightPageState },
) {
  const f = data.flight;
  const editable = !FINAL.includes(f.status);
  const deletable = !data.commitments.live && !data.commitments.tickets &&
    !data.commitments.payments;
  const title = `${f.carrier} ${f.flightNumber} ${f.origin}–${f.destination}`;
  return (
    <AdminLayout title={title}>
      <p>
        <a href="/admin/flights">← All flights</a>
      </p>
      <h1>
        {title} <span class={`status status-${f.status}`}>{f.status}</span>
      </h1>
      {state.notice && <Notice>{state.notice}</Notice>}
      <Summary f={f} zones={data.zones} />
      <p>
        <a href={`/admin/flights/${f.id}/manifest`}>Passenger manifest</a>
      </p>
      {data.connections.connecting > 0 && (
        <p class={data.connections.atRisk > 0 ? "notice warning" : "muted"} role="status">
          {data.connections.connecting} booking{data.connections.connecting === 1 ? "" : "s"}{" "}
          connect onward at {f.destination}; {data.connections.atRisk > 0
            ? (
              <strong>
                {data.connections.atRisk} connection{data.connections.atRisk === 1 ? "" : "s"}{" "}
                at risk
              </strong>
            )
            : "none at risk"}.
        </p>
      )}
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">Change the status</h2>
        <FlightStatusForms
          flightId={f.id}
          status={f.status as FlightStatus}
          origin={f.origin}
          destination={f.destination}
          failed={state.status}
        />
      </section>
      {data.moves.length > 0 && <Reaccommodations moves={data.moves} labels={data.labels} />}
      {editable && (
        <AircraftChangeForm
          flight={f}
          aircraftTypes={data.aircraftTypes}
          problem={state.aircraftProblem}
        />
      )}
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Schedule, aircraft and fares</h2>
        {editable
          ? (
            <FlightForm
              action={`/admin/flights/${f.id}`}
              submitLabel="Save changes"
              values={state.edit.values}
              errors={state.edit.errors}
              problem={state.edit.problem}
              aircraftTypes={data.aircraftTypes}
            />
          )
          : <p>The flight is {f.status}; its schedule can no longer change.</p>}
      </section>
      <FlightHistory history={data.history} />
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete</h2>
        {state.deleteProblem && <FormProblem>{state.deleteProblem}</FormProblem>}
        {deletable
          ? (
            <form method="post" action={`/admin/flights/${f.id}/delete`}>
              <CsrfField />
              <p>Nobody holds, bought or paid for a seat: the flight can go entirely.</p>
              <button type="submit" class="danger">Delete this flight</button>
            </form>
          )
          : <p>People hold, bought or paid for seats on this flight: cancel it instead.</p>}
      </section>
    </AdminLayout>
  );
}
