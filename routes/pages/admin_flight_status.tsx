import type { Context } from "hono";
import { AppError, notFound } from "../../domain/app_error.ts";
import { airportZones } from "../../db/admin_pages_repo.ts";
import { getAdminFlight } from "../../db/admin_flights_repo.ts";
import { problemsByField } from "../../components/client/flight_form_data.ts";
import { changeFlightStatus } from "../../services/status/status_change.ts";
import { statusCommand } from "../../services/status/status_input.ts";
import { reaccommodationDeps } from "../deps.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser } from "../render.tsx";
import { formFields, formValues } from "./admin_page_support.ts";
import { renderFlightPage } from "./admin_flight_view.tsx";
import { statusFormBody } from "./admin_status_form.ts";

const DONE: Record<string, string> = {
  delayed: "Delay published; passengers and crew are told.",
  gate_changed: "Gate change published.",
  boarding: "Boarding started.",
  departed: "The flight departed.",
  arrived: "The flight arrived.",
};

/** The notice after a status change; a cancellation tells where its passengers went. */
export function statusNotice(q: Record<string, string>): string | undefined {
  if (q.done !== "cancelled") return DONE[q.done ?? ""];
  const n = (k: string) => Number(q[k]) || 0;
  return `Flight cancelled: ${n("rebooked")} bookings moved to other flights, ` +
    `${n("refunds")} offered a full refund, ${n("released")} unpaid holds released.`;
}

/**
 * `POST /admin/flights/:id/status`: one status change from the flight page's forms, by the
 * API's rules; a refusal is shown on the form that asked, a success redirects back.
 */
export function flightStatusRoute(deps: AppDeps) {
  return async (c: Context<AppEnv>) => {
    const user = pageUser(c, ["operator", "admin"]);
    if (user instanceof Response) return user;
    const id = c.req.param("id")!;
    const flight = await getAdminFlight(deps.db.sql, id);
    if (!flight) throw notFound("Flight");
    const form = await formFields(c);
    const zones = await airportZones(deps.db.sql, [flight.origin, flight.destination]);
    const read = statusFormBody(form, {
      origin: zones[flight.origin] ?? "UTC",
      destination: zones[flight.destination] ?? "UTC",
    });
    const failed = { type: String(form.type ?? ""), values: formValues(form) };
    if ("problems" in read) {
      const status = { ...failed, errors: problemsByField(read.problems) };
      return await renderFlightPage(c, deps, id, { status }, 400);
    }
    try {
      const result = await changeFlightStatus(
        { ...reaccommodationDeps(deps), store: deps.store },
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
  };
}
