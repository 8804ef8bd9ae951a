/**
 * Whether a crew member may be assigned to a flight, given the flights they already have.
 * Every rule is checked and every breach reported, so an operator who overrides sees exactly
 * what they override. Rules only report breaches the new flight takes part in: an older
 * problem between two existing assignments is not this assignment's fault.
 */
import {
  buildDuties,
  busiestWindow,
  chains,
  type Duty,
  dutyFdp,
  releaseAt,
  reportAt,
  restAfter,
} from "./duty.ts";
import { type CrewFlight, type CrewMemberFacts, type CrewRole, fitsPosition } from "./model.ts";
import { positionBreaches } from "./position.ts";

/** Stable codes of the legality rules. */
export const VIOLATION_CODES = [
  "inactive",
  "role",
  "type_rating",
  "unavailable",
  "overlap",
  "position",
  "rest",
  "fdp",
  "flight_time_672h",
  "flight_time_365d",
] as const;

/** One legality rule's code. */
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/** One broken rule, with the figures that broke it (minutes, ids, times). */
export interface Violation {
  code: ViolationCode;
  message: string;
  [detail: string]: string | number;
}

/** Flight time limits: 100 h in any 672 h, 1,000 h in any 365 days. */
export const FLIGHT_TIME_LIMITS = [
  { code: "flight_time_672h", windowMs: 672 * 3_600_000, limitMs: 100 * 3_600_000, label: "672 h" },
  {
    code: "flight_time_365d",
    windowMs: 365 * 86_400_000,
    limitMs: 1000 * 3_600_000,
    label: "365 days",
  },
] as const;

/** What checkAssignment is asked. */
export interface AssignmentQuestion {
  member: CrewMemberFacts;
  /** The seat to fill. */
  position: CrewRole;
  flight: CrewFlight;
  /** The member's other assigned flights (an entry for `flight` itself is ignored). */
  assigned: readonly CrewFlight[];
}

