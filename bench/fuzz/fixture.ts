/**
 * The world a fuzz run attacks: the real app on a test database with a small seeded schedule,
 * the demo passenger, operator and admin, one paid booking, and the live inventory of the
 * flights the requests name already loaded, so reads have nothing left to create.
 */
import { DEMO_USERS } from "../../db/seed.ts";
import type { Database } from "../../db/postgres.ts";
import { signAccessToken } from "../../adapters/tokens.ts";
import { type TestApp, testApp } from "../../tests/support/app.ts";
import { seedTestSchedule } from "../../tests/support/seed.ts";
import type { IdKind } from "./generate.ts";
import type { Identities, StaffRole } from "./identities.ts";
import { apiTargets, pageTargets, RouteResolver, type Target } from "./targets.ts";

/** The app under attack and what the generator needs to know about its data. */
export interface FuzzFixture extends TestApp {
  identities: Identities;
  ids: Record<IdKind, string[]>;
  known: Set<string>;
  targets: Target[];
  resolver: RouteResolver;
}

async function column(db: Database, query: string): Promise<string[]> {
  return (await db.sql.unsafe(query)).map((r) => String(Object.values(r)[0]));
}

/** Books and pays one seat for the passenger through the API, then projects it. */
async function paidBooking(t: TestApp, ids: Identities, flightId: string) {
  const p = ids.passenger;
  const token = await signAccessToken(
    { sub: p.id, role: "passenger", email: p.email },
    t.deps.config.jwtSecret!,
    t.clock.now(),
  );
  const headers = { "Content-Type": "application/json", Authorization: `Bearer ${token}` };
  const held = await t.app.request("/api/bookings", {
    method: "POST",
    headers,
    body: JSON.stringify({
      flightId,
      cabin: "Y",
      passengers: [{ firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1985-12-10" }],
    }),
  });
  if (held.status !== 201) throw new Error(`fuzz setup: hold failed ${await held.text()}`);
  const booking = await held.json();
  const paid = await t.app.request(`/api/bookings/${booking.id}/pay`, {
    method: "POST",
    headers: { ...headers, "Idempotency-Key": "fuzz-setup" },
    body: JSON.stringify({
      card: { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" },
    }),
  });
  if (paid.status !== 200) throw new Error(`fuzz setup: payment failed ${await paid.text()}`);
  await t.deps.projector.catchUp();
  return booking.id as string;
}

/** Seeds `days` of schedule and builds the app and the ids a run draws on. */
export async function fuzzFixture(db: Database, days = 1): Promise<FuzzFixture> {
  await seedTestSchedule(db.sql, days);
  const t = await testApp(db);
  const users = await db.sql<{ id: string; email: string; role: StaffRole }[]>`
    SELECT id, email, role FROM users WHERE email IN ${db.sql(DEMO_USERS.map((u) => u.email))}`;
  const identities = {} as Identities;
  for (const u of users) identities[u.role] = u;
  const now = t.clock.now().toISOString();
  const flights = await column(
    db,
    `SELECT id FROM flights WHERE departure_at > '${now}'::timestamptz + interval '3 hours'
     ORDER BY departure_at, id LIMIT 6`,
  );
  const booking = await paidBooking(t, identities, flights[0]);
  const ids: Record<IdKind, string[]> = {
    flight: flights,
    booking: [booking],
    user: users.map((u) => u.id),
    crew: await column(db, "SELECT id FROM crew_members ORDER BY id LIMIT 3"),
    mailbox: await column(db, "SELECT id FROM dev_mailbox ORDER BY id LIMIT 2"),
    notification: await column(db, "SELECT id FROM notifications ORDER BY id LIMIT 2"),
    airport: ["LHR", "JFK", "lhr"],
    type: await column(db, "SELECT code FROM aircraft_types ORDER BY code LIMIT 2"),
    registration: await column(
      db,
      "SELECT registration FROM aircraft ORDER BY registration LIMIT 2",
    ),
  };
  // Load every named flight's inventory now: a read during the run then changes nothing.
  for (const id of flights) await t.deps.registry.read(id);
  // Every code that names something: a hostile "NaN" is the airport NAN once uppercased.
  const codes = await column(
    db,
    `SELECT iata FROM airports UNION ALL SELECT code FROM aircraft_types
     UNION ALL SELECT registration FROM aircraft`,
  );
  const known = new Set([...Object.values(ids).flat(), ...codes].map((v) => v.toUpperCase()));
  const api = apiTargets(t.app);
  const targets = [...api, ...pageTargets(t.app.routes, api)];
  const resolver = new RouteResolver(t.app.routes, targets);
  return { ...t, identities, ids, known, targets, resolver };
}
