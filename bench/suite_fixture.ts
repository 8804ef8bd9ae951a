/** Set-up shared by the load and fault suites: the schedule, the flights to book, the card. */
import type { Sql } from "../db/postgres.ts";
import { seedDemoData } from "../db/seed.ts";
import { addDays } from "../domain/time.ts";
import { ROOT } from "../tests/support/server.ts";

/** A seeded schedule: its dates, and the bookable flights, smallest aircraft first. */
export interface SuiteSchedule {
  dates: string[];
  /** Flights departing after tomorrow; suites book a few at a time and move on when full. */
  flights: string[];
}

/** Seeds `days` of the demo schedule from tomorrow (no demo accounts' password hashing). */
export async function seedSuiteSchedule(sql: Sql, days: number): Promise<SuiteSchedule> {
  const startDate = addDays(new Date().toISOString().slice(0, 10), 1);
  await seedDemoData(sql, {
    startDate,
    days,
    demoPassword: "x",
    hashPassword: (pw) => Promise.resolve(pw),
  });
  const rows = await sql`
    SELECT f.id FROM flights f JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    WHERE f.departure_at > now() + interval '1 day'
    ORDER BY t.seat_count, f.departure_at LIMIT 1000`;
  return {
    dates: Array.from({ length: days }, (_, d) => addDays(startDate, d)),
    flights: rows.map((r) => r.id as string),
  };
}

/** The body of `POST /api/bookings/:id/pay` with the approving test card. */
export const TEST_CARD_PAYMENT = JSON.stringify({
  card: {
    number: "4242 4242 4242 4242",
    expMonth: 12,
    expYear: new Date().getUTCFullYear() + 3,
    cvc: "123",
    name: "Suite Passenger",
  },
});

/** A fresh data dir under `./data` (the only place the `start` task may write). */
export function suiteDataDir(prefix: string): string {
  return `${ROOT}data/${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/** One passenger, or two 30% of the time, for `POST /api/bookings`. */
export function suiteParty(): { firstName: string; lastName: string }[] {
  return Array(Math.random() < 0.7 ? 1 : 2).fill({ firstName: "Suite", lastName: "Passenger" });
}

/** A uniformly random item. */
export function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}
