import { actorOf } from "../../../../actor.ts";
import { z } from "zod";
import { flightName, roleLabel } from "../../../../../components/CrewViews.tsx";
import { ResultsPage } from "../../../../../components/CrewPlanPages.tsx";
import { acceptPairingPlan } from "../../../../../services/crew/crew_positioning.ts";
import { acceptedPlanNames } from "../../../../../services/crew/accepted_plan.ts";
import { AcceptPlanBody } from "../../../../../services/crew/crew_input.ts";
import { positioningDeps } from "../../../../deps.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import { today } from "../../_query.ts";

const values = (form: Record<string, unknown>, name: string) =>
  [form[name] ?? []].flat().filter((v): v is string => typeof v === "string");
const items = (form: Record<string, unknown>) =>
  values(form, "item").map((v) => {
    const [flightId, crewId, role] = v.split("|");
    return { flightId, crewId, role };
  });
const rides = (form: Record<string, unknown>) =>
  values(form, "ride").map((v) => {
    const [flightId, crewId] = v.split("|");
    return { flightId, crewId };
  });

/** `POST /admin/crew/plan/accept`: assigns the checked proposals and lists what happened. */
export const page = definePage({
  path: "/admin/crew/plan/accept",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const form = await c.req.parseBody({ all: true });
      const date = z.iso.date().catch(today(deps.clock.now())).parse(form.date);
      const body = AcceptPlanBody.safeParse({ assignments: items(form), positioning: rides(form) });
      if (!body.success) {
        const error = items(form).length === 0
          ? "Nothing was checked: choose at least one assignment."
          : "Some items are not valid assignments; propose again.";
        return renderPage(c, <ResultsPage date={date} rows={[]} error={error} />, 400);
      }
      const done = await acceptPairingPlan(positioningDeps(deps), actorOf(c), {
        items: body.data.assignments,
        positioning: body.data.positioning,
      });
      const all = [...done.items, ...done.positioning];
      const { flights, names } = await acceptedPlanNames(deps.db.sql, deps.clock.now(), all);
      const named = (d: { flightId: string; crewId: string }) => {
        const flight = flights.get(d.flightId);
        return {
          flightId: d.flightId,
          crewId: d.crewId,
          flight: flight ? flightName(flight) : d.flightId,
          name: names.get(d.crewId) ?? d.crewId,
        };
      };
      const rows = [
        ...done.items.map((d) => ({
          ...named(d),
          position: roleLabel(d.role),
          outcome: d.outcome.status === "assigned" ? { done: "Assigned" } : d.outcome,
        })),
        ...done.positioning.map((d) => ({
          ...named(d),
          position: "Positioning",
          outcome: d.outcome.status === "positioned"
            ? { done: `Seat ${d.outcome.seat}` }
            : d.outcome,
        })),
      ];
      return renderPage(c, <ResultsPage date={date} rows={rows} />);
    },
  }),
});
