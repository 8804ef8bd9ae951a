/**
 * Crew as the legality rules see them: roles, the seats they may fill, the facts about a
 * member that decide legality, and flights reduced to what crew scheduling needs. Times are
 * epoch milliseconds; nothing here reads a clock.
 */
import { z } from "zod";

/** Every crew role, flight deck first. */
export const CREW_ROLES = ["captain", "first_officer", "purser", "flight_attendant"] as const;

/** One crew role; as a position it is the seat a member fills on a flight. */
export type CrewRole = (typeof CREW_ROLES)[number];

/** A crew role or position on input. */
export const CrewRoleSchema = z.enum(CREW_ROLES, {
  message: `expected one of ${CREW_ROLES.join(", ")}`,
});

/** Flight deck roles. */
export const PILOT_ROLES: readonly CrewRole[] = ["captain", "first_officer"];

/** Cabin roles: a purser counts as cabin crew. */
export const CABIN_ROLES: readonly CrewRole[] = ["purser", "flight_attendant"];

/** Which member roles may fill each position: a captain may sit right, a purser may work a door. */
export const POSITION_ROLES: Record<CrewRole, readonly CrewRole[]> = {
  captain: ["captain"],
  first_officer: ["first_officer", "captain"],
  purser: ["purser"],
  flight_attendant: ["flight_attendant", "purser"],
};

/** True when a member of `role` may fill `position`. */
export function fitsPosition(role: CrewRole, position: CrewRole): boolean {
  return POSITION_ROLES[position].includes(role);
}

/** A flight as crew scheduling sees it: where, when (block times) and on what type. */
export interface CrewFlight {
  id: string;
  origin: string;
  destination: string;
  /** IANA zone of the origin; a duty's report time is read in its first origin's zone. */
  originTz: string;
  departureAt: number;
  arrivalAt: number;
  aircraftType: string;
  /**
   * Ridden as a positioning (deadhead) passenger, not worked: it moves the member and is part
   * of their duty, but is no flight time and fills no position.
   */
  positioning?: boolean;
}

/** A period a member cannot work (leave, training, sickness). */
export interface CrewPeriod {
  id?: string;
  startsAt: number;
  endsAt: number;
  reason?: string;
}

/** What legality needs to know about a crew member. */
export interface CrewMemberFacts {
  id: string;
  role: CrewRole;
  homeBase: string;
  /** Aircraft type codes the member is qualified on (pilots and cabin crew alike). */
  typeRatings: readonly string[];
  active: boolean;
  unavailability: readonly CrewPeriod[];
}

/** Flights in departure order (ties by id, so every caller sees the same order). */
export function byDeparture<T extends CrewFlight>(flights: readonly T[]): T[] {
  return [...flights].sort((a, b) =>
    a.departureAt - b.departureAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
