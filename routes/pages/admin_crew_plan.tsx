import { Hono } from "hono";
import { z } from "zod";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { CsrfField } from "../../components/Layout.tsx";
import { flightName, roleLabel, Violations } from "../../components/CrewViews.tsx";
import { Pager } from "../../components/Pager.tsx";
import { AppError } from "../../domain/app_error.ts";
import { getStaffedFlight, loadMembers } from "../../db/crew_assignments_repo.ts";
import { type AcceptedItem, acceptPlan } from "../../services/crew_assignment.ts";
import { type PlannedFlight, proposeCrew } from "../../services/crew_board.ts";
import { AcceptPlanBody } from "../api/admin_crew_schemas.ts";
import { crewDeps } from "../api/admin_flight_crew.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";
import { BoardQuery, filledQuery } from "./admin_crew_board.tsx";

const PAGE_SIZE = 40;
const PlanQuery = BoardQuery.omit({ short: true });

interface PlanData {
  date: string;
  origin?: string;
  page: number;
  pages: number;
  flights: PlannedFlight[];
  proposed: number;
  unfilled: number;
}

function PlanPage({ data }: { data: PlanData }) {
  return (
    <AdminLayout title="Crew proposal">
      <p>
        <a href={`/admin/crew?date=${data.date}`}>Crew board</a>
      </p>
      <h1>Crew proposal for {data.date}{data.origin ? ` from ${data.origin}` : ""}</h1>
      <p>
        {data.proposed} assignment(s) proposed for the flights short of crew; {data.unfilled}{" "}
        position(s) nobody could legally fill. Nothing is written until you accept; each item is
        checked again then. Uncheck what you do not want.
      </p>
      {data.flights.length === 0
        ? <p class="empty">No open flight is short of crew.</p>
        : (
          <form method="post" action="/admin/crew/plan/accept" class="plan-form">
            <CsrfField />
            <input type="hidden" name="date" value={data.date} />
            {data.flights.map((f) => (
              <fieldset key={f.flightId} class="plan-flight">
                <legend>
                  {flightName(f)} · {f.departureLocal.slice(11)} · {f.aircraftType}
                </legend>
                {f.proposals.map((p) => (
                  <label key={p.crewId} class="check">
                    <input
                      type="checkbox"
                      name="item"
                      value={`${f.flightId}|${p.crewId}|${p.role}`}
                      checked
                    />{" "}
                    {roleLabel(p.role)}: {p.name}
                  </label>
                ))}
                {f.unfilled.length > 0 && (
                  <p class="warning">No legal crew for: {f.unfilled.map(roleLabel).join(", ")}</p>
                )}
              </fieldset>
            ))}
            <button type="submit">Accept checked assignments</button>
          </form>
        )}
      <Pager
        path="/admin/crew/plan"
        query={{ date: data.date, origin: data.origin }}
        page={data.page}
        pages={data.pages}
      />
    </AdminLayout>
  );
}

interface ResultRow extends AcceptedItem {
  flight: string;
  name: string;
}

function ResultsPage({ date, rows, error }: { date: string; rows: ResultRow[]; error?: string }) {
  const assigned = rows.filter((r) => r.outcome.status === "assigned").length;
  return (
    <AdminLayout title="Crew proposal accepted">
      <h1>Crew proposal results</h1>
      {error
        ? <p class="form-error" role="alert">{error}</p>
        : <p role="status" class="notice">{assigned} assigned, {rows.length - assigned} refused.
        </p>}
      {rows.length > 0 && (
        <table class="data">
          <caption class="visually-hidden">Each accepted item and what became of it</caption>
          <thead>
            <tr>
              <th scope="col">Flight</th>
              <th scope="col">Crew member</th>
              <th scope="col">Position</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.flightId}${r.crewId}`}>
                <td>{r.flight}</td>
                <td>{r.name}</td>
                <td>{roleLabel(r.role)}</td>
                <td>
                  {r.outcome.status === "assigned" ? <span class="ok">Assigned</span> : (
                    <>
                      <span class="bad">Refused:</span> {r.outcome.detail}
                      {r.outcome.violations.length > 0 && (
                        <Violations violations={r.outcome.violations} />
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={`/admin/crew?date=${date}`}>Back to the crew board</a> ·{" "}
        <a href={`/admin/crew/plan?date=${date}`}>Propose again</a>
      </p>
    </AdminLayout>
  );
}

const items = (form: Record<string, unknown>) =>
  [form.item ?? []].flat().filter((v): v is string => typeof v === "string").map((v) => {
    const [flightId, crewId, role] = v.split("|");
    return { flightId, crewId, role };
  });

/** `/admin/crew/plan`: the auto-assign proposal for a day, to edit and accept. */
export function adminCrewPlanPages(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .get("/admin/crew/plan", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const parsed = PlanQuery.safeParse(filledQuery(c.req.query()));
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
        throw new AppError(400, "invalid_input", { detail: detail.join("; ") });
      }
      const q = parsed.data;
      const date = q.date ?? deps.clock.now().toISOString().slice(0, 10);
      const all = (await proposeCrew(sql, { from: date, to: date, now: deps.clock.now() }))
        .filter((f) => !q.origin || f.origin === q.origin);
      const flights = all.slice((q.page - 1) * PAGE_SIZE, q.page * PAGE_SIZE);
      const data = {
        date,
        origin: q.origin,
        page: q.page,
        pages: Math.ceil(all.length / PAGE_SIZE),
        flights,
        proposed: all.reduce((n, f) => n + f.proposals.length, 0),
        unfilled: all.reduce((n, f) => n + f.unfilled.length, 0),
      };
      return renderPage(c, <PlanPage data={data} />);
    })
    .post("/admin/crew/plan/accept", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const form = await c.req.parseBody({ all: true });
      const date = z.iso.date().catch(deps.clock.now().toISOString().slice(0, 10)).parse(form.date);
      const body = AcceptPlanBody.safeParse({ assignments: items(form) });
      if (!body.success) {
        const error = items(form).length === 0
          ? "Nothing was checked: choose at least one assignment."
          : "Some items are not valid assignments; propose again.";
        return renderPage(c, <ResultsPage date={date} rows={[]} error={error} />, 400);
      }
      const done = await acceptPlan(crewDeps(deps), body.data.assignments, {
        userId: user.id,
        requestId: c.get("requestId"),
      });
      const flightIds = [...new Set(done.map((d) => d.flightId))];
      const [flights, members] = await Promise.all([
        Promise.all(flightIds.map((id) => getStaffedFlight(sql, id))),
        loadMembers(sql, deps.clock.now(), [...new Set(done.map((d) => d.crewId))]),
      ]);
      const flightNames = new Map(
        flights.filter((f) => f !== undefined).map((f) => [f.id, flightName(f)]),
      );
      const names = new Map(members.map((m) => [m.id, m.name]));
      const rows = done.map((d) => ({
        ...d,
        flight: flightNames.get(d.flightId) ?? d.flightId,
        name: names.get(d.crewId) ?? d.crewId,
      }));
      return renderPage(c, <ResultsPage date={date} rows={rows} />);
    });
}
