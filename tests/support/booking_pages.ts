import assert from "node:assert/strict";
import type { Database } from "../../db/postgres.ts";
import { testApp } from "./app.ts";
import { PageClient } from "./pages.ts";
import { seedTestSchedule } from "./seed.ts";

/** Before the seeded schedule (2030-03-01): every flight is 4 to 7 days out. */
export const BOOKING_NOW = "2030-02-25T00:00:00Z";

/** A passenger as the details form takes them. */
export interface FormPassenger {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email?: string;
}

/** Passengers as the details form posts them. */
export function passengerFields(people: FormPassenger[]): Record<string, string> {
  const fields: Record<string, string> = { passengers: String(people.length) };
  people.forEach((p, i) => {
    fields[`p${i}-firstName`] = p.firstName;
    fields[`p${i}-lastName`] = p.lastName;
    fields[`p${i}-dateOfBirth`] = p.dateOfBirth;
    fields[`p${i}-email`] = p.email ?? "";
  });
  return fields;
}

/** Two adults, as the form wants them. */
export const PAIR: FormPassenger[] = [
  { firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1985-12-10" },
  { firstName: "Charles", lastName: "Babbage", dateOfBirth: "1979-12-26" },
];

/** The approved test card as the checkout form posts it. */
export const GOOD_CARD = {
  number: "4242 4242 4242 4242",
  expMonth: "12",
  expYear: "2031",
  cvc: "123",
  name: "Ada Lovelace",
};

/** A hidden field's value in a rendered form. */
export function hiddenValue(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  assert.ok(m, `no hidden ${name} in the page`);
  return m[1];
}

/** A seeded app at BOOKING_NOW with a signed-up passenger and helpers to book and pay. */
export async function bookingPagesFixture(db: Database, days = 1) {
  await seedTestSchedule(db.sql, days);
  const t = await testApp(db, BOOKING_NOW);
  const [flight] = await db.sql`
    SELECT id, departure_at FROM flights WHERE aircraft_type = 'A20N'
    ORDER BY departure_at, flight_number LIMIT 1`;
  const ada = new PageClient(t.app);
  await ada.register("ada@example.test");

  /** Books through the details form; returns the booking id. */
  const book = async (
    client = ada,
    people: FormPassenger[] = PAIR,
    flightId = flight.id as string,
  ) => {
    const form = await client.html(`/book/${flightId}?cabin=Y&passengers=${people.length}`);
    const res = await client.post(`/book/${flightId}`, {
      cabin: "Y",
      formToken: hiddenValue(form, "formToken"),
      ...passengerFields(people),
    });
    assert.equal(res.status, 303, await res.text());
    const id = /^\/checkout\/([0-9a-f-]{36})$/.exec(res.headers.get("location") ?? "")?.[1];
    assert.ok(id, res.headers.get("location") ?? "no location");
    return id;
  };

  /** Pays through the checkout form with `card`; returns the response. */
  const pay = async (id: string, card: Record<string, string> = GOOD_CARD, client = ada) => {
    const page = await client.html(`/checkout/${id}`);
    return await client.post(`/checkout/${id}`, { attempt: hiddenValue(page, "attempt"), ...card });
  };

  return {
    ...t,
    ada,
    flightId: flight.id as string,
    departureAt: flight.departure_at as Date,
    book,
    pay,
  };
}
