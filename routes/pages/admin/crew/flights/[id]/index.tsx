import type { Context } from "hono";
import { CREW_NOTICES } from "../../../../../../components/CrewViews.tsx";
import { type Attempt, FlightCrewPage } from "../../../../../../components/CrewFlightPage.tsx";
import { notFound } from "../../../../../../domain/app_error.ts";
import { flightCrewView } from "../../../../../../services/crew/crew_board.ts";
import { crewRoster } from "../../../../../../services/crew/crew_roster.ts";
import type { AppDeps, AppEnv } from "../../../../../context.ts";
import { definePage, STAFF } from "../../../../../define_page.ts";
import { renderPage } from "../../../../../render.tsx";
import { FlightIdParam } from "../../../../../schemas.ts";

/** Renders the crew page of flight `:id` with what a refused form puts back (404 if none). */
export async function renderCrewFlight(
  c: Context<AppEnv>,
  deps: AppDeps,
  attempt: Attempt = {},
  status: 200 | 400 | 404 | 409 | 422 = 200,
): Promise<Response> {
  const sql = deps.db.sql;
  const id = FlightIdParam.safeParse({ id: c.req.param("id") });
  const view = id.success ? await flightCrewView(sql, id.data.id) : undefined;
  if (!view) throw notFound("Flight");
  // The roster is sized to the schedule: the members based here come first, then a page of
  // the rest (someone based elsewhere may have landed here).
  const [here, rest] = await Promise.all([
    crewRoster(sql, { base: view.flight.origin, limit: 500, offset: 0 }),
    crewRoster(sql, { limit: 200, offset: 0 }),
  ]);
  const seen = new Set(here.data.map((m) => m.id));
  const candidates = [...here.data, ...rest.data.filter((m) => !seen.has(m.id))];
  const notice = CREW_NOTICES[c.req.query("notice") ?? ""];
  return renderPage(c, <FlightCrewPage data={{ view, candidates, attempt, notice }} />, status);
}

/** `GET /admin/crew/flights/:id`: one flight's crew, with forms to assign and remove. */
export const page = definePage({
  path: "/admin/crew/flights/:id",
  roles: STAFF,
  handlers: (deps) => ({ GET: (c) => renderCrewFlight(c, deps) }),
});
