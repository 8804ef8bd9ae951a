import { PlanPage } from "../../../../../components/CrewPlanPages.tsx";
import { storedCrewPlan } from "../../../../../services/crew/stored_plans.ts";
import { planTotals } from "../../../../../services/crew/crew_board.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import { DayQuery, parseQuery, today } from "../../_query.ts";

const PAGE_SIZE = 40;
const PlanQuery = DayQuery.omit({ short: true });

/**
 * `GET /admin/crew/plan`: the auto-assign proposal for a day, to edit and accept, as the
 * background planner stored it (services/crew/stored_plans.ts); a day not planned yet shows
 * that it is being computed and fills in when it is.
 */
export const page = definePage({
  path: "/admin/crew/plan",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const q = parseQuery(PlanQuery, c.req.query());
      const date = q.date ?? today(deps.clock.now());
      const view = await storedCrewPlan(
        { sql: deps.db.sql, clock: deps.clock, asked: () => deps.crewPlans?.kick() },
        date,
      );
      const plan = view.state === "missing" ? { flights: [], positioning: [] } : view.plan;
      const all = plan.flights.filter((f) => !q.origin || f.origin === q.origin);
      const flights = all.slice((q.page - 1) * PAGE_SIZE, q.page * PAGE_SIZE);
      const shown = new Set(flights.flatMap((f) => f.proposals.map((p) => p.crewId)));
      const url = new URL(c.req.url);
      const data = {
        date,
        origin: q.origin,
        page: q.page,
        pages: Math.ceil(all.length / PAGE_SIZE),
        flights,
        positioning: plan.positioning.filter((r) => shown.has(r.crewId)),
        ...planTotals(all),
        state: view.state,
        computedAt: view.state === "missing" ? undefined : view.computedAt,
        tookMs: view.state === "missing" ? undefined : view.tookMs,
        href: url.pathname + url.search,
      };
      c.header("Cache-Control", "no-store");
      return renderPage(c, <PlanPage data={data} />);
    },
  }),
});
