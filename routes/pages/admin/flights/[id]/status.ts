import { AppError } from "../../../../../domain/app_error.ts";
import { problemsByField } from "../../../../../islands/client/flight_form_data.ts";
import { flightZones } from "../../../../../services/flights/flight_page.ts";
import { changeFlightStatus } from "../../../../../services/status/status_change.ts";
import { statusCommand } from "../../../../../services/status/status_input.ts";
import { statusChangeDeps } from "../../../../deps.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { formFields, formValues } from "../../_forms.ts";
import { renderFlightPage } from "./index.tsx";
import { statusFormBody } from "./_status_form.ts";

/**
 * `POST /admin/flights/:id/status`: one status change from the flight page's forms, by the
 * API's rules; a refusal is shown on the form that asked, a success redirects back.
 */
export const page = definePage({
  path: "/admin/flights/:id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/status",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c, user) => {
      const id = c.req.param("id");
      const zones = await flightZones(deps.db.sql, id);
      const form = await formFields(c);
      const read = statusFormBody(form, zones);
      const failed = { type: String(form.type ?? ""), values: formValues(form) };
      if ("problems" in read) {
        const status = { ...failed, errors: problemsByField(read.problems) };
        return await renderFlightPage(c, deps, id, { status }, 400);
      }
      try {
        const result = await changeFlightStatus(
          statusChangeDeps(deps),
          id,
          statusCommand(read.body),
          user.id,
        );
        const q = new URLSearchParams({ done: result.kind });
        const r = result.reaccommodation;
        if (r) {
          q.set("rebooked", String(r.rebooked.length));
          q.set("refunds", String(r.refundOffered.length));
          q.set("released", String(r.holdsReleased));
        }
        return c.redirect(`/admin/flights/${id}?${q}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404 || err.status >= 500) throw err;
        const status = { ...failed, errors: {}, message: err.detail ?? err.title };
        return await renderFlightPage(c, deps, id, { status }, err.status === 422 ? 422 : 409);
      }
    },
  }),
});
