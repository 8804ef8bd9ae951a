import { type Context, Hono } from "hono";
import { CREW_NOTICES, POSITIONS } from "../../components/CrewViews.tsx";
import { type Attempt, FlightCrewPage } from "../../components/CrewFlightPage.tsx";
import { AppError, notFound } from "../../domain/app_error.ts";
import { listCrew } from "../../db/crew_repo.ts";
import { assignCrew, unassignCrew } from "../../services/crew/crew_assignment.ts";
import { flightCrewView, previewAssignment } from "../../services/crew/crew_board.ts";
import { AssignCrewBody, CrewIdParam } from "../../services/crew/crew_input.ts";
import { crewDeps } from "../deps.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage, safeNext } from "../render.tsx";
import { FlightIdParam } from "../schemas.ts";

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? (form[name] as string).trim() : "";

/** `/admin/crew/flights/:id`: one flight's crew; assign (with override) and remove. */
export function adminCrewFlightPages(deps: AppDeps) {
  const sql = deps.db.sql;

  async function show(
    c: Context<AppEnv>,
    attempt: Attempt = {},
    status: 200 | 400 | 404 | 409 | 422 = 200,
  ) {
    const id = FlightIdParam.safeParse({ id: c.req.param("id") });
    const view = id.success ? await flightCrewView(sql, id.data.id) : undefined;
    if (!view) throw notFound("Flight");
    const { data: candidates } = await listCrew(sql, { limit: 500, offset: 0 });
    const notice = CREW_NOTICES[c.req.query("notice") ?? ""];
    return renderPage(c, <FlightCrewPage data={{ view, candidates, attempt, notice }} />, status);
  }

  return new Hono<AppEnv>()
    .get("/admin/crew/flights/:id", (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      return user instanceof Response ? user : show(c);
    })
    .post("/admin/crew/flights/:id/assign", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const flightId = c.req.param("id");
      const form = await c.req.parseBody();
      const reason = field(form, "overrideReason");
      const body = AssignCrewBody.safeParse({
        crewId: field(form, "crewId"),
        role: field(form, "role"),
        ...(reason || "overrideReason" in form ? { override: { reason } } : {}),
      });
      if (!FlightIdParam.safeParse({ id: flightId }).success) throw notFound("Flight");
      if (!body.success) {
        const attempt: Attempt = {
          crewId: field(form, "crewId"),
          role: field(form, "role"),
          error: body.error.issues.map((i) => i.message).join("; "),
        };
        // A too-short override reason: show the rules again next to the reason asked for.
        const preview = CrewIdParam.safeParse({ id: attempt.crewId }).success &&
          POSITIONS.includes(attempt.role as never) &&
          await previewAssignment(sql, {
            flightId,
            crewId: attempt.crewId!,
            role: attempt.role as never,
          });
        return show(c, preview ? { ...attempt, ...preview } : attempt, 400);
      }
      const { crewId, role, override } = body.data;
      const outcome = await assignCrew(crewDeps(deps), {
        flightId,
        crewId,
        role,
        overrideReason: override?.reason,
      }, { userId: user.id, requestId: c.get("requestId") });
      if (outcome.status === "assigned") {
        return c.redirect(`/admin/crew/flights/${flightId}?notice=assigned`, 303);
      }
      if (outcome.code === "flight_not_found") throw notFound("Flight");
      const name = (await previewAssignment(sql, { flightId, crewId, role }))?.name;
      const status = outcome.code === "crew_assignment_illegal"
        ? 422
        : outcome.code === "crew_not_found"
        ? 404
        : 409;
      return show(c, {
        crewId,
        role,
        name,
        violations: outcome.violations,
        error: outcome.violations.length ? undefined : outcome.detail,
      }, status);
    })
    .post("/admin/crew/flights/:id/unassign", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const flightId = c.req.param("id");
      const form = await c.req.parseBody();
      const crewId = field(form, "crewId");
      const ids = FlightIdParam.safeParse({ id: flightId }).success &&
        CrewIdParam.safeParse({ id: crewId }).success;
      if (!ids) {
        throw new AppError(400, "invalid_input", { detail: "Unknown flight or crew member." });
      }
      const outcome = await unassignCrew(crewDeps(deps), flightId, crewId, {
        userId: user.id,
        requestId: c.get("requestId"),
      });
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
    });
}
