import assert from "node:assert/strict";
import { loadMigrations, migrate } from "../../db/migrate.ts";
import { testOnEachBackend } from "../support/db.ts";

const TABLES = [
  "aircraft",
  "aircraft_types",
  "airports",
  "audit_log",
  "booking_passengers",
  "bookings",
  "crew_assignments",
  "crew_members",
  "crew_unavailability",
  "flights",
  "jobs",
  "notifications",
  "payments",
  "schema_migrations",
  "tickets",
  "users",
];

testOnEachBackend("migrate: a fresh database gets every migration once, in order", async (db) => {
  const all = await loadMigrations();
  const first = await migrate(db.sql);
  assert.deepEqual(first.applied, all.map((m) => m.version));
  assert.deepEqual(first.alreadyApplied, []);
  const tables = await db.sql<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' ORDER BY table_name`;
  for (const t of TABLES) assert.ok(tables.some((r) => r.table_name === t), `missing ${t}`);
  const recorded = await db.sql`SELECT version, name FROM schema_migrations ORDER BY version`;
  assert.deepEqual(recorded.map((r) => r.version), all.map((m) => m.version));
}, { migrated: false });

testOnEachBackend("migrate: a re-run applies nothing and changes nothing", async (db) => {
  await migrate(db.sql);
  const before = await db.sql`SELECT version, applied_at FROM schema_migrations ORDER BY version`;
  const again = await migrate(db.sql);
  assert.deepEqual(again.applied, []);
  assert.equal(again.alreadyApplied.length, before.length);
  const after = await db.sql`SELECT version, applied_at FROM schema_migrations ORDER BY version`;
  assert.deepEqual(after, before);
}, { migrated: false });

testOnEachBackend("migrate: an edited migration that was applied stops the run", async (db) => {
  const all = await loadMigrations();
  await migrate(db.sql, all);
  const edited = all.map((m, i) => i === 0 ? { ...m, checksum: "0".repeat(64) } : m);
  await assert.rejects(() => migrate(db.sql, edited), /was changed after it was applied/);
}, { migrated: false });

testOnEachBackend(
  "migrate: a failing migration rolls back whole and is not recorded",
  async (db) => {
    const all = await loadMigrations();
    await migrate(db.sql, all);
    const broken = {
      version: all.length + 1,
      name: "broken",
      sql: "CREATE TABLE half_done (id int); SELECT no_such_function();",
      checksum: "f".repeat(64),
    };
    await assert.rejects(() => migrate(db.sql, [...all, broken]));
    const [{ exists }] = await db.sql`SELECT to_regclass('public.half_done') IS NOT NULL AS exists`;
    assert.equal(exists, false);
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM schema_migrations`;
    assert.equal(n, all.length);
  },
  { migrated: false },
);

testOnEachBackend(
  "migrate: the schema refuses a second successful charge for a booking",
  async (db) => {
    await db.sql`INSERT INTO airports (iata, name, city, country, latitude, longitude, tz)
    VALUES ('AAA', 'A', 'A', 'X', 0, 0, 'UTC'), ('BBB', 'B', 'B', 'X', 1, 1, 'UTC')`;
    await db
      .sql`INSERT INTO aircraft_types (code, name, manufacturer, layout, seat_count, cruise_kmh, range_km)
    VALUES ('T1', 'T', 'M', '{"cabins":[]}', 10, 800, 5000)`;
    const [flight] = await db.sql`INSERT INTO flights (carrier, flight_number, origin, destination,
      departure_local, arrival_local, departure_at, arrival_at, aircraft_type, base_fares)
    VALUES ('CT', '1', 'AAA', 'BBB', '2030-01-01 10:00', '2030-01-01 12:00',
      '2030-01-01 10:00Z', '2030-01-01 12:00Z', 'T1', '{"Y": 100}') RETURNING id`;
    const [booking] = await db
      .sql`INSERT INTO bookings (pnr, flight_id, cabin, total_amount, currency)
    VALUES ('ABCDEF', ${flight.id}, 'Y', 100, 'USD') RETURNING id`;
    const charge = (key: string) =>
      db.sql`INSERT INTO payments (booking_id, idempotency_key, amount, currency, status)
      VALUES (${booking.id}, ${key}, 100, 'USD', 'succeeded')`;
    await charge("k1");
    await assert.rejects(() => charge("k2"), /payments_one_active_charge_idx/);
  },
);

Deno.test("migrate: migration files are numbered without gaps", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/0001_a.sql`, "SELECT 1;");
    await Deno.writeTextFile(`${dir}/0003_c.sql`, "SELECT 1;");
    await assert.rejects(() => loadMigrations(new URL(`file://${dir}/`)), /without gaps/);
    await Deno.writeTextFile(`${dir}/2_bad.sql`, "SELECT 1;");
    await assert.rejects(() => loadMigrations(new URL(`file://${dir}/`)), /0001_name\.sql/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
