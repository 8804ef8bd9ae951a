import type { Context } from "hono";
import type { AppError } from "../../../../../domain/app_error.ts";
import { adminFlightPage } from "../../../../../services/flights/flight_page.ts";
import {
  AdminFlightPage,
  type FlightPageState,
} from "../../../../../components/AdminFlightPage.tsx";
import { saveFlight } from "../../../../../services/flights/manage_flights.ts";
import { actorOf } from "../../../../actor.ts";
import { adminDeps } from "../../../../deps.ts";
import type { AppDeps, AppEnv } from "../../../../context.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import { flightFormValues, formFailure, readFlightForm } from "../../_forms.ts";
import { statusNotice } from "./_status_form.ts";

const DONE: Record<string, string> = {
  created: "Flight created.",
  saved: "Changes saved.",
  retimed: "Changes saved; passengers hear of the new times.",
  unchanged: "Nothing changed.",
};

/** Renders the flight page for `id`, with what a refused post puts back (404 if none). */
export async function renderFlightPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  id: string,
  state: Partial<FlightPageState> = {},
  status: 200 | 400 | 404 | 409 | 422 = 200,
): Promise<Response> {
  const data = await adminFlightPage(deps.db.sql, id);
  const edit = state.edit ?? { values: flightFormValues(data.flight), errors: {} };
  return renderPage(c, <AdminFlightPage data={data} state={{ ...state, edit }} />, status);
}

/**
 * `/admin/flights/:id`: one flight (status forms, schedule form, history, delete) and its
 * schedule form's post, by the same rules as the JSON API.
 */
export const page = definePage({
  path: "/admin/flights/:id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const notice = DONE[c.req.query("done") ?? ""] ?? statusNotice(c.req.query());
      return await renderFlightPage(c, deps, c.req.param("id"), { notice });
    },
    POST: async (c) => {
      const id = c.req.param("id");
      const { values, input, errors } = await readFlightForm(c);
      if (!input) return await renderFlightPage(c, deps, id, { edit: { values, errors } }, 400);
      try {
        const { changes } = await saveFlight(adminDeps(deps), actorOf(c), { id, flight: input });
        const done = changes.includes("times") ? "retimed" : changes.length ? "saved" : "unchanged";
        return c.redirect(`/admin/flights/${id}?done=${done}`, 303);
      } catch (err) {
        const edit = { values, ...formFailure(err) };
        const status = (err as AppError).status === 409 ? 409 : 422;
        return await renderFlightPage(c, deps, id, { edit }, status);
      }
    },
  }),
});
