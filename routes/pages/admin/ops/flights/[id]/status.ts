import { AppError } from "../../../../../../domain/app_error.ts";
import {
  type StatusFormFields,
  statusProblems,
  statusRequest,
} from "../../../../../../domain/status_form.ts";
import { changeFlightStatus } from "../../../../../../services/status/status_change.ts";
import { StatusBody, statusCommand } from "../../../../../../services/status/status_input.ts";
import { statusChangeDeps } from "../../../../../deps.ts";
import { definePage, STAFF } from "../../../../../define_page.ts";
import { loadOpsFlight, renderOpsFlight } from "./index.tsx";

/**
 * `POST /admin/ops/flights/:id/status`: one status change from the operations page, by the
 * API's rules; a refusal is shown on the form, a success goes back with a notice.
 */
export const page = definePage({
  path: "/admin/ops/flights/:id/status",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c, user) => {
      const id = c.req.param("id");
      const { summary } = await loadOpsFlight(deps, id);
      const form = await c.req.parseBody();
      const text = (k: string) => (typeof form[k] === "string" ? form[k] as string : undefined);
      const fields: StatusFormFields = {
        type: text("type") ?? "",
        departureLocal: text("departureLocal"),
        actualLocal: text("actualLocal"),
        reason: text("reason"),
        gate: text("gate"),
      };
      const tz = fields.type === "arrived" ? summary.destination.tz : summary.origin.tz;
      const body = StatusBody.safeParse(statusRequest(fields, tz));
      if (!body.success) {
        const errors = statusProblems(
          body.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        );
        return renderOpsFlight(
          c,
          deps,
          { fields, errors, problem: "Please correct the form." },
          400,
        );
      }
      try {
        await changeFlightStatus(
          statusChangeDeps(deps),
          id,
          statusCommand(body.data),
          user.id,
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 404) throw error;
        return renderOpsFlight(
          c,
          deps,
          { fields, errors: {}, problem: error.detail },
          error.status as 409 | 422,
        );
      }
      return c.redirect(`/admin/ops/flights/${id}?notice=${body.data.type}`, 303);
    },
  }),
});
