import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { seedTestSchedule } from "../support/seed.ts";
import type { Sql } from "../../db/postgres.ts";

async function flight(sql: Sql) {
  const [f] = await sql`
    SELECT f.id, l.seats_sold, l.load_factor, t.seat_count, f.aircraft_type, f.aircraft_config
    FROM flights f
    JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
    JOIN flight_loads l ON l.flight_id = f.id
    ORDER BY f.departure_at, f.id LIMIT 1`;
  return f;
}

const sale = (sql: Sql, id: string, ref: string, count: number) =>
  sql`INSERT INTO inventory_sales (flight_id, booking_ref, hold_id, owner, cabin, seats,
        seat_count, unit_price, updated_seq)
      VALUES (${id}, ${ref}, ${"h-" + ref}, 'u', 'Y', '{}', ${count}, 100, 1)`;

testOnEachBackend(
  "list counters: seats sold and load factor follow sales rows and the aircraft configuration",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const { id, seat_count: seats } = await flight(db.sql);
    const cases: [string, () => Promise<unknown>, number][] = [
      ["a sale of 3", () => sale(db.sql, id, "a", 3), 3],
      ["two sales at once", async () => {
        await db.sql`INSERT INTO inventory_sales (flight_id, booking_ref, hold_id, owner, cabin,
            seats, seat_count, unit_price, updated_seq)
          VALUES (${id}, 'b', 'h-b', 'u', 'Y', '{}', 2, 100, 1),
                 (${id}, 'c', 'h-c', 'u', 'Y', '{}', 1, 100, 1)`;
      }, 6],
      ["a seat cancelled", () =>
        db.sql`UPDATE inventory_sales SET seat_count = seat_count - 1
          WHERE flight_id = ${id} AND booking_ref = 'a'`, 5],
      [
        "a sale removed",
        () => db.sql`DELETE FROM inventory_sales WHERE flight_id = ${id} AND booking_ref = 'b'`,
        3,
      ],
    ];
    for (const [what, change, sold] of cases) {
      await change();
      const f = await flight(db.sql);
      assert.equal(f.seats_sold, sold, what);
      assert.ok(Math.abs(f.load_factor - sold / seats) < 1e-6, what);
    }
    // The flight swapped to another aircraft: its load factor follows the new seat count.
    const before = await flight(db.sql);
    const [other] = await db.sql`
      SELECT type_code, code, seat_count FROM aircraft_configurations
      WHERE seat_count <> ${seats} LIMIT 1`;
    assert.ok(other, "the test schedule has aircraft of another size");
    await db.sql`UPDATE flights SET aircraft_type = ${other.type_code},
      aircraft_config = ${other.code} WHERE id = ${id}`;
    assert.ok(Math.abs((await flight(db.sql)).load_factor - 3 / other.seat_count) < 1e-6);
    await db.sql`UPDATE flights SET aircraft_type = ${before.aircraft_type},
      aircraft_config = ${before.aircraft_config} WHERE id = ${id}`;
    // A configuration's seat count edited: every flight using it gets its new load factor.
    await db.sql`UPDATE aircraft_configurations SET seat_count = ${seats * 2}
      WHERE type_code = ${before.aircraft_type} AND code = ${before.aircraft_config}`;
    assert.ok(Math.abs((await flight(db.sql)).load_factor - 3 / (seats * 2)) < 1e-6);
  },
);

testOnEachBackend("list counters: every new flight starts with a load row", async (db) => {
  await seedTestSchedule(db.sql, 1);
  const [{ missing }] = await db.sql`
    SELECT count(*)::int AS missing FROM flights f
    WHERE NOT EXISTS (SELECT 1 FROM flight_loads l WHERE l.flight_id = f.id)`;
  assert.equal(missing, 0);
});

testOnEachBackend(
  "list counters: flight_sales counts live coupons and their fares per ticket currency",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const { id } = await flight(db.sql);
    const [b] = await db.sql`
      INSERT INTO bookings (pnr, status, total_amount, currency)
      VALUES ('ABCDEF', 'confirmed', 300, 'EUR') RETURNING id`;
    await db.sql`
      INSERT INTO tickets (number, booking_id, passenger_position, fare_amount, currency)
      VALUES ('9990000000001', ${b.id}, 0, 100, 'EUR'), ('9990000000002', ${b.id}, 1, 200, 'EUR')`;
    await db.sql`
      INSERT INTO ticket_coupons (ticket_number, coupon, flight_id, cabin, fare_amount)
      VALUES ('9990000000001', 1, ${id}, 'Y', 100), ('9990000000002', 1, ${id}, 'Y', 200)`;
    const totals = async () =>
      (await db.sql`SELECT currency, seats, amount::int FROM flight_sales WHERE flight_id = ${id}`)
        .map((r) => ({ ...r }));
    assert.deepEqual(await totals(), [{ currency: "EUR", seats: 2, amount: 300 }]);
    const cases: [string, string, { seats: number; amount: number }][] = [
      ["checked in still flies", "checked_in", { seats: 2, amount: 300 }],
      ["voided frees the seat", "void", { seats: 1, amount: 200 }],
      ["reopened counts again", "open", { seats: 2, amount: 300 }],
    ];
    for (const [what, status, want] of cases) {
      await db.sql`UPDATE ticket_coupons SET status = ${status}
        WHERE ticket_number = '9990000000001'`;
      assert.deepEqual(await totals(), [{ currency: "EUR", ...want }], what);
    }
  },
);
