import { type Context, Hono } from "hono";
import { AppError, notFound } from "../../domain/app_error.ts";
import {
  actionsFor,
  localMinutes,
  type StatusFormFields,
  statusProblems,
  statusRequest,
} from "../../domain/status_form.ts";
import { getAdminFlight } from "../../db/admin_flights_repo.ts";
import { getFlight, listFlightsByIds } from "../../db/flights_repo.ts";
import { getFlightStatusState, listStatusHistory } from "../../db/flight_status_repo.ts";
import { listReaccommodations } from "../../db/reaccommodation_repo.ts";
import { changeFlightStatus } from "../../services/status/status_change.ts";
import { StatusBody, statusCommand } from "../../services/status/status_input.ts";
import { reaccommodationDeps } from "../deps.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";
import { FlightIdParam } from "../schemas.ts";
import { type OpsFlightData, OpsFlightPage } from "../../components/OpsFlightPage.tsx";
import type { StatusAttempt } from "../../components/OpsStatusForm.tsx";

const NOTICES: Record<string, string> = {
  delayed: "Delay published.",
  gate_changed: "Gate change published.",
  boarding: "Boarding published.",
  departed: "Departure published.",
  arrived: "Arrival published.",
  cancelled: "Flight cancelled; passengers reaccommodated.",
};

/** `/admin/ops/flights/:id`: one flight's status, its changes, and disruption outcomes. */
export function adminOpsFlightPages(deps: AppDeps) {
  const sql = deps.db.sql;

  async function load(id: string): Promise<Omit<OpsFlightData, "notice" | "attempt">> {
    if (!FlightIdParam.safeParse({ id }).success) throw notFound("Flight");
    const [flight, summary, state] = await Promise.all([
      getAdminFlight(sql, id),
      getFlight(sql, id),
      getFlightStatusState(sql, id),
    ]);
    if (!flight || !summary || !state) throw notFound("Flight");
    const [history, outcomes] = await Promise.all([
      listStatusHistory(sql, id),
      listReaccommodations(sql, id),
    ]);
    const newFlights = await listFlightsByIds(sql, [
      ...new Set(outcomes.flatMap((o) => o.flightIds)),
    ]);
    return {
      flight,
      summary,
      reason: state.reason,
      actions: actionsFor(flight.status),
      history: history.map((h) => ({
        version: h.version as number,
        kind: h.kind as string,
        status: h.status as string,
        reason: h.reason as string | null,
        gate: h.gate as string | null,
        estimatedDepartureLocal: h.estimated_departure_at
          ? localMinutes(h.estimated_departure_at.toISOString(), summary.origin.tz).replace(
            "T",
            " ",
          )
          : null,
        at: (h.created_at as Date).toISOString().slice(0, 16).replace("T", " "),
      })),
      outcomes,
      flightNames: Object.fromEntries(
        newFlights.map((
          f,
        ) => [
          f.id,
          `${f.carrier} ${f.flightNumber} ${f.origin.iata} → ${f.destination.iata} ${
            f.departureLocal.replace("T", " ")
          }`,
        ]),
      ),
    };
  }

  async function show(
    c: Context<AppEnv>,
    attempt?: StatusAttempt,
    status: 200 | 400 | 409 | 422 = 200,
  ) {
    const data = await load(c.req.param("id")!);
    const notice = NOTICES[c.req.query("notice") ?? ""];
    return renderPage(c, <OpsFlightPage data={{ ...data, notice, attempt }} />, status);
  }

  return new Hono<AppEnv>()
    .get("/admin/ops/flights/:id", (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      return user instanceof Response ? user : show(c);
    })
    .post("/admin/ops/flights/:id/status", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const id = c.req.param("id");
      const { summary } = await load(id);
      const form = await c.req.parseBody();
      const text = (k: string) => (typeof form[k] === "string" ? form[k] as string : undefined);
      const fields: StatusFormFields = {
        type: text("type") ?? "",
        departureLocal: text("departureLocal"),
        reason: text("reason"),
        gate: text("gate"),
      };
      const body = StatusBody.safeParse(statusRequest(fields, summary.origin.tz));
      if (!body.success) {
        const errors = statusProblems(
          body.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        );
        return show(c, { fields, errors, problem: "Please correct the form." }, 400);
      }
      try {
        await changeFlightStatus(
          { ...reaccommodationDeps(deps), store: deps.store },
          id,
          statusCommand(body.data),
          user.id,
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 404) throw error;
        return show(c, { fields, errors: {}, problem: error.detail }, error.status as 409 | 422);
      }
      return c.redirect(`/admin/ops/flights/${id}?notice=${body.data.type}`, 303);
    });
}
