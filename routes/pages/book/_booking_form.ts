import type { PassengerValues } from "../../../components/PassengerForm.tsx";
import { CreateBooking } from "../../../services/bookings/booking_input.ts";

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
