import { AdminLayout } from "./AdminLayout.tsx";
import { CsrfField } from "./Layout.tsx";
import { flightName, roleLabel, Violations } from "./CrewViews.tsx";
import { Pager } from "../islands/parts/Pager.tsx";
import type { Violation } from "../domain/crew/legality.ts";
import type { PlannedFlight, PlannedPositioning } from "../services/crew/crew_board.ts";
import PlanWaiter from "../islands/PlanWaiter.tsx";
import { formatUtc } from "../islands/client/time_format.ts";

/** The proposal page's data. */
export interface PlanData {
  date: string;
  origin?: string;
  page: number;
  pages: number;
  flights: PlannedFlight[];
  /** Rides of the members proposed on this page's flights. */
  positioning: PlannedPositioning[];
  proposed: number;
  unfilled: number;
  /** fresh or stale (something changed since) as stored, or missing (being computed). */
  state: "fresh" | "stale" | "missing";
  computedAt?: string;
  tookMs?: number;
  /** This page's address (path and query). */
  href: string;
}

/** When and how the shown proposal was computed, and what happens next. */
function PlanAge({ data }: { data: PlanData }) {
  if (data.state === "missing") {
    return (
      <>
        <PlanWaiter date={data.date} href={data.href} />
        <noscript>
          <p>The proposal is computed in the background in a few seconds: reload this page.</p>
        </noscript>
      </>
    );
  }
  const at = formatUtc(data.computedAt!);
  return (
    <>
      <p class="plan-age">
        Computed at {at} in {((data.tookMs ?? 0) / 1000).toFixed(1)} s.
        {data.state === "stale" &&
          " Crew or flights changed since: a new proposal is being computed; accepting this one checks every item again."}
      </p>
      {data.state === "stale" && (
        <PlanWaiter date={data.date} href={data.href} computedAt={data.computedAt} />
      )}
    </>
  );
}

/** The auto-assign proposal as checkboxes per flight, all checked, to accept as edited. */
export function PlanPage({ data }: { data: PlanData }) {
  return (
    <AdminLayout title="Crew proposal">
      <p>
        <a href={`/admin/crew?date=${data.date}`}>Crew board</a>
      </p>
      <h1>Crew proposal for {data.date}{data.origin ? ` from ${data.origin}` : ""}</h1>
      <PlanAge data={data} />
      {data.state !== "missing" && (
        <p>
          {data.proposed} assignment(s) proposed for the flights short of crew; {data.unfilled}{" "}
          position(s) nobody could legally fill. Nothing is written until you accept; each item is
          checked again then. Uncheck what you do not want.
        </p>
      )}
      {data.state === "missing"
        ? null
        : data.flights.length === 0
        ? <p class="empty">No open flight is short of crew.</p>
        : (
          <form method="post" action="/admin/crew/plan/accept" class="plan-form">
            <CsrfField />
            <input type="hidden" name="date" value={data.date} />
            {data.flights.map((f) => (
              <fieldset key={f.flightId} class="plan-flight">
                <legend>
                  {flightName(f)} · {f.departureLocal.slice(11)} · {f.aircraftType}
                </legend>
                {f.proposals.map((p) => (
                  <label key={p.crewId} class="check">
                    <input
                      type="checkbox"
                      name="item"
                      value={`${f.flightId}|${p.crewId}|${p.role}`}
                      checked
                    />{" "}
                    {roleLabel(p.role)}: {p.name}
                  </label>
                ))}
                {f.unfilled.length > 0 && (
                  <p class="warning">No legal crew for: {f.unfilled.map(roleLabel).join(", ")}</p>
                )}
              </fieldset>
            ))}
            {data.positioning.length > 0 && (
              <fieldset class="plan-flight">
                <legend>Positioning: rides that bring crew to or from these flights</legend>
                {data.positioning.map((r) => (
                  <label key={`${r.flightId}${r.crewId}`} class="check">
                    <input
                      type="checkbox"
                      name="ride"
                      value={`${r.flightId}|${r.crewId}`}
                      checked
                    />{" "}
                    {r.name} rides {flightName(r)} · {r.departureLocal.replace("T", " ")}
                  </label>
                ))}
              </fieldset>
            )}
            <button type="submit">Accept checked assignments</button>
          </form>
        )}
      <Pager
        path="/admin/crew/plan"
        query={{ date: data.date, origin: data.origin }}
        page={data.page}
        pages={data.pages}
      />
    </AdminLayout>
  );
}

/** One accepted item (an assignment or a ride) with the names to show it by. */
export interface ResultRow {
  flightId: string;
  crewId: string;
  flight: string;
  name: string;
  /** The position, or "Positioning" for a ride. */
  position: string;
  /** What was done ("Assigned", "Seat 32A"), or why not. */
  outcome: { done: string } | { detail: string; violations: Violation[] };
}

/** What became of each accepted item. */
export function ResultsPage(
  { date, rows, error }: { date: string; rows: ResultRow[]; error?: string },
) {
  const assigned = rows.filter((r) => "done" in r.outcome).length;
  return (
    <AdminLayout title="Crew proposal accepted">
      <h1>Crew proposal results</h1>
      {error
        ? <p class="form-error" role="alert">{error}</p>
        : <p role="status" class="notice">{assigned} assigned, {rows.length - assigned} refused.
        </p>}
      {rows.length > 0 && (
        <table class="data">
          <caption class="visually-hidden">Each accepted item and what became of it</caption>
          <thead>
            <tr>
              <th scope="col">Flight</th>
              <th scope="col">Crew member</th>
              <th scope="col">Position</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.flightId}${r.crewId}`}>
                <td>{r.flight}</td>
                <td>{r.name}</td>
                <td>{r.position}</td>
                <td>
                  {"done" in r.outcome ? <span class="ok">{r.outcome.done}</span> : (
                    <>
                      <span class="bad">Refused:</span> {r.outcome.detail}
                      {r.outcome.violations.length > 0 && (
                        <Violations violations={r.outcome.violations} />
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={`/admin/crew?date=${date}`}>Back to the crew board</a> ·{" "}
        <a href={`/admin/crew/plan?date=${date}`}>Propose again</a>
      </p>
    </AdminLayout>
  );
}
