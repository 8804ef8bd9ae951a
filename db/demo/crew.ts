/**
 * The demo crew roster: at every hub three captains, three first officers, a purser and
 * five flight attendants. Pilots hold the narrow-body or the wide-body type ratings (two of
 * each three per hub fly narrow-bodies, as the schedule does); cabin crew are qualified on
 * every demo type. Deterministic, so a re-seed finds the same employee numbers.
 */
import type { CrewRole } from "../../domain/crew/model.ts";
import type { Tx } from "../postgres.ts";
import { DEMO_AIRCRAFT_TYPES } from "./aircraft_types.ts";
import { DEMO_HUBS } from "./airports.ts";

/** One demo crew member. */
export interface DemoCrewMember {
  employeeNumber: string;
  name: string;
  role: CrewRole;
  homeBase: string;
  typeRatings: string[];
}

const PER_HUB: [CrewRole, number][] = [
  ["captain", 3],
  ["first_officer", 3],
  ["purser", 1],
  ["flight_attendant", 5],
];

const GIVEN = [
  "Amara",
  "Bruno",
  "Chen",
  "Dalia",
  "Emeka",
  "Freya",
  "Goran",
  "Hana",
  "Ines",
  "Jonas",
  "Keiko",
  "Luca",
  "Maya",
  "Nikhil",
  "Olga",
  "Pedro",
  "Quinn",
];
const FAMILY = [
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Tanaka",
  "Silva",
  "Novak",
  "Haddad",
  "Kowalski",
  "Brennan",
  "Mensah",
  "Rossi",
  "Yilmaz",
  "Park",
  "Duarte",
  "Fischer",
  "Nair",
  "Walsh",
  "Ortega",
  "Sato",
];

// Long-range types are the wide-bodies; their pilots are not rated on the short-haul fleet.
const WIDE_BODY_KM = 9000;
const NARROW = DEMO_AIRCRAFT_TYPES.filter((t) => t.rangeKm < WIDE_BODY_KM).map((t) => t.code);
const WIDE = DEMO_AIRCRAFT_TYPES.filter((t) => t.rangeKm >= WIDE_BODY_KM).map((t) => t.code);
const ALL = DEMO_AIRCRAFT_TYPES.map((t) => t.code);

/** The whole demo roster, in employee-number order. */
export function demoCrewRoster(): DemoCrewMember[] {
  const roster: DemoCrewMember[] = [];
  for (const base of DEMO_HUBS) {
    for (const [role, count] of PER_HUB) {
      for (let i = 0; i < count; i++) {
        const n = roster.length;
        const pilot = role === "captain" || role === "first_officer";
        roster.push({
          employeeNumber: `CT${String(1001 + n)}`,
          // Co-prime list lengths give every member a different name.
          name: `${GIVEN[n % GIVEN.length]} ${FAMILY[n % FAMILY.length]}`,
          role,
          homeBase: base,
          typeRatings: pilot ? (i % 3 === 2 ? WIDE : NARROW) : ALL,
        });
      }
    }
  }
  return roster;
}

/** Inserts the roster inside the seed's transaction; members already there are kept. */
export async function insertDemoCrew(tx: Tx): Promise<number> {
  const rows = demoCrewRoster().map((m) => ({
    employee_number: m.employeeNumber,
    name: m.name,
    role: m.role,
    home_base: m.homeBase,
    type_ratings: m.typeRatings,
  }));
  const inserted = await tx`
    INSERT INTO crew_members ${
    tx(rows, "employee_number", "name", "role", "home_base", "type_ratings")
  }
    ON CONFLICT (employee_number) DO NOTHING RETURNING id`;
  return inserted.length;
}
