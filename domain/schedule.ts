/**
 * Scheduling rules shared by every way a flight is created: one by one, a recurring series,
 * and CSV bulk upload. A flight is entered in local times at its airports; the airports' zones
 * turn them into instants. Pure: the caller passes in what it knows about airports and fleet.
 */
import { z } from "zod";
import type { FieldProblem } from "./app_error.ts";
import { CABIN_CODES, type CabinCode } from "./seat_layout.ts";
import { addDays, formatOffset, readLocalTime, toLocal } from "./time.ts";

/** The longest scheduled block time accepted (the longest real flights are about 19 h). */
export const MAX_BLOCK_MINUTES = 20 * 60;
/** The most flights one recurring schedule may create. */
export const MAX_SERIES_FLIGHTS = 800;

const iata = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "expected a 3-letter IATA code");
const local = z.string().trim().regex(
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/,
  "expected a local date-time like 2030-03-01T07:05",
);
const hhmm = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time like 07:05");
const fare = z.number().int("fares are whole minor units").min(0).max(10_000_000);

/** Base fares per cabin in minor units, e.g. `{"J": 89000, "Y": 15900}`. */
export const BaseFaresSchema = z.partialRecord(z.enum(CABIN_CODES), fare)
  .refine((f) => Object.keys(f).length > 0, "at least one cabin fare is needed");

const common = {
  carrier: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2}$/, "expected a 2-character carrier")
    .default("CT"),
  flightNumber: z.string().trim().toUpperCase().regex(
    /^[0-9]{1,4}[A-Z]?$/,
    "expected 1-4 digits and an optional letter",
  ),
  origin: iata,
  destination: iata,
  aircraftType: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{2,10}$/).optional(),
  aircraftRegistration: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{3,10}$/).optional(),
  /** A cabin configuration of the type; without it, the airframe's or else the type's default. */
  aircraftConfiguration: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{1,10}$/).optional(),
  baseFares: BaseFaresSchema,
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "expected an ISO currency")
    .default("USD"),
};
const needsAircraft = (f: { aircraftType?: string; aircraftRegistration?: string }) =>
  f.aircraftType !== undefined || f.aircraftRegistration !== undefined;
const aircraftMessage = {
  message: "give aircraftType or aircraftRegistration",
  path: ["aircraftType"],
};

/** One flight as an operator enters it: local times at each airport. */
export const FlightInputSchema = z.object({
  ...common,
  departureLocal: local,
  arrivalLocal: local,
}).strict().refine(needsAircraft, aircraftMessage);
/** A validated flight input. */
export type FlightInput = z.output<typeof FlightInputSchema>;

const isoDate = z.iso.date();
type DateRange = { startDate: string; endDate: string };

/**
 * A range rule, checked only when both ends are real dates: zod runs object refinements even
 * after a field failed its format check, and "tomorrow" has no days to add.
 */
function dated(rule: (r: DateRange) => boolean): (r: DateRange) => boolean {
  return (r) =>
    !isoDate.safeParse(r.startDate).success || !isoDate.safeParse(r.endDate).success || rule(r);
}

