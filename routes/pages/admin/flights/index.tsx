import { FLIGHT_STATUSES } from "../../../../domain/flight_status.ts";
import type { AdminFlight } from "../../../../domain/views/flight.ts";
import { adminFlightList } from "../../../../services/flights/flight_lists.ts";
import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import { Field, Notice, SelectField } from "../../../../islands/parts/AdminForm.tsx";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { localTime, percent } from "../../../../components/admin_format.ts";
import { listHref, type ListQuery, NO_CURSOR, parseListQuery, SortHeader } from "./_list_query.tsx";

const LIMIT = 50;
const NOTICES: Record<string, (q: Record<string, string>) => string> = {
  deleted: () => "Flight deleted.",
  series: (q) => `Created ${q.created ?? 0} flights; ${q.skipped ?? 0} dates skipped.`,
};

interface ListData {
  q: ListQuery;
  errors: Record<string, string>;
  flights: AdminFlight[];
  total: number;
  next?: string;
  prev?: string;
  notice?: string;
}

function FlightRow({ f }: { f: AdminFlight }) {
  return (
    <tr>
      <th scope="row">
        <a href={`/admin/flights/${f.id}`}>{f.carrier} {f.flightNumber}</a>
      </th>
      <td>{f.origin} → {f.destination}</td>
      <td>
        <time dateTime={f.departureAt}>{localTime(f.departureLocal)}</time>
      </td>
      <td>
        <time dateTime={f.arrivalAt}>{localTime(f.arrivalLocal)}</time>
      </td>
      <td>{f.aircraftType}</td>
      <td>
        <span class={`status status-${f.status}`}>{f.status}</span>
      </td>
      <td class="num">{f.sold} / {f.capacity}</td>
      <td class="num">{percent(f.loadFactor)}</td>
    </tr>
  );
}

/**
 * Keyset links: Next and Previous seek from the edge row of this page through the sort's
 * index, so any depth costs what page 2 does; First and Last seek from either end.
 */
function FlightPager(
  { q, page, pages, next, prev }: {
    q: ListQuery;
    page: number;
    pages: number;
    next?: string;
    prev?: string;
  },
) {
  const at = (change: Partial<ListQuery>) => listHref(q, { ...NO_CURSOR, ...change });
  return (
    <nav class="pager" aria-label="Pages of flights">
      {prev && <a href={at({ page: 1 })}>First</a>}
      {prev && <a href={at({ page: page - 1, before: prev })} rel="prev">Previous</a>}
      {next && <a href={at({ page: page + 1, after: next })} rel="next">Next</a>}
      {next && <a href={at({ page: pages, last: "1" })}>Last</a>}
    </nav>
  );
}

function FlightListPage({ data }: { data: ListData }) {
  const { q, errors, flights, total } = data;
  const pages = Math.max(1, Math.ceil(total / LIMIT));
  const page = q.last ? pages : Math.min(q.page, pages);
  const statuses = [["", "Any status"] as const, ...FLIGHT_STATUSES.map((s) => [s, s] as const)];
  return (
    <AdminLayout title="Flights">
      <h1>Flights</h1>
      <p class="admin-actions">
        <a href="/admin/flights/new">New flight</a>
        <a href="/admin/flights/recurring">Recurring schedule</a>
        <a href="/admin/flights/upload">Upload a CSV</a>
      </p>
      {data.notice && <Notice>{data.notice}</Notice>}
      <form method="get" action="/admin/flights" class="admin-filter" aria-label="Filter flights">
        <Field label="From date" name="from" type="date" value={q.from} error={errors.from} />
        <Field label="To date" name="to" type="date" value={q.to} error={errors.to} />
        <Field label="Origin" name="origin" value={q.origin} error={errors.origin} maxLength={3} />
        <Field
          label="Destination"
          name="destination"
          value={q.destination}
          error={errors.destination}
          maxLength={3}
        />
        <SelectField label="Status" name="status" value={q.status} options={statuses} />
        <Field label="Number" name="number" value={q.number} error={errors.number} maxLength={5} />
        <input type="hidden" name="sort" value={q.sort} />
        <input type="hidden" name="order" value={q.order} />
        <button type="submit">Show flights</button>
        <a href="/admin/flights">Reset</a>
      </form>
      <p role="status">
        {total} flights departing {q.from} to {q.to}
        {pages > 1 ? ` · page ${page} of ${pages}` : ""}
      </p>
      {flights.length === 0 ? <p class="empty">No flights match.</p> : (
        <table class="data">
          <caption class="visually-hidden">Flights, local times at each airport</caption>
          <thead>
            <tr>
              <SortHeader q={q} sort="number" label="Flight" />
              <th scope="col">Route</th>
              <SortHeader q={q} sort="departure" label="Departs (local)" />
              <th scope="col">Arrives (local)</th>
              <th scope="col">Aircraft</th>
              <th scope="col">Status</th>
              <th scope="col">Sold / seats</th>
              <SortHeader q={q} sort="loadFactor" label="Load factor" />
            </tr>
          </thead>
          <tbody>{flights.map((f) => <FlightRow key={f.id} f={f} />)}</tbody>
        </table>
      )}
      {pages > 1 && (
        <FlightPager q={q} page={page} pages={pages} next={data.next} prev={data.prev} />
      )}
    </AdminLayout>
  );
}

/** `GET /admin/flights`: the flights table, filtered, sorted and paged by plain links. */
export const page = definePage({
  path: "/admin/flights",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const today = deps.clock.now().toISOString().slice(0, 10);
      const { q, errors } = parseListQuery(c.req.query(), today);
      const { data, total, next, prev } = await adminFlightList(deps.db.sql, {
        ...q,
        limit: LIMIT,
        offset: (q.page - 1) * LIMIT,
      });
      const notice = NOTICES[c.req.query("notice") ?? ""]?.(c.req.query());
      return renderPage(
        c,
        <FlightListPage data={{ q, errors, flights: data, total, next, prev, notice }} />,
      );
    },
  }),
});
