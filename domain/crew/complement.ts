/**
 * Minimum crew complement: two pilots of whom at least one is a captain, and one cabin
 * crew member per 50 seats (at least one; a purser counts as cabin crew). A long sector
 * flown by an augmented crew (augmented.ts) adds its relief pilots, a second captain in a
 * crew of four, and one cabin crew member per relief pilot (in-flight rest for the cabin).
 */
import { flightDeckCrew } from "./augmented.ts";
import { CABIN_ROLES, type CrewFlight, type CrewRole, PILOT_ROLES } from "./model.ts";

/** Seats per required cabin crew member. */
export const SEATS_PER_CABIN_CREW = 50;

/** How many of each a flight needs. */
export interface Complement {
  captains: number;
  pilots: number;
  cabin: number;
}

/** What a flight lacks, and the positions that would make it up. */
export interface Shortfall extends Complement {
  /** Positions to fill, captain first, then first officers, then cabin. */
  positions: CrewRole[];
  short: boolean;
}

/**
 * The minimum complement for an aircraft with `seats` passenger seats flown by `pilots`
 * pilots (flightDeckCrew of the flight; two unless the sector needs an augmented crew).
 */
export function requiredComplement(seats: number, pilots = 2): Complement {
  const relief = Math.max(0, pilots - 2);
  return {
    captains: pilots >= 4 ? 2 : 1,
    pilots: 2 + relief,
    cabin: Math.max(1, Math.ceil(seats / SEATS_PER_CABIN_CREW)) + relief,
  };
}

/** What a flight with `seats` seats, `crew` pilots required and crew in `positions` still lacks. */
export function shortfall(seats: number, positions: readonly CrewRole[], crew = 2): Shortfall {
  const need = requiredComplement(seats, crew);
  const count = (roles: readonly CrewRole[]) => positions.filter((p) => roles.includes(p)).length;
  const captains = Math.max(0, need.captains - count(["captain"]));
  const pilots = Math.max(0, need.pilots - count(PILOT_ROLES));
  const cabin = Math.max(0, need.cabin - count(CABIN_ROLES));
  const firstOfficers = Math.max(0, pilots - captains);
  const missing: CrewRole[] = [
    ...Array<CrewRole>(captains).fill("captain"),
    ...Array<CrewRole>(firstOfficers).fill("first_officer"),
    ...Array<CrewRole>(cabin).fill("flight_attendant"),
  ];
  return {
    captains,
    pilots: captains + firstOfficers,
    cabin,
    positions: missing,
    short: missing.length > 0,
  };
}

/** What `flight` with `seats` seats still lacks, its pilots following its block time. */
export function flightShortfall(
  flight: CrewFlight,
  seats: number,
  positions: readonly CrewRole[],
): Shortfall {
  return shortfall(seats, positions, flightDeckCrew(flight));
}
