import { POSITIONS } from "../../../../../../components/CrewViews.tsx";
import type { Attempt } from "../../../../../../components/CrewFlightPage.tsx";
import { actorOf } from "../../../../../actor.ts";
import { notFound } from "../../../../../../domain/app_error.ts";
import { assignCrew } from "../../../../../../services/crew/crew_assignment.ts";
import { previewAssignment } from "../../../../../../services/crew/crew_board.ts";
import { AssignCrewBody, CrewIdParam } from "../../../../../../services/crew/crew_input.ts";
import { crewDeps } from "../../../../../deps.ts";
import { definePage, STAFF } from "../../../../../define_page.ts";
import { FlightIdParam } from "../../../../../schemas.ts";
import { renderCrewFlight } from "./index.tsx";

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? (form[name] as string).trim() : "";

/**
 * `POST /admin/crew/flights/:id/assign`: assigns a member (with an override reason when a
 * rule says no); a refusal is shown on the flight's crew page.
 */
export const page = definePage({
  path: "/admin/crew/flights/:id/assign",
  roles: STAFF,
  handlers: (deps) => {
    const sql = deps.db.sql;
    return {
      POST: async (c) => {
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
          return renderCrewFlight(c, deps, preview ? { ...attempt, ...preview } : attempt, 400);
        }
        const { crewId, role, override } = body.data;
        const outcome = await assignCrew(crewDeps(deps), actorOf(c), {
          flightId,
          crewId,
          role,
          overrideReason: override?.reason,
        });
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
        return renderCrewFlight(c, deps, {
          crewId,
          role,
          name,
          violations: outcome.violations,
          error: outcome.violations.length ? undefined : outcome.detail,
        }, status);
      },
    };
  },
});
