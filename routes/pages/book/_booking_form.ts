import { z } from "zod";
import type { PassengerValues } from "../../../components/PassengerForm.tsx";
import type { PageUser } from "../../../components/page_context.ts";
import { AppError } from "../../../domain/app_error.ts";
import { CABIN_CODES } from "../../../domain/seat_layout.ts";
import { CreateBooking } from "../../../services/bookings/booking_input.ts";
import { holdBooking, type SegmentRequest } from "../../../services/bookings/hold_booking.ts";
import type { AppDeps } from "../../context.ts";
import { limitOf } from "../../middleware/limits.ts";
import { oncePerForm, validFormToken } from "../_form_once.ts";

/** Cabin and party size of a booking page: a bad value falls back to one economy passenger. */
export const BookQuery = z.object({
  cabin: z.enum(CABIN_CODES).catch("Y"),
  passengers: z.coerce.number().int().min(1).max(9).catch(1),
});

/** The same budget as the API's bookings: a form cannot hold seats faster than a client. */
export const bookingRateLimit = (deps: AppDeps) => limitOf(deps, "booking");

/** Empty details for a party of `count`. */
export function blankPassengers(count: number): PassengerValues[] {
  return Array.from({ length: count }, () => ({
    firstName: "",
    lastName: "",
    dateOfBirth: "",
    email: "",
  }));
}

const Passenger = CreateBooking.shape.passengers.element;
const LABELS: Record<string, string> = {
  firstName: "first name",
  lastName: "last name",
  dateOfBirth: "date of birth",
  email: "email",
};

const text = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? (form[name] as string).trim() : "";

/** The passengers as posted, and every problem with them, each tied to its field. */
export function readPassengers(form: Record<string, unknown>, count: number, today: string) {
  const values: PassengerValues[] = [];
  const errors: { field: string; message: string }[] = [];
  for (let i = 0; i < count; i++) {
    const v = {
      firstName: text(form, `p${i}-firstName`),
      lastName: text(form, `p${i}-lastName`),
      dateOfBirth: text(form, `p${i}-dateOfBirth`),
      email: text(form, `p${i}-email`),
    };
    values.push(v);
    const who = `Passenger ${i + 1}`;
    for (const key of ["firstName", "lastName", "dateOfBirth"] as const) {
      if (!v[key]) {
        errors.push({ field: `p${i}-${key}`, message: `${who}: enter the ${LABELS[key]}` });
      }
    }
    if (v.dateOfBirth > today) {
      errors.push({
        field: `p${i}-dateOfBirth`,
        message: `${who}: the date of birth is in the future`,
      });
    }
    const parsed = Passenger.safeParse({ ...v, email: v.email || undefined });
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const field = `p${i}-${String(issue.path[0])}`;
      if (errors.some((e) => e.field === field)) continue;
      errors.push({ field, message: `${who}: ${LABELS[String(issue.path[0])]}: ${issue.message}` });
    }
  }
  return { values, errors };
}

const SEAT_ID = /^\d{1,2}[A-K]$/;

/**
 * Seats chosen on the flight page's map (`seat`, repeated): kept only if every one is a seat
 * of the chosen cabin, none repeats and there is one per passenger, else the hold is by count.
 */
export function chosenSeats(
  raw: unknown,
  party: number,
  cabinOf: (seat: string) => string | undefined,
  cabin: string,
): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const ok = list.length === party &&
    list.every((s) => typeof s === "string" && SEAT_ID.test(s) && cabinOf(s) === cabin) &&
    new Set(list).size === list.length;
  return ok ? (list as string[]) : [];
}

/** A problem with a posted form, tied to its field when it has one. */
export interface FormProblem {
  field?: string;
  message: string;
}

/** A posted details form: held (on to checkout), or to show again with its problems. */
export type FormOutcome =
  | { ok: true; bookingId: string }
  | { ok: false; values: PassengerValues[]; errors: FormProblem[]; status: number };

/**
 * Holds what a posted passenger details form books: the passengers are checked first, then
 * the flights are held at most once per rendered form (a double submit gets the first
 * booking). A refusal (taken seats, a closed flight, a broken connection) comes back as the
 * problem's message and status; an unknown flight stays a 404.
 */
export async function holdFromForm(
  deps: AppDeps,
  form: {
    user: PageUser;
    body: Record<string, unknown>;
    party: number;
    segments: SegmentRequest[];
  },
): Promise<FormOutcome> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  const { values, errors } = readPassengers(form.body, form.party, today);
  const fail = (errors: FormProblem[], status: number) =>
    ({ ok: false, values, errors, status }) as const;
  if (errors.length > 0) return fail(errors, 400);
  const token = form.body.formToken;
  if (!validFormToken(token)) return fail([{ message: "Reload the page and try again." }], 400);
  try {
    const bookingId = await oncePerForm(deps.store, `book:${form.user.id}:${token}`, async () => {
      const booking = await holdBooking({ ...deps, sql: deps.db.sql }, {
        userId: form.user.id,
        email: form.user.email,
        segments: form.segments,
        passengers: values.map((v) => ({ ...v, email: v.email || undefined })),
      });
      return booking.id;
    });
    return { ok: true, bookingId };
  } catch (err) {
    if (!(err instanceof AppError) || err.status === 404) throw err;
    return fail([{ message: err.detail ?? err.title }], err.status);
  }
}
