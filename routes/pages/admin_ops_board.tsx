import { Hono } from "hono";
import { z } from "zod";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { Pager } from "../../islands/parts/Pager.tsx";
import OpsBoard, { type OpsRow } from "../../islands/OpsBoard.tsx";
import { FLIGHT_STATUSES } from "../../domain/flight_status.ts";
import { listAdminFlights } from "../../db/admin_flights_repo.ts";
import { listFlightsByIds } from "../../db/flights_repo.ts";
import { listReaccommodations } from "../../db/reaccommodation_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";
import { iataCode } from "../schemas.ts";
import { dateFilter, filledQuery, pageNumber, queryProblems, today } from "./admin_query.ts";

const PAGE_SIZE = 50;

const OpsQuery = z.object({
  date: dateFilter.optional(),
  origin: iataCode.optional(),
  status: z.enum(FLIGHT_STATUSES, { message: `expected one of ${FLIGHT_STATUSES.join(", ")}` })
    .optional(),
  page: pageNumber,
});

interface OpsData {
  date: string;
  origin?: string;
  status?: string;
  page: number;
  pages: number;
  total: number;
  rows: OpsRow[];
  errors: string[];
}

/** What became of a cancelled flight's passengers, counted. */
export async function outcomeCounts(sql: Sql, flightId: string) {
  const list = await listReaccommodations(sql, flightId);
  return {
    rebooked: list.filter((r) => r.status === "rebooked").length,
    refundOffered: list.filter((r) => r.status !== "rebooked").length,
  };
}

function OpsPage({ data }: { data: OpsData }) {
  return (
    <AdminLayout title="Operations">
      <h1>Operations board</h1>
      <form class="filter" method="get" action="/admin/ops">
        <label>
          Day <input type="date" name="date" value={data.date} />
        </label>
        <label>
          From <input name="origin" value={data.origin ?? ""} maxLength={3} placeholder="FRA" />
        </label>
        <label>
          Status
          <select name="status">
            <option value="">Any</option>
            {FLIGHT_STATUSES.map((s) => (
              <option key={s} value={s} selected={s === data.status}>{s}</option>
            ))}
          </select>
        </label>
        <button type="submit">Show flights</button>
      </form>
      {data.errors.length > 0
        ? (
          <div class="form-error" role="alert">
            <p>Please correct the filter:</p>
            <ul>{data.errors.map((e) => <li key={e}>{e}</li>)}</ul>
          </div>
        )
        : (
          <>
            <p>
              {data.total} flight(s) on {data.date}
              {data.origin ? ` from ${data.origin}` : ""}; times are local at the origin.
            </p>
            {data.rows.length > 0 && <OpsBoard rows={data.rows} />}
            <Pager
              path="/admin/ops"
              query={{ date: data.date, origin: data.origin, status: data.status }}
              page={data.page}
              pages={data.pages}
            />
          </>
        )}
    </AdminLayout>
  );
}

/** `GET /admin/ops`: a day's flights, paged, with live status and load (island OpsBoard). */
export function adminOpsBoardPage(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>().get("/admin/ops", async (c) => {
    const user = pageUser(c, ["operator", "admin"]);
    if (user instanceof Response) return user;
    const day = today(deps.clock.now());
    const parsed = OpsQuery.safeParse(filledQuery(c.req.query()));
    if (!parsed.success) {
      const errors = queryProblems(parsed.error);
      const data = { date: day, page: 1, pages: 0, total: 0, rows: [], errors };
      return renderPage(c, <OpsPage data={data} />, 400);
    }
    const q = parsed.data;
    const date = q.date ?? day;
    const { data: flights, total } = await listAdminFlights(sql, {
      from: date,
      to: date,
      origin: q.origin,
      status: q.status,
      sort: "departure",
      order: "asc",
      limit: PAGE_SIZE,
      offset: (q.page - 1) * PAGE_SIZE,
    });
    const zones = new Map(
      (await listFlightsByIds(sql, flights.map((f) => f.id))).map((f) => [f.id, f.origin.tz]),
    );
    const rows: OpsRow[] = await Promise.all(flights.map(async (f) => ({
      id: f.id,
      name: `${f.carrier} ${f.flightNumber} ${f.origin} → ${f.destination}`,
      origin: f.origin,
      originTz: zones.get(f.id) ?? "UTC",
      departureLocal: f.departureLocal,
      departureAt: f.departureAt,
      estimatedDepartureAt: f.estimatedDepartureAt,
      status: f.status,
      gate: f.gate,
      version: f.version,
      capacity: f.capacity,
      sold: f.sold,
      outcome: f.status === "cancelled" ? await outcomeCounts(sql, f.id) : undefined,
    })));
    const data = { ...q, date, total, pages: Math.ceil(total / PAGE_SIZE), rows, errors: [] };
    return renderPage(c, <OpsPage data={data} />);
  });
}
