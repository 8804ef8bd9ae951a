import { AppError } from "../../../../../domain/app_error.ts";
import { problemsByField } from "../../../../../islands/client/flight_form_data.ts";
import { flightZones, getFlightForPage } from "../../../../../services/flights/flight_page.ts";
import { planReaccommodation } from "../../../../../services/status/reaccommodation_plan.ts";
import { CancelPreviewPage } from "../../../../../components/CancelPreviewPage.tsx";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import { formFields, formValues } from "../../_forms.ts";
import { renderFlightPage } from "./index.tsx";
import { statusFormBody } from "./_status_form.ts";

/**
 * `POST /admin/flights/:id/cancel`: the cancel form's dry run. It shows who would be moved
 * where and who offered a refund, changing nothing; its Confirm button posts the cancellation
 * to the status route.
 */
export const page = definePage({
  path: "/admin/flights/:id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/cancel",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const id = c.req.param("id");
      const sql = deps.db.sql;
      const flight = await getFlightForPage(sql, id);
      const form = await formFields(c);
      const read = statusFormBody({ ...form, type: "cancelled" }, await flightZones(sql, id));
      const failed = { type: "cancelled", values: formValues(form) };
      if ("problems" in read) {
        const status = { ...failed, errors: problemsByField(read.problems) };
        return await renderFlightPage(c, deps, id, { status }, 400);
      }
      try {
        const plan = await planReaccommodation({ ...deps, sql }, id);
        const reason = read.body.type === "cancelled" ? read.body.reason : "";
        return renderPage(c, <CancelPreviewPage flight={flight} plan={plan} reason={reason} />);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        const status = { ...failed, errors: {}, message: err.detail ?? err.title };
        return await renderFlightPage(c, deps, id, { status }, 409);
      }
    },
  }),
});