/** A seasonal schedule: the same flight on chosen weekdays over a date range. */
export const RecurrenceSchema = z.object({
  ...common,
  departureTime: hhmm,
  arrivalTime: hhmm,
  /** Days after the departure date that the arrival falls on (overnight flights: 1). */
  arrivalDayOffset: z.number().int().min(0).max(2).default(0),
  startDate: isoDate,
  endDate: isoDate,
  /** ISO weekdays: 1 Monday ... 7 Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7)
    .refine((d) => new Set(d).size === d.length, "each weekday once"),
}).strict()
  .refine(needsAircraft, aircraftMessage)
  .refine(dated((r) => r.endDate >= r.startDate), {
    message: "endDate is before startDate",
    path: ["endDate"],
  })
  .refine(dated((r) => r.endDate <= addDays(r.startDate, 366)), {
    message: "a schedule spans at most 367 days",
    path: ["endDate"],
  });
/** A validated recurring schedule. */
export type Recurrence = z.output<typeof RecurrenceSchema>;

/** What resolving a flight needs to know about the world. */
export interface ScheduleLookups {
  /** The IANA zone of an airport, or undefined when there is no such airport. */
  airportTz(iata: string): string | undefined;
  /**
   * A configuration of an aircraft type (its default one when none is named) with the cabins
   * its layout has, or undefined when there is no such type or configuration.
   */
  configuration(type: string, config?: string): { code: string; cabins: CabinCode[] } | undefined;
  /** The types that have a configuration of this code (to say whose a misplaced code is). */
  typesWithConfiguration?(config: string): string[];
  /** An aircraft's type, configuration and whether it flies, or undefined when unknown. */
  aircraft(
    registration: string,
  ): { typeCode: string; configCode: string; active: boolean } | undefined;
}

/** A flight ready to insert: the input with its instants and a resolved aircraft type. */
export interface ResolvedFlight {
  carrier: string;
  flightNumber: string;
  origin: string;
  destination: string;
  departureLocal: string;
  arrivalLocal: string;
  departureAt: Date;
  arrivalAt: Date;
  aircraftType: string;
  /** The cabin configuration of the type the flight is sold with. */
  aircraftConfiguration: string;
  aircraftRegistration: string | null;
  baseFares: Partial<Record<CabinCode, number>>;
  currency: string;
}

/** The outcome of resolveFlight: the flight, or every problem found. */
export type Resolution = { ok: true; flight: ResolvedFlight } | {
  ok: false;
  problems: FieldProblem[];
};

/** The codes of a local time the zone's clock does not show exactly once. */
export const LOCAL_TIME_CODES = ["nonexistent_local_time", "ambiguous_local_time"] as const;
/** One of LOCAL_TIME_CODES. */
export type LocalTimeCode = typeof LOCAL_TIME_CODES[number];

/** The clock-change code among a flight's problems, if any. */
export function localTimeCode(problems: FieldProblem[]): LocalTimeCode | undefined {
  return problems.map((p) => p.code).find((c): c is LocalTimeCode =>
    (LOCAL_TIME_CODES as readonly (string | undefined)[]).includes(c)
  );
}

/**
 * Reads one local time on its airport's clock: the instant, or the problem naming the time and
 * zone. A time skipped when the clocks go forward is refused; one shown twice when they go back
 * needs its offset (the problem lists both), so no flight is ever moved by an hour silently.
 */
export function localInstant(
  path: string,
  text: string,
  tz: string,
): { instant: Date } | { problem: FieldProblem } {
  let read;
  try {
    read = readLocalTime(text, tz);
  } catch {
    return { problem: { path, message: "no such date or time" } };
  }
  const wall = text.replace(/(Z|[+-]\d{2}:\d{2})$/, "");
  switch (read.kind) {
    case "exact":
      return { instant: read.instant };
    case "gap":
      return {
        problem: {
          path,
          code: "nonexistent_local_time",
          message: `${wall} does not exist in ${tz}: the clocks go forward from ` +
            `${formatOffset(read.offsetBefore)} to ${formatOffset(read.offsetAfter)} then`,
        },
      };
    case "ambiguous": {
      const [a, b] = read.offsets.map(formatOffset);
      return {
        problem: {
          path,
          code: "ambiguous_local_time",
          message: `${wall} happens twice in ${tz} (at ${a} and at ${b}): give the offset, ` +
            `e.g. ${wall}${a}`,
        },
      };
    }
    case "wrong_offset":
      return {
        problem: {
          path,
          message: `${formatOffset(read.given)} is not ${tz}'s offset at ${wall} (it is ` +
            `${read.offsets.map(formatOffset).join(" or ")})`,
        },
      };
  }
}

/** Why a type has no configuration `config`: none has it, or other types do. */
function unknownConfiguration(type: string, config: string, look: ScheduleLookups): string {
  const owners = look.typesWithConfiguration?.(config) ?? [];
  return owners.length
    ? `${config} is a configuration of the ${owners.join(", ")}, not of the ${type}`
    : `the ${type} has no configuration ${config}`;
}

/**
 * Resolves the aircraft: a registration names its type and configuration; whatever is given
 * must agree; a type alone means its default configuration.
 */
function resolveAircraft(f: FlightInput, look: ScheduleLookups, problems: FieldProblem[]) {
  let type = f.aircraftType;
  let config = f.aircraftConfiguration;
  if (f.aircraftRegistration) {
    const plane = look.aircraft(f.aircraftRegistration);
    if (!plane) problems.push({ path: "aircraftRegistration", message: "unknown aircraft" });
    else if (!plane.active) {
      problems.push({ path: "aircraftRegistration", message: "aircraft is not in service" });
    } else if (type && type !== plane.typeCode) {
      problems.push({
        path: "aircraftType",
        message: `${f.aircraftRegistration} is a ${plane.typeCode}, not a ${type}`,
      });
    } else if (config && config !== plane.configCode) {
      problems.push({
        path: "aircraftConfiguration",
        message: `${f.aircraftRegistration} has configuration ${plane.configCode}, not ${config}`,
      });
    } else {
      type = plane.typeCode;
      config = plane.configCode;
    }
  }
  const found = type ? look.configuration(type, config) : undefined;
  if (type && !found) {
    problems.push(
      config && look.configuration(type)
        ? { path: "aircraftConfiguration", message: unknownConfiguration(type, config, look) }
        : { path: "aircraftType", message: "unknown aircraft type" },
    );
  }
  return { type, config: found?.code, cabins: found?.cabins };
}

/**
 * Checks one flight against the rules and turns its local times into instants: airports and
 * aircraft exist, origin differs from destination, both local times exist on their airport's
 * clock, arrival comes after departure within MAX_BLOCK_MINUTES, and there is a fare for
 * exactly the cabins the aircraft has.
 */
export function resolveFlight(f: FlightInput, look: ScheduleLookups): Resolution {
  const problems: FieldProblem[] = [];
  const readInto = (path: string, text: string, tz: string) => {
    const read = localInstant(path, text, tz);
    if ("problem" in read) problems.push(read.problem);
    else return read.instant;
  };
  const fromTz = look.airportTz(f.origin);
  const toTz = look.airportTz(f.destination);
  if (!fromTz) problems.push({ path: "origin", message: "unknown airport" });
  if (!toTz) problems.push({ path: "destination", message: "unknown airport" });
  if (f.origin === f.destination) {
    problems.push({ path: "destination", message: "destination is the origin" });
  }
  const { type, config, cabins } = resolveAircraft(f, look, problems);
  if (cabins) {
    for (const c of cabins) {
      if (f.baseFares[c] === undefined) {
        problems.push({ path: `baseFares.${c}`, message: `the ${type} has cabin ${c}` });
      }
    }
    for (const c of Object.keys(f.baseFares) as CabinCode[]) {
      if (!cabins.includes(c)) {
        problems.push({ path: `baseFares.${c}`, message: `the ${type} has no cabin ${c}` });
      }
    }
  }
  const departureAt = fromTz ? readInto("departureLocal", f.departureLocal, fromTz) : undefined;
  const arrivalAt = toTz ? readInto("arrivalLocal", f.arrivalLocal, toTz) : undefined;
  if (departureAt && arrivalAt) {
    const minutes = (arrivalAt.getTime() - departureAt.getTime()) / 60_000;
    if (minutes <= 0) {
      problems.push({ path: "arrivalLocal", message: "arrival is not after departure" });
    } else if (minutes > MAX_BLOCK_MINUTES) {
      problems.push({ path: "arrivalLocal", message: "block time over 20 hours" });
    }
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    flight: {
      carrier: f.carrier,
      flightNumber: f.flightNumber,
      origin: f.origin,
      destination: f.destination,
      // Stored as the clocks show it, seconds included, even when the input left them out.
      departureLocal: toLocal(departureAt!, fromTz!),
      arrivalLocal: toLocal(arrivalAt!, toTz!),
      departureAt: departureAt!,
      arrivalAt: arrivalAt!,
      aircraftType: type!,
      aircraftConfiguration: config!,
      aircraftRegistration: f.aircraftRegistration ?? null,
      baseFares: f.baseFares,
      currency: f.currency,
    },
  };
}

/** ISO weekday (1 Monday ... 7 Sunday) of a "YYYY-MM-DD" date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The dated flights of a recurring schedule, in date order: one per chosen weekday between
 * the start and end dates (inclusive), at the same local times. Each is still to be resolved.
 */
export function expandRecurrence(r: Recurrence): FlightInput[] {
  const out: FlightInput[] = [];
  const { departureTime, arrivalTime, arrivalDayOffset, startDate, endDate, weekdays, ...rest } = r;
  for (let date = startDate; date <= endDate; date = addDays(date, 1)) {
    if (!weekdays.includes(isoWeekday(date))) continue;
    out.push({
      ...rest,
      departureLocal: `${date}T${departureTime}`,
      arrivalLocal: `${addDays(date, arrivalDayOffset)}T${arrivalTime}`,
    });
  }
  return out;
}
