/** What the operators' pages share: reading forms, problems by field, paging. */
import type { Context } from "hono";
import type { z } from "zod";
import { AppError, type FieldProblem } from "../../../domain/app_error.ts";
import type { AdminFlight } from "../../../domain/views/flight.ts";
import { FlightInputSchema } from "../../../domain/schedule.ts";
import {
  CABINS,
  flightInput,
  type FormFields,
  fromMinor,
  problemsByField,
} from "../../../islands/client/flight_form_data.ts";
import type { AppEnv } from "../../context.ts";

/** The posted form's text fields; repeated names (checkboxes) as lists, files left out. */
export async function formFields(c: Context<AppEnv>): Promise<FormFields> {
  const body = await c.req.parseBody({ all: true });
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(body)) {
    const texts = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === "string");
    if (texts.length) fields[name] = texts.length === 1 ? texts[0] : texts;
  }
  return fields;
}

/** A form's values as strings, the first of each field (what the inputs show again). */
export function formValues(form: FormFields): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) ?? ""]),
  );
}

/** zod issues as field problems, paths joined with dots like the API's. */
export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join(".") || "(root)",
    message: i.message,
  }));
}

/** The posted flight form checked like the JSON API's body; problems by field. */
export async function readFlightForm(c: Context<AppEnv>) {
  const form = await formFields(c);
  const { input, problems } = flightInput(form);
  const parsed = FlightInputSchema.safeParse(input);
  const all = [...problems, ...(parsed.success ? [] : zodProblems(parsed.error))];
  return {
    values: formValues(form),
    input: all.length || !parsed.success ? undefined : parsed.data,
    errors: problemsByField(all),
  };
}

/** A stored flight as its editor form shows it (fares back in major units). */
export function flightFormValues(f: AdminFlight): Record<string, string> {
  const values: Record<string, string> = {
    carrier: f.carrier,
    flightNumber: f.flightNumber,
    origin: f.origin,
    destination: f.destination,
    departureLocal: f.departureLocal.slice(0, 16),
    arrivalLocal: f.arrivalLocal.slice(0, 16),
    aircraftType: f.aircraftType,
    aircraftRegistration: f.aircraftRegistration ?? "",
    currency: f.currency,
  };
  for (const [code] of CABINS) {
    const fare = f.baseFares[code];
    if (fare !== undefined) values[`baseFares.${code}`] = fromMinor(fare, f.currency);
  }
  return values;
}

/** A positive page number from the query (1 for anything else). */
export function pageParam(value: string | undefined, max = 10_000): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : 1;
}

/**
 * A refused form as the form shows it: problems by field and the refusal's detail; anything
 * that is not the client's to fix (404, 5xx, a bug) is thrown on.
 */
export function formFailure(err: unknown): { errors: Record<string, string>; problem?: string } {
  if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
  return { errors: problemsByField(err.errors ?? []), problem: err.detail ?? err.title };
}
