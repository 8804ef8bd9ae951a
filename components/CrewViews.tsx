import type { Violation } from "../domain/crew/legality.ts";
import type { Shortfall } from "../domain/crew/complement.ts";
import type { CrewRole } from "../domain/crew/model.ts";
import type { CrewFlightView, CrewOnFlight } from "../services/crew/crew_board.ts";
import { CsrfField } from "./Layout.tsx";

/** A crew role in words: "first_officer" → "First officer". */
export function roleLabel(role: string): string {
  const words = role.replace("_", " ");
  return words[0].toUpperCase() + words.slice(1);
}

/** "CT 804 FRA → LHR" */
export function flightName(
  f: Pick<CrewFlightView, "carrier" | "flightNumber" | "origin" | "destination">,
) {
  return `${f.carrier} ${f.flightNumber} ${f.origin} → ${f.destination}`;
}

/** What a flight still lacks, in words; undefined when its complement is met. */
export function shortText(short: Shortfall): string | undefined {
  if (!short.short) return undefined;
  const parts = [
    short.captains && `${short.captains} captain`,
    short.pilots - short.captains > 0 && `${short.pilots - short.captains} first officer`,
    short.cabin && `${short.cabin} cabin crew`,
  ].filter(Boolean);
  return `Needs ${parts.join(", ")}`;
}

/** The rules an assignment breaks, one per line. */
export function Violations({ violations }: { violations: readonly Violation[] }) {
  return (
    <ul class="violations">
      {violations.map((v, i) => (
        <li key={i}>
          <span class="violation-code">{v.code.replaceAll("_", " ")}</span> {v.message}
        </li>
      ))}
    </ul>
  );
}

/** Props of CrewList. */
export interface CrewListProps {
  flightId: string;
  crew: CrewOnFlight[];
  /** Where the removal form returns to. */
  back: string;
  /** Removal is offered unless the flight's crew is history. */
  editable: boolean;
}

/** A flight's crew with their positions, warnings and override reasons, and a remove button. */
export function CrewList({ flightId, crew, back, editable }: CrewListProps) {
  if (crew.length === 0) return <p class="muted">Nobody assigned.</p>;
  return (
    <ul class="crew-list">
      {crew.map((m) => (
        <li key={m.crewId} class={m.warnings.length ? "has-warnings" : undefined}>
          <span class="crew-role">{roleLabel(m.role)}</span> {m.name}{" "}
          <span class="muted">({m.employeeNumber})</span>
          {editable && (
            <form
              method="post"
              action={`/admin/crew/flights/${flightId}/unassign`}
              class="inline-form"
            >
              <CsrfField />
              <input type="hidden" name="crewId" value={m.crewId} />
              <input type="hidden" name="back" value={back} />
              <button type="submit" class="link-button danger-link">
                Remove<span class="visually-hidden">{` ${m.name}`}</span>
              </button>
            </form>
          )}
          {m.overrideReason && <p class="override">Override: {m.overrideReason}</p>}
          {m.warnings.length > 0 && <Violations violations={m.warnings} />}
        </li>
      ))}
    </ul>
  );
}

/** Every crew position in the order a flight deck and cabin are staffed. */
export const POSITIONS: CrewRole[] = ["captain", "first_officer", "purser", "flight_attendant"];

/** Notices a page shows after a redirect, by the `notice` query value. */
export const CREW_NOTICES: Record<string, string> = {
  assigned: "Crew member assigned.",
  removed: "Crew member removed.",
};
