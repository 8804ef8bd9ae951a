/**
 * The flight CSV format of the bulk upload: which columns a file has, and how one row becomes
 * a FlightInput. Reasons name the CSV column, so an operator can fix the cell in a spreadsheet.
 */
import type { FieldProblem } from "./app_error.ts";
import { type FlightInput, FlightInputSchema } from "./schedule.ts";
import { CABIN_CODES } from "./seat_layout.ts";

/** Columns every file needs. */
export const REQUIRED_COLUMNS = [
  "flight_number",
  "origin",
  "destination",
  "departure_local",
  "arrival_local",
] as const;
/** At least one of these names the aircraft. */
export const AIRCRAFT_COLUMNS = ["aircraft_type", "aircraft_registration"] as const;
/** Base fare per cabin in minor units; an empty cell means the cabin is not offered. */
export const FARE_COLUMNS = CABIN_CODES.map((c) => `fare_${c}`);
/**
 * Columns that may be left out: the carrier defaults to CT, the currency to USD, the
 * configuration (a cabin configuration of the flight's type) to the airframe's, else the
 * type's default.
 */
export const OPTIONAL_COLUMNS = ["carrier", "currency", "configuration"] as const;

const KNOWN = [...REQUIRED_COLUMNS, ...AIRCRAFT_COLUMNS, ...FARE_COLUMNS, ...OPTIONAL_COLUMNS];
const CANONICAL = new Map(KNOWN.map((name) => [name.toLowerCase(), name]));

/** The header's outcome: the column names in file order (canonical spelling), or problems. */
export type HeaderResult = { ok: true; columns: string[] } | {
  ok: false;
  problems: FieldProblem[];
};

/** Checks a header row: names are case-insensitive and in any order; unknown names fail. */
export function parseFlightCsvHeader(fields: string[]): HeaderResult {
  const problems: FieldProblem[] = [];
  const columns: string[] = [];
  fields.forEach((raw, i) => {
    const name = CANONICAL.get(raw.trim().toLowerCase());
    const path = `header.${i + 1}`;
    if (!name) problems.push({ path, message: `unknown column "${raw.trim().slice(0, 40)}"` });
    else if (columns.includes(name)) problems.push({ path, message: `${name} appears twice` });
    if (name) columns.push(name);
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.includes(name)) problems.push({ path: "header", message: `no ${name} column` });
  }
  if (!AIRCRAFT_COLUMNS.some((c) => columns.includes(c))) {
    problems.push({ path: "header", message: "no aircraft_type or aircraft_registration column" });
  }
  if (!FARE_COLUMNS.some((c) => columns.includes(c))) {
    problems.push({ path: "header", message: `no fare column (${FARE_COLUMNS.join(", ")})` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, columns };
}

/** Each text column and the FlightInput field it fills. */
const INPUT_FIELDS: [column: string, field: string][] = [
  ["carrier", "carrier"],
  ["flight_number", "flightNumber"],
  ["origin", "origin"],
  ["destination", "destination"],
  ["departure_local", "departureLocal"],
  ["arrival_local", "arrivalLocal"],
  ["aircraft_type", "aircraftType"],
  ["aircraft_registration", "aircraftRegistration"],
  ["configuration", "aircraftConfiguration"],
  ["currency", "currency"],
];

/** A problem path of FlightInput (`baseFares.J`, `arrivalLocal`) as its CSV column. */
export function csvColumnOf(path: string): string {
  const fare = /^baseFares\.([A-Z])$/.exec(path);
  if (fare) return `fare_${fare[1]}`;
  if (path === "baseFares") return "fares";
  return INPUT_FIELDS.find(([, field]) => field === path)?.[0] ?? path;
}

/** Problems as one readable reason, each led by its column. */
export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${csvColumnOf(p.path)}: ${p.message}`).join("; ");
}

/** One row's outcome: a validated FlightInput, or the reason it was rejected. */
export type RowResult = { ok: true; input: FlightInput } | { ok: false; reason: string };

/** Turns one data row into a FlightInput using the header's columns. */
export function flightInputFromRow(columns: string[], fields: string[]): RowResult {
  if (fields.length !== columns.length) {
    return { ok: false, reason: `expected ${columns.length} fields, found ${fields.length}` };
  }
  const cells = new Map<string, string>();
  columns.forEach((name, i) => {
    const cell = fields[i].trim();
    if (cell) cells.set(name, cell);
  });
  const problems: FieldProblem[] = [];
  for (const name of REQUIRED_COLUMNS) {
    if (!cells.has(name)) problems.push({ path: name, message: "missing" });
  }
  if (!AIRCRAFT_COLUMNS.some((c) => cells.has(c))) {
    problems.push({ path: "aircraft_type", message: "give an aircraft type or registration" });
  }
  const baseFares: Record<string, number> = {};
  for (const code of CABIN_CODES) {
    const cell = cells.get(`fare_${code}`);
    if (cell === undefined) continue;
    if (/^\d{1,9}$/.test(cell)) baseFares[code] = Number(cell);
    else {
      problems.push({
        path: `fare_${code}`,
        message: "expected a whole number of minor units, e.g. 15900 for 159.00",
      });
    }
  }
  if (problems.length) return { ok: false, reason: describeProblems(problems) };
  const raw: Record<string, unknown> = { baseFares };
  for (const [column, field] of INPUT_FIELDS) {
    const cell = cells.get(column);
    if (cell !== undefined) raw[field] = cell;
  }
  const parsed = FlightInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    reason: describeProblems(
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    ),
  };
}

/** The job kind of a flight CSV bulk upload. */
export const FLIGHT_CSV_JOB = "flights.csv";
