import type { Context } from "hono";
import { notFound } from "../../domain/app_error.ts";
import type { FlightStatus } from "../../domain/flight_status.ts";
import { toLocal } from "../../domain/time.ts";
import type { AdminFlight } from "../../domain/views/flight.ts";
import { flightCommitments, getAdminFlight } from "../../db/admin_flights_repo.ts";
import { listStatusHistory } from "../../db/flight_status_repo.ts";
import { listReaccommodations } from "../../db/reaccommodation_repo.ts";
import { aircraftTypeChoices, airportZones, flightLabels } from "../../db/admin_pages_repo.ts";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { FormProblem, Notice } from "../../islands/parts/AdminForm.tsx";
import { FlightForm } from "../../components/FlightForm.tsx";
import { FlightStatusForms, type StatusFormError } from "../../components/FlightStatusForms.tsx";
import { CsrfField } from "../../components/Layout.tsx";
import type { AppDeps, AppEnv } from "../context.ts";
import { renderPage } from "../render.tsx";
import { flightFormValues, localTime, percent } from "./admin_page_support.ts";
import { FlightHistory, Reaccommodations } from "./admin_flight_history.tsx";

const FINAL = ["departed", "arrived", "cancelled"];

/** Everything the flight page shows, read fresh for each request. */
async function loadFlight(deps: AppDeps, id: string) {
  const sql = deps.db.sql;
  const flight = await getAdminFlight(sql, id);
  if (!flight) throw notFound("Flight");
  const [history, moves, commitments, zones, aircraftTypes] = await Promise.all([
    listStatusHistory(sql, id),
    listReaccommodations(sql, id),
    flightCommitments(sql, id),
    airportZones(sql, [flight.origin, flight.destination]),
    aircraftTypeChoices(sql),
  ]);
  const labels = await flightLabels(sql, [...new Set(moves.flatMap((m) => m.flightIds))]);
  return { flight, history, moves, commitments, zones, aircraftTypes, labels };
}

type FlightData = Awaited<ReturnType<typeof loadFlight>>;

/** What a failed post puts back on the flight page. */
export interface FlightPageState {
  notice?: string;
  edit?: { values: Record<string, string>; errors: Record<string, string>; problem?: string };
  status?: StatusFormError;
  deleteProblem?: string;
}

function Summary({ f, zones }: { f: AdminFlight; zones: Record<string, string> }) {
  const estimated = f.estimatedDepartureAt && zones[f.origin]
    ? localTime(toLocal(new Date(f.estimatedDepartureAt), zones[f.origin]))
    : undefined;
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
      <div>
        <dt>Gate</dt>
        <dd>{f.gate ?? "—"}</dd>
      </div>
      <div>
        <dt>Aircraft</dt>
        <dd>{f.aircraftType}{f.aircraftRegistration ? ` · ${f.aircraftRegistration}` : ""}</dd>
      </div>
      <div>
        <dt>Seats sold / held / total</dt>
        <dd>{f.sold} / {f.held} / {f.capacity} ({percent(f.loadFactor)})</dd>
      </div>
    </dl>
  );
}

function FlightPage({ data, state }: { data: FlightData; state: FlightPageState }) {
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
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Schedule, aircraft and fares</h2>
        {editable
          ? (
            <FlightForm
              action={`/admin/flights/${f.id}`}
              submitLabel="Save changes"
              values={state.edit?.values ?? flightFormValues(f)}
              errors={state.edit?.errors ?? {}}
              problem={state.edit?.problem}
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

/** Renders the flight page for `id`, with what a failed post puts back (404 if none). */
export async function renderFlightPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  id: string,
  state: FlightPageState = {},
  status: 200 | 400 | 404 | 409 | 422 = 200,
): Promise<Response> {
  const data = await loadFlight(deps, id);
  return renderPage(c, <FlightPage data={data} state={state} />, status);
}
