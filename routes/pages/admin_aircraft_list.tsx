import { Hono } from "hono";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { CABIN_CODES, cabinCapacities, type CabinCode } from "../../domain/seat_layout.ts";
import { getAircraftType, listAircraftTypes, upcomingFlightsOfType } from "../../db/fleet_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";

interface TypeRow {
  code: string;
  name: string;
  manufacturer: string;
  seatCount: number;
  cruiseKmh: number;
  rangeKm: number;
  activeAircraft: number;
  cabins: Partial<Record<CabinCode, number>>;
  upcomingFlights: number;
}

function AircraftListPage({ types }: { types: TypeRow[] }) {
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
export function adminAircraftListPage(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>().get("/admin/aircraft-types", async (c) => {
    const user = pageUser(c, ["operator", "admin"]);
    if (user instanceof Response) return user;
    const now = deps.clock.now();
    const types = await Promise.all(
      (await listAircraftTypes(sql)).map(async (t) => {
        const [full, upcoming] = await Promise.all([
          getAircraftType(sql, t.code),
          upcomingFlightsOfType(sql, t.code, now, 1),
        ]);
        return {
          ...t,
          cabins: full ? cabinCapacities(full.layout) : {},
          upcomingFlights: upcoming.total,
        };
      }),
    );
    return renderPage(c, <AircraftListPage types={types} />);
  });
}
