import { AdminLayout } from "./AdminLayout.tsx";
import type { AirframeRow, AirframeView, RefitResult } from "../domain/views/fleet.ts";
import { formatUtc } from "../islands/client/time_format.ts";

/** `/admin/aircraft`: every airframe with its type, configuration and flights ahead. */
export function AirframeListPage({ rows }: { rows: AirframeRow[] }) {
  return (
    <AdminLayout title="Airframes">
      <h1>Airframes</h1>
      <p>
        Each airframe is fitted with one cabin configuration of its type. Open one to refit it.
      </p>
      <table class="data">
        <caption class="visually-hidden">Airframes with their type and configuration</caption>
        <thead>
          <tr>
            <th scope="col">Registration</th>
            <th scope="col">Type</th>
            <th scope="col">Configuration</th>
            <th scope="col">Name</th>
            <th scope="col">In service</th>
            <th scope="col" class="num">Flights ahead</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.registration}>
              <th scope="row">
                <a href={`/admin/aircraft/${a.registration}`}>{a.registration}</a>
              </th>
              <td>
                <a href={`/admin/aircraft-types/${a.typeCode}`}>{a.typeCode}</a>
              </td>
              <td>
                <a href={`/admin/aircraft-types/${a.typeCode}/configurations/${a.configCode}`}>
                  {a.configCode}
                </a>
              </td>
              <td>{a.name ?? "—"}</td>
              <td>{a.active ? "yes" : "no"}</td>
              <td class="num">{a.upcomingFlights}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p class="empty">No airframes yet.</p>}
    </AdminLayout>
  );
}

/** Props of AirframePage. */
export interface AirframePageProps extends AirframeView {
  csrf: string;
  error?: string;
  outcome?: RefitResult;
}

function Outcome({ outcome }: { outcome: RefitResult }) {
  if (!outcome.changed) {
    return (
      <p role="status" class="notice">
        It already had configuration {outcome.aircraft.configCode}.
      </p>
    );
  }
  return (
    <section class="notice" role="status" aria-labelledby="refit-done">
      <h2 id="refit-done">Refitted with configuration {outcome.aircraft.configCode}</h2>
      <p>
        {outcome.flights.length} flight(s) moved onto it
        {outcome.flights.length > 0 && ":"}
      </p>
      {outcome.flights.length > 0 && (
        <ul>
          {outcome.flights.map((f) => (
            <li key={f.id}>
              <a href={`/admin/flights/${f.id}`}>{f.carrier}{f.flightNumber}</a>{" "}
              {formatUtc(f.departureAt)}: {f.bookingsMoved} booking(s) changed seats
            </li>
          ))}
        </ul>
      )}
      {outcome.refused.length > 0 && (
        <div class="form-error">
          <p>These flights keep their old configuration; change their aircraft:</p>
          <ul>
            {outcome.refused.map((f) => (
              <li key={f.id}>
                <a href={`/admin/flights/${f.id}`}>{f.carrier}{f.flightNumber}</a>: {f.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** `/admin/aircraft/:registration`: one airframe, its flights ahead, and its refit form. */
export function AirframePage(p: AirframePageProps) {
  const a = p.aircraft;
  const title = `Airframe ${a.registration}`;
  return (
    <AdminLayout title={title}>
      <p>
        <a href="/admin/aircraft">All airframes</a>
      </p>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>Type</dt>
        <dd>
          <a href={`/admin/aircraft-types/${a.typeCode}`}>{a.typeCode}</a>
        </dd>
        <dt>Configuration</dt>
        <dd>
          <a href={`/admin/aircraft-types/${a.typeCode}/configurations/${a.configCode}`}>
            {a.configCode}
          </a>
        </dd>
        <dt>Name</dt>
        <dd>{a.name ?? "—"}</dd>
        <dt>In service</dt>
        <dd>{a.active ? "yes" : "no"}</dd>
      </dl>
      {p.outcome && <Outcome outcome={p.outcome} />}
      <section aria-labelledby="refit-title">
        <h2 id="refit-title">Change configuration</h2>
        <p>
          Only configurations of the{" "}
          {a.typeCode}. The flights not yet departed that this airframe is assigned to move with it:
          each gets an aircraft change to the new configuration (passengers keep or get the most
          similar seats and are told). If one of them could not carry its passengers, nothing
          changes.
        </p>
        {p.error && <p role="alert" class="form-error">{p.error}</p>}
        <form method="post" class="stack">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <div class="field">
            <label for="refit-config">Configuration</label>
            <select id="refit-config" name="configCode">
              {p.configurations.map((c) => (
                <option key={c.code} value={c.code} selected={c.code === a.configCode}>
                  {`${c.code}: ${c.name}, ${c.seatCount} seats${c.isDefault ? " (default)" : ""}`}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Change configuration</button>
        </form>
      </section>
      <section aria-labelledby="assigned-title">
        <h2 id="assigned-title">Flights ahead ({p.upcoming.total})</h2>
        {p.upcoming.total === 0 ? <p>Not assigned to any flight still to depart.</p> : (
          <ul>
            {p.upcoming.first.map((f) => (
              <li key={f.id}>
                <a href={`/admin/flights/${f.id}`}>{f.carrier}{f.flightNumber}</a>{" "}
                {formatUtc(f.departureAt)}, configuration {f.configuration}
              </li>
            ))}
            {p.upcoming.total > p.upcoming.first.length && (
              <li>and {p.upcoming.total - p.upcoming.first.length} more</li>
            )}
          </ul>
        )}
      </section>
    </AdminLayout>
  );
}
