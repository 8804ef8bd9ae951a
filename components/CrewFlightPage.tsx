import { AdminLayout } from "./AdminLayout.tsx";
import { CsrfField } from "./Layout.tsx";
import { CrewList, flightName, POSITIONS, roleLabel, shortText, Violations } from "./CrewViews.tsx";
import type { Violation } from "../domain/crew/legality.ts";
import type { CrewMemberView } from "../domain/views/crew.ts";
import { CLOSED_STATUSES } from "../services/crew/crew_assignment.ts";
import type { FlightCrew } from "../services/crew/crew_board.ts";

/** What the assign form shows after a refused or invalid attempt. */
export interface Attempt {
  crewId?: string;
  role?: string;
  name?: string;
  violations?: Violation[];
  error?: string;
}

/** Everything the crew page of one flight shows. */
export interface FlightPageData {
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

/** One flight's crew, with removal, and the assign form (with an override after a refusal). */
export function FlightCrewPage({ data }: { data: FlightPageData }) {
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
