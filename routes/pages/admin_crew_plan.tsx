import { Hono } from "hono";
import { z } from "zod";
import { flightName } from "../../components/CrewViews.tsx";
import { PlanPage, ResultsPage } from "../../components/CrewPlanPages.tsx";
import { getStaffedFlight, loadMembers } from "../../db/crew_assignments_repo.ts";
import { acceptPlan } from "../../services/crew/crew_assignment.ts";
import { proposeCrew } from "../../services/crew/crew_board.ts";
import { AcceptPlanBody } from "../../services/crew/crew_input.ts";
import { crewDeps } from "../deps.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";
import { DayQuery, parseQuery, today } from "./admin_query.ts";

const PAGE_SIZE = 40;
const PlanQuery = DayQuery.omit({ short: true });

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
      const q = parseQuery(PlanQuery, c.req.query());
      const date = q.date ?? today(deps.clock.now());
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
      const date = z.iso.date().catch(today(deps.clock.now())).parse(form.date);
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
