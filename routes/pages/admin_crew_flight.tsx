import { type Context, Hono } from "hono";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { CsrfField } from "../../components/Layout.tsx";
import {
  CREW_NOTICES,
  CrewList,
  flightName,
  POSITIONS,
  roleLabel,
  shortText,
  Violations,
} from "../../components/CrewViews.tsx";
import { AppError, notFound } from "../../domain/app_error.ts";
import type { Violation } from "../../domain/crew/legality.ts";
import { type CrewMemberView, listCrew } from "../../db/crew_repo.ts";
import { assignCrew, CLOSED_STATUSES, unassignCrew } from "../../services/crew_assignment.ts";
import { type FlightCrew, flightCrewView, previewAssignment } from "../../services/crew_board.ts";
import { AssignCrewBody, CrewIdParam } from "../api/admin_crew_schemas.ts";
import { crewDeps } from "../api/admin_flight_crew.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage, safeNext } from "../render.tsx";
import { FlightIdParam } from "../schemas.ts";

/** What the assign form shows after a refused or invalid attempt. */
interface Attempt {
  crewId?: string;
  role?: string;
  name?: string;
  violations?: Violation[];
  error?: string;
}

interface FlightPageData {
  view: FlightCrew;
  candidates: CrewMemberView[];
  attempt: Attempt;
  notice?: string;
}

function CandidateSelect({ data }: { data: FlightPageData }) {
  const { flight } = data.view;
  const onBoard = new Set(data.view.crew.map((m) => m.crewId));
  const free = data.candidates.filter((m) => m.active && !onBoard.has(m.id));
  const rated = (m: CrewMemberView) => m.typeRatings.includes(flight.aircraftType);
  const groups: [string, CrewMemberView[]][] = [
    [
      `At ${flight.origin}, rated on ${flight.aircraftType}`,
      free.filter((m) => rated(m) && m.homeBase === flight.origin),
    ],
    [
      `Elsewhere, rated on ${flight.aircraftType}`,
      free.filter((m) => rated(m) && m.homeBase !== flight.origin),
    ],
    [`Not rated on ${flight.aircraftType}`, free.filter((m) => !rated(m))],
  ];
  return (
    <select id="assign-crew" name="crewId" required>
      {groups.filter(([, list]) => list.length).map(([label, list]) => (
        <optgroup key={label} label={label}>
          {list.map((m) => (
            <option key={m.id} value={m.id} selected={m.id === data.attempt.crewId}>
              {`${m.name} · ${roleLabel(m.role)} · ${m.homeBase} (${m.employeeNumber})`}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

function FlightCrewPage({ data }: { data: FlightPageData }) {
  const { view, attempt } = data;
  const f = view.flight;
  const open = !CLOSED_STATUSES.includes(f.status);
  const action = `/admin/crew/flights/${f.flightId}/assign`;
  const role = attempt.role ?? view.short.positions[0] ?? "flight_attendant";
  return (
    <AdminLayout title={`Crew for ${f.carrier} ${f.flightNumber}`}>
      <p>
        <a href={`/admin/crew?date=${f.departureLocal.slice(0, 10)}`}>Crew board</a>
      </p>
      <h1>Crew for {flightName(f)}</h1>
      <p>
        Departs {f.departureLocal.replace("T", " ")} local · {f.aircraftType} · {f.seats} seats ·
        {" "}
        <span class={`status status-${f.status}`}>{f.status}</span>
      </p>
      <p>
        Minimum complement: {view.complement.captains} captain, {view.complement.pilots} pilots,
        {" "}
        {view.complement.cabin} cabin crew. <strong>{shortText(view.short) ?? "Complete."}</strong>
      </p>
      <p role="status" class={data.notice ? "notice" : "visually-hidden"}>{data.notice ?? ""}</p>
      <h2>Assigned</h2>
      <CrewList
        flightId={f.flightId}
        crew={view.crew}
        back={`/admin/crew/flights/${f.flightId}`}
        editable={open}
      />
      {open && (
        <section aria-labelledby="assign-title">
          <h2 id="assign-title">Assign a crew member</h2>
          {attempt.error && <p class="form-error" role="alert">{attempt.error}</p>}
          {attempt.violations && attempt.violations.length > 0 && (
            <div class="form-error" role="alert">
              <p>
                Assigning {attempt.name} as {roleLabel(attempt.role!).toLowerCase()} breaks{" "}
                {attempt.violations.length} rule(s):
              </p>
              <Violations violations={attempt.violations} />
              <form method="post" action={action} class="stack override-form">
                <CsrfField />
                <input type="hidden" name="crewId" value={attempt.crewId} />
                <input type="hidden" name="role" value={attempt.role} />
                <label>
                  Reason for overriding these rules
                  <textarea
                    name="overrideReason"
                    required
                    minLength={10}
                    maxLength={500}
                    rows={3}
                  />
                </label>
                <button type="submit" class="danger">Assign anyway</button>
              </form>
            </div>
          )}
          <form method="post" action={action} class="filter">
            <CsrfField />
            <label for="assign-crew">
              Crew member
            </label>
            <CandidateSelect data={data} />
            <label>
              Position
              <select name="role">
                {POSITIONS.map((p) => (
                  <option key={p} value={p} selected={p === role}>{roleLabel(p)}</option>
                ))}
              </select>
            </label>
            <button type="submit">Assign</button>
          </form>
        </section>
      )}
    </AdminLayout>
  );
}

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
