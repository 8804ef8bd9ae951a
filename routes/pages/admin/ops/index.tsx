import { z } from "zod";
import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import OpsBoard from "../../../../islands/OpsBoard.tsx";
import { FLIGHT_STATUSES } from "../../../../domain/flight_status.ts";
import type { OpsRow } from "../../../../domain/views/ops.ts";
import { opsBoard } from "../../../../services/status/ops_board.ts";
import { recentOpsAlerts } from "../../../../services/status/ops_alerts.ts";
import type { OpsAlertItem } from "../../../../domain/views/ops.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { iataCode } from "../../../schemas.ts";
import { dateFilter, filledQuery, queryProblems, today } from "../_query.ts";

/** One day on one screen: more flights than any day of the demo (~540) or a big hub. */
const DAY_LIMIT = 2000;

const OpsQuery = z.object({
  date: dateFilter.optional(),
  origin: iataCode.optional(),
  status: z.enum(FLIGHT_STATUSES, { message: `expected one of ${FLIGHT_STATUSES.join(", ")}` })
    .optional(),
});

interface OpsData {
  date: string;
  origin?: string;
  status?: string;
  total: number;
  /** The server's clock when the page was made (the board's overdue flags start from it). */
  now: string;
  alerts: OpsAlertItem[];
  rows: OpsRow[];
  errors: string[];
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
            {data.total > data.rows.length && (
              <p role="status">Showing the first {data.rows.length}; filter by origin or status.</p>
            )}
            {data.rows.length > 0 && (
              <OpsBoard rows={data.rows} now={data.now} alerts={data.alerts} />
            )}
          </>
        )}
    </AdminLayout>
  );
}

/** `GET /admin/ops`: all of a day's flights by hour, with live status (island OpsBoard). */
export const page = definePage({
  path: "/admin/ops",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const day = today(deps.clock.now());
      const parsed = OpsQuery.safeParse(filledQuery(c.req.query()));
      if (!parsed.success) {
        const errors = queryProblems(parsed.error);
        const data = { date: day, total: 0, rows: [], errors, now: "", alerts: [] };
        return renderPage(c, <OpsPage data={data} />, 400);
      }
      const q = parsed.data;
      const date = q.date ?? day;
      const { rows, total } = await opsBoard(deps.db.sql, {
        date,
        origin: q.origin,
        status: q.status,
        limit: DAY_LIMIT,
        offset: 0,
      });
      const now = deps.clock.now().toISOString();
      const alerts = await recentOpsAlerts(deps.db.sql, c.get("principal").userId!);
      const data = { ...q, date, total, rows, errors: [], now, alerts };
      return renderPage(c, <OpsPage data={data} />);
    },
  }),
});
