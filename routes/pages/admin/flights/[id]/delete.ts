import { removeFlight } from "../../../../../services/flights/manage_flights.ts";
import { actorOf } from "../../../../actor.ts";
import { adminDeps } from "../../../../deps.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { formFailure } from "../../_forms.ts";
import { renderFlightPage } from "./index.tsx";

/** `POST /admin/flights/:id/delete`: deletes a flight nobody holds, bought or paid for. */
export const page = definePage({
  path: "/admin/flights/:id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/delete",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const id = c.req.param("id");
      try {
        await removeFlight(adminDeps(deps), actorOf(c), id);
      } catch (err) {
        const { problem } = formFailure(err);
        return await renderFlightPage(c, deps, id, { deleteProblem: problem }, 409);
      }
      return c.redirect("/admin/flights?notice=deleted", 303);
    },
  }),
});
