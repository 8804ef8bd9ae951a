import { actorOf } from "../../../../actor.ts";
import { z } from "zod";
import { flightName } from "../../../../../components/CrewViews.tsx";
import { ResultsPage } from "../../../../../components/CrewPlanPages.tsx";
import { acceptPairingPlan } from "../../../../../services/crew/crew_positioning.ts";
import { acceptedPlanNames } from "../../../../../services/crew/accepted_plan.ts";
import { AcceptPlanBody } from "../../../../../services/crew/crew_input.ts";
import { positioningDeps } from "../../../../deps.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import { today } from "../../_query.ts";

const items = (form: Record<string, unknown>) =>
  [form.item ?? []].flat().filter((v): v is string => typeof v === "string").map((v) => {
    const [flightId, crewId, role] = v.split("|");
    return { flightId, crewId, role };
  });

/** `POST /admin/crew/plan/accept`: assigns the checked proposals and lists what happened. */
export const page = definePage({
  path: "/admin/crew/plan/accept",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const form = await c.req.parseBody({ all: true });
      const date = z.iso.date().catch(today(deps.clock.now())).parse(form.date);
      const body = AcceptPlanBody.safeParse({ assignments: items(form) });
      if (!body.success) {
        const error = items(form).length === 0
          ? "Nothing was checked: choose at least one assignment."
          : "Some items are not valid assignments; propose again.";
        return renderPage(c, <ResultsPage date={date} rows={[]} error={error} />, 400);
      }
      const { items: done } = await acceptPairingPlan(positioningDeps(deps), actorOf(c), {
        items: body.data.assignments,
        positioning: [],
      });
      const { flights, names } = await acceptedPlanNames(deps.db.sql, deps.clock.now(), done);
      const rows = done.map((d) => {
        const flight = flights.get(d.flightId);
        return {
          ...d,
          flight: flight ? flightName(flight) : d.flightId,
          name: names.get(d.crewId) ?? d.crewId,
        };
      });
      return renderPage(c, <ResultsPage date={date} rows={rows} />);
    },
  }),
});
