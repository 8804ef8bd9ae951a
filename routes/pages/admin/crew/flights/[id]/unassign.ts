import { actorOf } from "../../../../../actor.ts";
import { AppError } from "../../../../../../domain/app_error.ts";
import { unassignCrew } from "../../../../../../services/crew/crew_assignment.ts";
import { CrewIdParam } from "../../../../../../services/crew/crew_input.ts";
import { crewDeps } from "../../../../../deps.ts";
import { definePage, STAFF } from "../../../../../define_page.ts";
import { safeNext } from "../../../../../render.tsx";
import { FlightIdParam } from "../../../../../schemas.ts";

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? (form[name] as string).trim() : "";

/**
 * `POST /admin/crew/flights/:id/unassign`: removes a member from the flight, then back to the
 * crew page the form was on (the board or the flight's page).
 */
export const page = definePage({
  path: "/admin/crew/flights/:id/unassign",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const flightId = c.req.param("id");
      const form = await c.req.parseBody();
      const crewId = field(form, "crewId");
      const ids = FlightIdParam.safeParse({ id: flightId }).success &&
        CrewIdParam.safeParse({ id: crewId }).success;
      if (!ids) {
        throw new AppError(400, "invalid_input", { detail: "Unknown flight or crew member." });
      }
      const outcome = await unassignCrew(crewDeps(deps), actorOf(c), { flightId, crewId });
      if (outcome.status === "refused") {
        throw new AppError(outcome.code === "flight_closed" ? 409 : 404, outcome.code, {
          detail: outcome.detail,
        });
      }
      const asked = new URL(safeNext(field(form, "back")), "http://page");
      const back = asked.pathname.startsWith("/admin/crew")
        ? asked
        : new URL(`/admin/crew/flights/${flightId}`, "http://page");
      back.searchParams.set("notice", "removed");
      return c.redirect(back.pathname + back.search, 303);
    },
  }),
});