/** Options for checkAssignment. */
export interface CheckOptions {
  /** Stop at the first breach (the planner only needs yes or no). */
  firstOnly?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const minutes = (ms: number) => Math.round(ms / 60_000);

function hm(totalMinutes: number): string {
  const m = Math.round(totalMinutes);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

function qualification({ member, position, flight }: AssignmentQuestion): Violation[] {
  const out: Violation[] = [];
  if (!member.active) out.push({ code: "inactive", message: "The crew member is not active." });
  // A positioning passenger fills no seat of the crew: role and rating do not apply.
  if (!flight.positioning && !fitsPosition(member.role, position)) {
    out.push({
      code: "role",
      message: `A ${member.role.replace("_", " ")} cannot fill the ${
        position.replace("_", " ")
      } position.`,
    });
  }
  if (!flight.positioning && !member.typeRatings.includes(flight.aircraftType)) {
    out.push({
      code: "type_rating",
      message: `Not rated on the ${flight.aircraftType}.`,
      aircraftType: flight.aircraftType,
    });
  }
  const from = reportAt(flight);
  const to = releaseAt(flight);
  for (const p of member.unavailability) {
    if (p.startsAt < to && from < p.endsAt) {
      out.push({
        code: "unavailable",
        message: `Unavailable from ${iso(p.startsAt)} to ${iso(p.endsAt)}` +
          (p.reason ? ` (${p.reason}).` : "."),
        ...(p.id ? { periodId: p.id } : {}),
        startsAt: iso(p.startsAt),
        endsAt: iso(p.endsAt),
      });
    }
  }
  return out;
}

function overlaps(flight: CrewFlight, others: CrewFlight[], sameDuty: Set<CrewFlight>) {
  const out: Violation[] = [];
  for (const other of others) {
    const [a, b] = other.departureAt <= flight.departureAt ? [other, flight] : [flight, other];
    const airborne = other.departureAt < flight.arrivalAt && flight.departureAt < other.arrivalAt;
    const oneDuty = sameDuty.has(other) || chains(a, b);
    if (airborne || (!oneDuty && reportAt(b) < releaseAt(a))) {
      out.push({
        code: "overlap",
        message: `Overlaps the duty for flight ${other.id} ` +
          `(${iso(reportAt(other))} to ${iso(releaseAt(other))}).`,
        flightId: other.id,
      });
    }
  }
  return out;
}

function position(q: AssignmentQuestion, others: CrewFlight[]): Violation[] {
  const { flight } = q;
  return positionBreaches(q.member.homeBase, flight, others).map((b) => ({
    code: "position",
    message: b.side === "before"
      ? `At ${b.at} at report time (${
        b.flightId ? `flight ${b.flightId} landed there` : "home base"
      }), not at ${flight.origin}.`
      : `Lands at ${flight.destination}, but the next flight ${b.flightId} departs from ${b.at}.`,
    side: b.side,
    at: b.at,
    ...(b.flightId ? { flightId: b.flightId } : {}),
  }));
}

function rests(flight: CrewFlight, duties: Duty[], i: number): Violation[] {
  const duty = duties[i];
  const out: Violation[] = [];
  // Rest changes only where the new flight moves the duty's report or release.
  const pairs = [
    duty.flights[0] === flight ? [duties[i - 1], duty] : undefined,
    duty.flights.at(-1) === flight ? [duty, duties[i + 1]] : undefined,
  ];
  for (const pair of pairs) {
    if (!pair?.[0] || !pair[1]) continue;
    const [before, after] = pair;
    const rest = after.reportAt - before.releaseAt;
    const required = restAfter(before);
    if (rest >= 0 && rest < required) {
      const other = before === duty ? after.flights[0] : before.flights.at(-1)!;
      out.push({
        code: "rest",
        message: `Only ${hm(rest / 60_000)} rest ${
          before === duty ? "before the next duty" : "after the previous duty"
        } (at least ${hm(required / 60_000)}).`,
        flightId: other.id,
        restMinutes: minutes(rest),
        requiredMinutes: minutes(required),
      });
    }
  }
  return out;
}

function fdpLimit(duty: Duty): Violation[] {
  const fdp = dutyFdp(duty);
  if (fdp.fdpMinutes <= fdp.limitMinutes) return [];
  return [{
    code: "fdp",
    message: `Flight duty period ${hm(fdp.fdpMinutes)} exceeds the ${
      hm(fdp.limitMinutes)
    } limit for a ${fdp.reportLocal.slice(11)} report with ${fdp.segments} segment(s)${
      fdp.pilots > 2 ? ` and ${fdp.pilots} pilots` : ""
    }.`,
    ...fdp,
  }];
}

function flightTime(flight: CrewFlight, all: CrewFlight[]): Violation[] {
  const out: Violation[] = [];
  for (const limit of FLIGHT_TIME_LIMITS) {
    const w = busiestWindow(all, flight, limit.windowMs);
    if (w.flightTimeMs > limit.limitMs) {
      out.push({
        code: limit.code,
        message: `${hm(w.flightTimeMs / 60_000)} flight time in the ${limit.label} to ${
          iso(w.end)
        } (at most ${hm(limit.limitMs / 60_000)}).`,
        flightMinutes: minutes(w.flightTimeMs),
        limitMinutes: minutes(limit.limitMs),
        windowStartsAt: iso(w.start),
        windowEndsAt: iso(w.end),
      });
    }
  }
  return out;
}

/**
 * Every rule that assigning `member` to `flight` in `position` breaks; empty when legal.
 * Cheap rules come first, so `firstOnly` answers quickly for the planner.
 */
export function checkAssignment(q: AssignmentQuestion, options: CheckOptions = {}): Violation[] {
  const others = q.assigned.filter((f) => f.id !== q.flight.id);
  const all = [...others, q.flight];
  const duties = buildDuties(all);
  const i = duties.findIndex((d) => d.flights.includes(q.flight));
  const stages = [
    () => qualification(q),
    () => overlaps(q.flight, others, new Set(duties[i].flights)),
    () => position(q, others),
    () => rests(q.flight, duties, i),
    () => fdpLimit(duties[i]),
    // A positioning leg is duty but no flight time.
    () => q.flight.positioning ? [] : flightTime(q.flight, all.filter((f) => !f.positioning)),
  ];
  const found: Violation[] = [];
  for (const stage of stages) {
    found.push(...stage());
    if (options.firstOnly && found.length) return found.slice(0, 1);
  }
  return found;
}
