import type { Context } from "hono";
import { notFound } from "../../../../../../domain/app_error.ts";
import { opsFlight } from "../../../../../../services/status/ops_flight.ts";
import { OpsFlightPage } from "../../../../../../components/OpsFlightPage.tsx";
import type { StatusAttempt } from "../../../../../../components/OpsStatusForm.tsx";
import type { AppDeps, AppEnv } from "../../../../../context.ts";
import { definePage, STAFF } from "../../../../../define_page.ts";
import { renderPage } from "../../../../../render.tsx";
import { FlightIdParam } from "../../../../../schemas.ts";

const NOTICES: Record<string, string> = {
  delayed: "Delay published.",
  gate_changed: "Gate change published.",
  boarding: "Boarding published.",
  departed: "Departure published.",
  arrived: "Arrival published.",
  cancelled: "Flight cancelled; passengers reaccommodated.",
};

/** The operations view of flight `id`; an id that is not a flight's is a 404. */
export async function loadOpsFlight(deps: AppDeps, id: string) {
  if (!FlightIdParam.safeParse({ id }).success) throw notFound("Flight");
  return await opsFlight(deps.db.sql, id);
}

/** Renders the operations page of flight `:id`, with what a refused status form sent. */
export async function renderOpsFlight(
  c: Context<AppEnv>,
  deps: AppDeps,
  attempt?: StatusAttempt,
  status: 200 | 400 | 409 | 422 = 200,
): Promise<Response> {
  const data = await loadOpsFlight(deps, c.req.param("id")!);
  const notice = NOTICES[c.req.query("notice") ?? ""];
  return renderPage(c, <OpsFlightPage data={{ ...data, notice, attempt }} />, status);
}

/** `GET /admin/ops/flights/:id`: one flight's status, its changes, and disruption outcomes. */
export const page = definePage({
  path: "/admin/ops/flights/:id",
  roles: STAFF,
  handlers: (deps) => ({ GET: (c) => renderOpsFlight(c, deps) }),
});
