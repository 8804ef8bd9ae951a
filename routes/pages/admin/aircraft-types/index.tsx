import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import { CABIN_CODES } from "../../../../domain/seat_layout.ts";
import type { AircraftTypeRow } from "../../../../domain/views/fleet.ts";
import { aircraftTypeRows } from "../../../../services/fleet/fleet_views.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";

function AircraftListPage({ types }: { types: AircraftTypeRow[] }) {
  return (
    <AdminLayout title="Aircraft types">
      <div class="page-head">
        <h1>Aircraft types</h1>
        <a class="button-link" href="/admin/aircraft-types/new">New aircraft type</a>
      </div>
      <table class="data">
        <caption class="visually-hidden">Aircraft types with seats per cabin</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Manufacturer</th>
            {CABIN_CODES.map((c) => (
              <th key={c} scope="col">
                <abbr title={`Seats in cabin ${c}`}>{c}</abbr>
              </th>
            ))}
            <th scope="col" class="num">Seats</th>
            <th scope="col">Cruise</th>
            <th scope="col">Range</th>
            <th scope="col">Airframes</th>
            <th scope="col">Flights ahead</th>
          </tr>
        </thead>
        <tbody>
          {types.map((t) => (
            <tr key={t.code}>
              <th scope="row">
                <a href={`/admin/aircraft-types/${t.code}`}>{t.code}</a> {t.name}
              </th>
              <td>{t.manufacturer}</td>
              {CABIN_CODES.map((c) => <td key={c} class="num">{t.cabins[c] ?? "–"}</td>)}
              <td class="num">{t.seatCount}</td>
              <td class="num">{t.cruiseKmh} km/h</td>
              <td class="num">{t.rangeKm.toLocaleString("en-US")} km</td>
              <td class="num">{t.activeAircraft}</td>
              <td class="num">{t.upcomingFlights}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {types.length === 0 && <p class="empty">No aircraft types yet.</p>}
    </AdminLayout>
  );
}

/** `GET /admin/aircraft-types`: every type with its seats per cabin and how much it flies. */
export const page = definePage({
  path: "/admin/aircraft-types",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const types = await aircraftTypeRows(deps.db.sql, deps.clock.now());
      return renderPage(c, <AircraftListPage types={types} />);
    },
  }),
});
