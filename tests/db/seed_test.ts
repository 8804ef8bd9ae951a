import assert from "node:assert/strict";
import { DEMO_USERS, seedDemoData, type SeedOptions } from "../../db/seed.ts";
import { DEMO_AIRPORTS } from "../../db/demo/airports.ts";
import { verifyPassword } from "../../adapters/password.ts";
import type { Sql } from "../../db/postgres.ts";
import { testOnEachBackend } from "../support/db.ts";

// A cheap stand-in hash keeps the test fast; the real argon2 path is tested separately.
const options: SeedOptions = {
  startDate: "2030-03-01",
  days: 2,
  demoPassword: "contrail-demo",
  hashPassword: (p) => Promise.resolve(`plain:${p}`),
};

async function counts(sql: Sql) {
  const [row] = await sql`
    SELECT (SELECT count(*)::int FROM airports) AS airports,
           (SELECT count(*)::int FROM aircraft_types) AS types,
           (SELECT count(*)::int FROM aircraft) AS aircraft,
           (SELECT count(*)::int FROM flights) AS flights,
           (SELECT count(*)::int FROM users) AS users`;
  return row;
}

testOnEachBackend("seed: writes airports, aircraft, a schedule and the demo users", async (db) => {
  const result = await seedDemoData(db.sql, options);
  const c = await counts(db.sql);
  assert.ok(c.airports > 5000, `only ${c.airports} airports`);
  assert.equal(result.airports, c.airports);
  assert.ok(c.types >= 3);
  assert.equal(result.flights, c.flights);
  assert.ok(c.flights > 100);
  assert.equal(c.users, DEMO_USERS.length);
  const served = await db.sql`
    SELECT DISTINCT code FROM (SELECT origin AS code FROM flights UNION SELECT destination FROM flights) s`;
  assert.equal(served.length, DEMO_AIRPORTS.length);
  const [lhr] = await db.sql`SELECT name, tz FROM airports WHERE iata = 'LHR'`;
  assert.deepEqual({ ...lhr }, { name: "London Heathrow Airport", tz: "Europe/London" });
  const roles = await db.sql`SELECT role FROM users ORDER BY role`;
  assert.deepEqual(roles.map((r) => r.role), ["admin", "operator", "passenger"]);
  const days = await db.sql`SELECT DISTINCT departure_date::text AS d FROM flights ORDER BY d`;
  assert.deepEqual(days.map((r) => r.d), ["2030-03-01", "2030-03-02"]);
});

testOnEachBackend("seed: running it again writes nothing new", async (db) => {
  await seedDemoData(db.sql, options);
  const before = await counts(db.sql);
  const again = await seedDemoData(db.sql, options);
  assert.deepEqual(again, { airports: 0, aircraftTypes: 0, aircraft: 0, flights: 0, users: 0 });
  assert.deepEqual(await counts(db.sql), before);
});

testOnEachBackend("seed: a later start date adds only the new day's flights", async (db) => {
  await seedDemoData(db.sql, options);
  const before = await counts(db.sql);
  const later = await seedDemoData(db.sql, { ...options, startDate: "2030-03-02" });
  const perDay = before.flights / 2;
  assert.equal(later.flights, perDay);
  assert.equal(later.users, 0);
  assert.equal(later.airports, 0);
  assert.equal((await counts(db.sql)).flights, before.flights + perDay);
});

testOnEachBackend("seed: demo users sign in with DEMO_PASSWORD hashed by argon2id", async (db) => {
  const { hashPassword } = await import("../../adapters/password.ts");
  await seedDemoData(db.sql, { ...options, demoPassword: "another-pass", hashPassword });
  const [user] = await db.sql`SELECT password_hash FROM users WHERE email = 'admin@contrail.test'`;
  assert.match(user.password_hash, /^\$argon2id\$/);
  assert.equal(await verifyPassword("another-pass", user.password_hash), true);
  assert.equal(await verifyPassword("contrail-demo", user.password_hash), false);
});

testOnEachBackend(
  "seed: every departure has crew of each role based at its origin and rated on its type",
  async (db) => {
    await seedDemoData(db.sql, options);
    const gaps = await db.sql`
      SELECT f.origin, f.aircraft_type, r.role
      FROM (SELECT DISTINCT origin, aircraft_type FROM flights) f
      CROSS JOIN (VALUES ('captain'), ('first_officer'), ('flight_attendant')) r (role)
      WHERE NOT EXISTS (
        SELECT 1 FROM crew_members m
        WHERE m.home_base = f.origin AND m.role = r.role AND f.aircraft_type = ANY (m.type_ratings))`;
    assert.deepEqual([...gaps], []);
    // A database seeded with the old fixed roster gets the sized one on the next start.
    await db.sql`DELETE FROM crew_members`;
    await db.sql`
      INSERT INTO crew_members (employee_number, name, role, home_base, type_ratings)
      VALUES ('CT1001', 'Old Roster', 'captain', 'JFK', '{A20N}')`;
    await seedDemoData(db.sql, options);
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM crew_members`;
    assert.ok(n > 1000, `${n} crew after re-seeding`);
  },
);
