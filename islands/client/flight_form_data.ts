/**
 * Flight forms as operators fill them in, turned into the JSON the admin API takes: fares are
 * typed in the currency's major units (159.50) and sent in minor units (15950), empty fields
 * are left out. Pure and browser-safe: the pages and the recurring-schedule island share it.
 */
import type { FieldProblem } from "../../domain/app_error.ts";

/** A form's fields: one value each, or several (checkboxes). */
export type FormFields = Record<string, string | string[] | undefined>;

/** The cabins a flight may sell, premium first, with their names. */
export const CABINS: readonly (readonly [code: string, name: string])[] = [
  ["F", "First"],
  ["J", "Business"],
  ["W", "Premium economy"],
  ["Y", "Economy"],
];

/** The first value of a field, trimmed ("" when absent). */
export function text(form: FormFields, name: string): string {
  const v = form[name];
  return (Array.isArray(v) ? v[0] ?? "" : v ?? "").trim();
}

/** Every value of a field (checkboxes). */
export function values(form: FormFields, name: string): string[] {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Digits after the decimal point of a currency (2 for USD, 0 for JPY); 2 when unknown. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency })
      .resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "159.5" in USD → 15950; a message when it is not an amount in that currency. */
export function toMinor(amount: string, currency: string): number | string {
  const digits = minorDigits(currency);
  const m = /^(\d{1,9})(?:\.(\d*))?$/.exec(amount.replace(/[,\s]/g, ""));
  if (!m || (m[2] ?? "").length > digits) {
    return digits
      ? `expected an amount like 159.${"5".padEnd(digits, "0")}`
      : "expected a whole amount";
  }
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? "").padEnd(digits, "0") || 0);
}

/** 15950 in USD → "159.50" (the form's way of showing a stored fare). */
export function fromMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return digits ? (minor / 10 ** digits).toFixed(digits) : String(minor);
}

function optional(form: FormFields, name: string): string | undefined {
  return text(form, name) || undefined;
}

/** The fields every flight form has (number, route, aircraft, currency, fares). */
function common(form: FormFields, problems: FieldProblem[]) {
  const currency = (optional(form, "currency") ?? "USD").toUpperCase();
  const baseFares: Record<string, number> = {};
  for (const [cabin] of CABINS) {
    const raw = text(form, `baseFares.${cabin}`);
    if (!raw) continue;
    const minor = toMinor(raw, currency);
    if (typeof minor === "number") baseFares[cabin] = minor;
    else problems.push({ path: `baseFares.${cabin}`, message: minor });
  }
  return {
    carrier: optional(form, "carrier"),
    flightNumber: text(form, "flightNumber"),
    origin: text(form, "origin"),
    destination: text(form, "destination"),
    aircraftType: optional(form, "aircraftType"),
    aircraftRegistration: optional(form, "aircraftRegistration"),
    currency,
    baseFares,
  };
}

/** A single flight's form as the body of POST/PUT /api/admin/flights, and fare problems. */
export function flightInput(form: FormFields) {
  const problems: FieldProblem[] = [];
  const input = {
    ...common(form, problems),
    // An offset picks one of the two times that exist when the clocks go back.
    departureLocal: text(form, "departureLocal") + (optional(form, "departureOffset") ?? ""),
    arrivalLocal: text(form, "arrivalLocal") + (optional(form, "arrivalOffset") ?? ""),
  };
  return { input, problems };
}

/** A recurring schedule's form as the body of POST /api/admin/flights/recurring[/preview]. */
export function recurrenceInput(form: FormFields) {
  const problems: FieldProblem[] = [];
  const input = {
    ...common(form, problems),
    departureTime: text(form, "departureTime"),
    arrivalTime: text(form, "arrivalTime"),
    arrivalDayOffset: Number(text(form, "arrivalDayOffset") || 0),
    startDate: text(form, "startDate"),
    endDate: text(form, "endDate"),
    weekdays: values(form, "weekdays").map(Number),
  };
  return { input, problems };
}

/** Problems by field name, the first message of each field. */
export function problemsByField(problems: readonly FieldProblem[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const p of problems) byField[p.path] ??= p.message;
  return byField;
}
