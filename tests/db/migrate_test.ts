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
  "crew_positioning",
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
    await db.sql`INSERT INTO aircraft_types (code, name, manufacturer, cruise_kmh, range_km)
    VALUES ('T1', 'T', 'M', 800, 5000)`;
    await db.sql`INSERT INTO aircraft_configurations (type_code, code, name, layout, seat_count)
    VALUES ('T1', 'STD', 'S', '{"cabins":[]}', 10)`;
    const [flight] = await db.sql`INSERT INTO flights (carrier, flight_number, origin, destination,
      departure_local, arrival_local, departure_at, arrival_at, aircraft_type, aircraft_config,
      base_fares)
    VALUES ('CT', '1', 'AAA', 'BBB', '2030-01-01 10:00', '2030-01-01 12:00',
      '2030-01-01 10:00Z', '2030-01-01 12:00Z', 'T1', 'STD', '{"Y": 100}') RETURNING id`;
    const [booking] = await db
      .sql`INSERT INTO bookings (pnr, total_amount, currency)
    VALUES ('ABCDEF', 100, 'USD') RETURNING id`;
    await db.sql`INSERT INTO booking_segments (booking_id, flight_id, cabin)
    VALUES (${booking.id}, ${flight.id}, 'Y')`;
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

testOnEachBackend(
  "migrate: bookings from before journeys become segments, and tickets coupons, losing nothing",
  async (db) => {
    const all = await loadMigrations();
    const before = all.filter((m) => m.version < 14);
    await migrate(db.sql, before);
    await db.sql`INSERT INTO airports (iata, name, city, country, latitude, longitude, tz)
    VALUES ('AAA', 'A', 'A', 'X', 0, 0, 'UTC'), ('BBB', 'B', 'B', 'X', 1, 1, 'UTC'),
      ('CCC', 'C', 'C', 'X', 2, 2, 'UTC')`;
    await db
      .sql`INSERT INTO aircraft_types (code, name, manufacturer, layout, seat_count, cruise_kmh, range_km)
    VALUES ('T1', 'T', 'M', '{"cabins":[]}', 10, 800, 5000)`;
    const flight = async (n: string, from: string, to: string, at: string) =>
      (await db.sql`INSERT INTO flights (carrier, flight_number, origin, destination,
        departure_local, arrival_local, departure_at, arrival_at, aircraft_type, base_fares)
      VALUES ('CT', ${n}, ${from}, ${to}, ${at}, ${at}::timestamp + interval '2 hours',
        ${at + "Z"}, ${at + "Z"}::timestamptz + interval '2 hours', 'T1',
        '{"Y": 100}') RETURNING id`)[0].id as string;
    const ab = await flight("1", "AAA", "BBB", "2030-01-01 10:00");
    const ac = await flight("2", "AAA", "CCC", "2030-01-02 10:00");
    const cb = await flight("3", "CCC", "BBB", "2030-01-02 14:00");
    // A paid booking with two tickets, one held booking, and one rebooked from ab onto ac+cb.
    const booking = async (pnr: string, flightId: string, status: string, seats: string[]) =>
      (await db.sql`INSERT INTO bookings (pnr, flight_id, cabin, status, hold_id, seats,
        total_amount, currency)
      VALUES (${pnr}, ${flightId}, 'Y', ${status}, ${"h-" + pnr}, ${seats}, 200, 'USD')
      RETURNING id`)[0].id as string;
    const paid = await booking("PAYDAA", ab, "confirmed", ["1A", "1B"]);
    const held = await booking("HELDAA", ab, "held", ["2A"]);
    const moved = await booking("MVVEDA", ac, "confirmed", ["3A"]);
    for (const [id, n] of [[paid, 2], [held, 1], [moved, 1]] as const) {
      for (let p = 0; p < n; p++) {
        await db.sql`INSERT INTO booking_passengers (booking_id, position, first_name, last_name)
        VALUES (${id}, ${p}, 'Ada', ${"P" + p})`;
      }
    }
    const ticket = (number: string, id: string, p: number, f: string, seat: string, st: string) =>
      db.sql`INSERT INTO tickets (number, booking_id, passenger_position, flight_id, seat, cabin,
        fare_amount, currency, status, checkin_sequence)
      VALUES (${number}, ${id}, ${p}, ${f}, ${seat}, 'Y', 100, 'USD', ${st},
        ${st === "checked_in" ? 7 : null})`;
    await ticket("9140000000001", paid, 0, ab, "1A", "checked_in");
    await ticket("9140000000002", paid, 1, ab, "1B", "open");
    await ticket("9140000000003", moved, 0, ab, "9C", "void");
    await ticket("9140000000004", moved, 0, ac, "3A", "open");
    await ticket("9140000000005", moved, 0, cb, "4A", "open");

    const result = await migrate(db.sql, all);
    assert.deepEqual(result.applied, all.filter((m) => m.version >= 14).map((m) => m.version));
    const segments = await db.sql`
      SELECT b.pnr, f.flight_number, g.cabin, g.hold_id, g.seats, g.unit_price, g.status
      FROM booking_segments g JOIN bookings b ON b.id = g.booking_id
      JOIN flights f ON f.id = g.flight_id ORDER BY b.pnr, f.departure_at`;
    assert.deepEqual(segments.map((g) => [g.pnr, g.flight_number, g.seats, g.status]), [
      ["HELDAA", "1", ["2A"], "held"],
      ["MVVEDA", "1", ["9C"], "cancelled"],
      ["MVVEDA", "2", ["3A"], "confirmed"],
      ["MVVEDA", "3", ["4A"], "confirmed"],
      ["PAYDAA", "1", ["1A", "1B"], "confirmed"],
    ]);
    assert.equal(segments.find((g) => g.pnr === "HELDAA")!.hold_id, "h-HELDAA");
    const coupons = await db.sql`
      SELECT t.number, b.pnr, t.passenger_position, c.coupon, f.flight_number, c.seat, c.status,
        c.checkin_sequence
      FROM tickets t JOIN bookings b ON b.id = t.booking_id
      JOIN ticket_coupons c ON c.ticket_number = t.number JOIN flights f ON f.id = c.flight_id
      ORDER BY b.pnr, t.passenger_position, c.coupon`;
    assert.deepEqual(
      coupons.map((c) => [c.number, c.pnr, c.coupon, c.flight_number, c.seat, c.status]),
      [
        ["9140000000003", "MVVEDA", 1, "1", "9C", "void"],
        ["9140000000003", "MVVEDA", 2, "2", "3A", "open"],
        ["9140000000003", "MVVEDA", 3, "3", "4A", "open"],
        ["9140000000001", "PAYDAA", 1, "1", "1A", "checked_in"],
        ["9140000000002", "PAYDAA", 1, "1", "1B", "open"],
      ],
    );
    assert.equal(coupons[3].checkin_sequence, 7);
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM bookings`;
    assert.equal(n, 3);
  },
  { migrated: false },
);

testOnEachBackend(
  "migrate: each type's layout becomes its default configuration, flights and aircraft on it",
  async (db) => {
    const all = await loadMigrations();
    await migrate(db.sql, all.filter((m) => m.version < 19));
    await db.sql`INSERT INTO airports (iata, name, city, country, latitude, longitude, tz)
    VALUES ('AAA', 'A', 'A', 'X', 0, 0, 'UTC'), ('BBB', 'B', 'B', 'X', 1, 1, 'UTC')`;
    const layout = (rows: number) => ({
      cabins: [{ code: "Y", name: "Economy", firstRow: 1, lastRow: rows, seatsAcross: "AB|CD" }],
    });
    await db.sql`INSERT INTO aircraft_types
      (code, name, manufacturer, layout, seat_count, cruise_kmh, range_km, created_at)
    VALUES ('T1', 'One', 'M', ${db.sql.json(layout(10))}, 40, 800, 5000, '2029-01-01Z'),
      ('T2', 'Two', 'M', ${db.sql.json(layout(20))}, 80, 850, 6000, '2029-02-01Z')`;
    await db.sql`INSERT INTO aircraft (registration, type_code, name)
    VALUES ('N1CT', 'T1', 'First'), ('N2CT', 'T2', NULL)`;
    await db.sql`INSERT INTO flights (carrier, flight_number, origin, destination,
      departure_local, arrival_local, departure_at, arrival_at, aircraft_type,
      aircraft_registration, base_fares)
    VALUES ('CT', '1', 'AAA', 'BBB', '2030-01-01 10:00', '2030-01-01 12:00',
      '2030-01-01 10:00Z', '2030-01-01 12:00Z', 'T1', 'N1CT', '{"Y": 100}'),
      ('CT', '2', 'AAA', 'BBB', '2030-01-02 10:00', '2030-01-02 12:00',
      '2030-01-02 10:00Z', '2030-01-02 12:00Z', 'T2', NULL, '{"Y": 100}')`;

    const result = await migrate(db.sql, all);
    assert.deepEqual(result.applied, all.filter((m) => m.version >= 19).map((m) => m.version));
    const configs = await db.sql`
      SELECT type_code, code, name, layout, seat_count, is_default, created_at
      FROM aircraft_configurations ORDER BY type_code, code`;
    assert.deepEqual(
      configs.map((c) => [c.type_code, c.code, c.layout, c.seat_count, c.is_default]),
      [["T1", "STD", layout(10), 40, true], ["T2", "STD", layout(20), 80, true]],
    );
    assert.equal(configs[0].created_at.toISOString(), "2029-01-01T00:00:00.000Z");
    const types = await db.sql`SELECT code, name, cruise_kmh FROM aircraft_types ORDER BY code`;
    assert.deepEqual(types.map((t) => [t.code, t.name, t.cruise_kmh]), [
      ["T1", "One", 800],
      ["T2", "Two", 850],
    ]);
    const planes = await db.sql`SELECT registration, type_code, config_code, name FROM aircraft
      ORDER BY registration`;
    assert.deepEqual(planes.map((p) => [p.registration, p.type_code, p.config_code, p.name]), [
      ["N1CT", "T1", "STD", "First"],
      ["N2CT", "T2", "STD", null],
    ]);
    const flights = await db.sql`SELECT flight_number, aircraft_type, aircraft_config,
      aircraft_registration FROM flights ORDER BY flight_number`;
    assert.deepEqual(
      flights.map((f) => [f.flight_number, f.aircraft_type, f.aircraft_config]),
      [["1", "T1", "STD"], ["2", "T2", "STD"]],
    );
    // A flight cannot name a configuration its type does not have.
    await assert.rejects(
      () => db.sql`UPDATE flights SET aircraft_config = 'NOPE' WHERE flight_number = '1'`,
      /flights_configuration_fkey/,
    );
  },
  { migrated: false },
);

testOnEachBackend(
  "migrate: each type's seat fees become those of each of its configurations; a flight keeps its own",
  async (db) => {
    const all = await loadMigrations();
    await migrate(db.sql, all.filter((m) => m.version < 21));
    await db.sql`INSERT INTO airports (iata, name, city, country, latitude, longitude, tz)
    VALUES ('AAA', 'A', 'A', 'X', 0, 0, 'UTC'), ('BBB', 'B', 'B', 'X', 1, 1, 'UTC')`;
    const layout = {
      cabins: [{ code: "Y", name: "E", firstRow: 1, lastRow: 9, seatsAcross: "AB" }],
    };
    const t1Fees = { Y: { exitRow: 2500, frontRows: 2, frontRowFee: 1000 } };
    // Shaped as before 0021: fees on the type (T2 never set any), a flight with its own.
    await db.sql`INSERT INTO aircraft_types (code, name, manufacturer, cruise_kmh, range_km,
      seat_fees)
    VALUES ('T1', 'One', 'M', 800, 5000, ${db.sql.json(t1Fees)}),
      ('T2', 'Two', 'M', 850, 6000, DEFAULT)`;
    await db.sql`INSERT INTO aircraft_configurations (type_code, code, name, layout, seat_count,
      is_default)
    VALUES ('T1', 'STD', 'S', ${db.sql.json(layout)}, 18, true),
      ('T1', 'HD', 'H', ${db.sql.json(layout)}, 18, false),
      ('T2', 'STD', 'S', ${db.sql.json(layout)}, 18, true)`;
    const own = { Y: { exitRow: 9900 } };
    await db.sql`INSERT INTO flights (carrier, flight_number, origin, destination,
      departure_local, arrival_local, departure_at, arrival_at, aircraft_type, aircraft_config,
      base_fares, seat_fees)
    VALUES ('CT', '1', 'AAA', 'BBB', '2030-01-01 10:00', '2030-01-01 12:00',
      '2030-01-01 10:00Z', '2030-01-01 12:00Z', 'T1', 'HD', '{"Y": 100}', ${db.sql.json(own)}),
      ('CT', '2', 'AAA', 'BBB', '2030-01-02 10:00', '2030-01-02 12:00',
      '2030-01-02 10:00Z', '2030-01-02 12:00Z', 'T1', 'STD', '{"Y": 100}', NULL)`;

    const result = await migrate(db.sql, all);
    assert.deepEqual(result.applied, all.filter((m) => m.version >= 21).map((m) => m.version));
    const configs = await db.sql`SELECT type_code, code, seat_fees FROM aircraft_configurations
      ORDER BY type_code, code`;
    assert.deepEqual(configs.map((c) => [c.type_code, c.code, c.seat_fees]), [
      ["T1", "HD", t1Fees],
      ["T1", "STD", t1Fees],
      ["T2", "STD", {}],
    ]);
    const flights = await db.sql`SELECT flight_number, seat_fees FROM flights
      ORDER BY flight_number`;
    assert.deepEqual(flights.map((f) => [f.flight_number, f.seat_fees]), [["1", own], ["2", null]]);
    const [{ gone }] = await db.sql`SELECT count(*)::int AS gone FROM information_schema.columns
      WHERE table_name = 'aircraft_types' AND column_name = 'seat_fees'`;
    assert.equal(gone, 0, "the type's column is gone: fees are a configuration's");
  },
  { migrated: false },
);
