import { AdminLayout } from "./AdminLayout.tsx";
import { CrewList, flightName, shortText } from "./CrewViews.tsx";
import { Pager } from "../islands/parts/Pager.tsx";
import { CLOSED_STATUSES } from "../services/crew/crew_assignment.ts";
import type { FlightCrew } from "../services/crew/crew_board.ts";

/** What the crew board shows. */
export interface BoardData {
  date: string;
  origin?: string;
  short?: string;
  page: number;
  pages: number;
  total: number;
  flights: FlightCrew[];
  back: string;
  notice?: string;
  errors: string[];
}

function BoardRow({ f, back }: { f: FlightCrew; back: string }) {
  const needs = shortText(f.short);
  return (
    <tr>
      <th scope="row">
        {flightName(f.flight)}
        <span class={`status status-${f.flight.status}`}>{f.flight.status}</span>
      </th>
      <td>{f.flight.departureLocal.slice(11)}</td>
      <td>
        {f.flight.aircraftType} <span class="muted">{f.flight.seats} seats</span>
      </td>
      <td>
        <CrewList
          flightId={f.flight.flightId}
          crew={f.crew}
          back={back}
          editable={!CLOSED_STATUSES.includes(f.flight.status)}
        />
      </td>
      <td class={needs ? "short" : "complete"}>{needs ?? "Complete"}</td>
      <td>
        <a href={`/admin/crew/flights/${f.flight.flightId}`}>
          Assign crew<span class="visually-hidden">{` to ${flightName(f.flight)}`}</span>
        </a>
      </td>
    </tr>
  );
}

/** The crew board: a day's flights with their crew, a filter and paging. */
export function CrewBoardPage({ data }: { data: BoardData }) {
  return (
    <AdminLayout title="Crew board">
      <h1>Crew board</h1>
      <form class="filter" method="get" action="/admin/crew">
        <label>
          Day <input type="date" name="date" value={data.date} />
        </label>
        <label>
          From <input name="origin" value={data.origin ?? ""} maxLength={3} placeholder="FRA" />
        </label>
        <label class="check">
          <input type="checkbox" name="short" value="1" checked={!!data.short} />{" "}
          Only flights short of crew
        </label>
        <button type="submit">Show flights</button>
      </form>
      {data.errors.length > 0 && (
        <div class="form-error" role="alert">
          <p>Please correct the filter:</p>
          <ul>{data.errors.map((e) => <li key={e}>{e}</li>)}</ul>
        </div>
      )}
      <p role="status" class={data.notice ? "notice" : "visually-hidden"}>{data.notice ?? ""}</p>
      <p class="page-links">
        <a
          href={`/admin/crew/plan?date=${data.date}${data.origin ? `&origin=${data.origin}` : ""}`}
        >
          Propose crew for this day
        </a>{" "}
        · <a href="/admin/crew/members">Crew members</a>
      </p>
      {data.errors.length === 0 && (
        <>
          <p>
            {data.total} flight(s) on {data.date}
            {data.origin ? ` from ${data.origin}` : ""}, local departure times.
          </p>
          {data.flights.length > 0 && (
            <table class="data crew-board">
              <caption class="visually-hidden">Flights and their crew</caption>
              <thead>
                <tr>
                  <th scope="col">Flight</th>
                  <th scope="col">Departs</th>
                  <th scope="col">Aircraft</th>
                  <th scope="col">Crew</th>
                  <th scope="col">Complement</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {data.flights.map((f) => (
                  <BoardRow key={f.flight.flightId} f={f} back={data.back} />
                ))}
              </tbody>
            </table>
          )}
          <Pager
            path="/admin/crew"
            query={{ date: data.date, origin: data.origin, short: data.short }}
            page={data.page}
            pages={data.pages}
          />
        </>
      )}
    </AdminLayout>
  );
}
