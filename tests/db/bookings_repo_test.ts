import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { seedTestSchedule } from "../support/seed.ts";
import {
  endLapsedHolds,
  getBooking,
  insertHeldBooking,
  type NewHeldBooking,
} from "../../db/bookings_repo.ts";

testOnEachBackend(
  "concurrent held bookings share statements; a taken PNR fails only its own",
  async (db) => {
    await seedTestSchedule(db.sql);
    const [flight] = await db.sql`SELECT id FROM flights ORDER BY departure_at LIMIT 1`;
    const [user] = await db.sql`SELECT id FROM users LIMIT 1`;
    const booking = (i: number, pnr: string): NewHeldBooking => ({
      id: crypto.randomUUID(),
      pnr,
      userId: user.id,
      segments: [{
        flightId: flight.id,
        cabin: "Y",
        holdId: `hold-${i}`,
        seats: [`${i + 1}A`],
        unitPrice: 10_000 + i,
      }],
      total: 10_000 + i,
      currency: "USD",
      expiresAt: new Date("2030-03-01T07:00:00Z"),
      passengers: [{
        firstName: "Ada",
        lastName: `Pax${"ABCDEFGHJK"[i]}`,
        dateOfBirth: "1990-01-0" + (i % 9 + 1),
      }],
    });
    // 8 at once, two of them with the same PNR: exactly one of that pair lands.
    const list = Array.from(
      { length: 8 },
      (_, i) => booking(i, i === 7 ? "ABCDE2" : `ABCDE${"23456789"[i]}`),
    );
    const ok = await Promise.all(list.map((b) => insertHeldBooking(db.sql, b)));
    assert.deepEqual(ok, [true, true, true, true, true, true, true, false]);
    const first = await getBooking(db.sql, list[3].id);
    assert.equal(first?.pnr, "ABCDE5");
    assert.deepEqual(first?.seats, ["4A"]);
    assert.equal(first?.total, 10_003);
    assert.equal(first?.status, "held");
    assert.deepEqual(first?.passengers.map((p) => [p.lastName, p.dateOfBirth]), [[
      "PaxD",
      "1990-01-04",
    ]]);
    assert.equal(await getBooking(db.sql, list[7].id), undefined, "the loser wrote nothing");
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM booking_passengers`;
    assert.equal(n, 7);
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "a held booking that breaks a constraint fails alone, not its batch",
  async (db) => {
    await seedTestSchedule(db.sql);
    const [flight] = await db.sql`SELECT id FROM flights ORDER BY departure_at LIMIT 1`;
    const [user] = await db.sql`SELECT id FROM users LIMIT 1`;
    const segment = (holdId: string) => [{
      flightId: flight.id,
      cabin: "Y",
      holdId,
      seats: ["1A"],
      unitPrice: 100,
    }];
    const base = {
      userId: user.id,
      currency: "USD",
      expiresAt: new Date("2030-03-01T07:00:00Z"),
      passengers: [{ firstName: "Ada", lastName: "Lovelace" }],
    };
    const results = await Promise.allSettled([
      insertHeldBooking(db.sql, {
        ...base,
        id: crypto.randomUUID(),
        pnr: "QQQQQ2",
        segments: segment("h1"),
        total: 100,
      }),
      insertHeldBooking(db.sql, {
        ...base,
        id: crypto.randomUUID(),
        pnr: "QQQQQ3",
        segments: segment("h2"),
        total: -1,
      }),
      insertHeldBooking(db.sql, {
        ...base,
        id: crypto.randomUUID(),
        pnr: "QQQQQ4",
        segments: segment("h3"),
        total: 300,
      }),
    ]);
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled"]);
    const rows = await db.sql`SELECT pnr FROM bookings ORDER BY pnr`;
    assert.deepEqual(rows.map((r) => r.pnr), ["QQQQQ2", "QQQQQ4"]);
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "a held booking written after its hold was given up starts ended; lapsed holds are ended by the sweep",
  async (db) => {
    await seedTestSchedule(db.sql);
    const [flight] = await db.sql`SELECT id FROM flights ORDER BY departure_at LIMIT 1`;
    const [user] = await db.sql`SELECT id FROM users LIMIT 1`;
    // The hold was replaced and that release projected before this booking's row was written.
    await db.sql`
      INSERT INTO inventory_holds (hold_id, flight_id, owner, cabin, seats, seat_count,
        unit_price, bucket, created_at, expires_at, status, updated_seq)
      VALUES ('gone', ${flight.id}, ${user.id}, 'Y', '{1A}', 1, 100, 'Q', now(),
        now() + interval '10 minutes', 'released', 2)`;
    const booking = (id: string, pnr: string, holdId: string, expiresAt: Date) =>
      insertHeldBooking(db.sql, {
        id,
        pnr,
        userId: user.id,
        segments: [{ flightId: flight.id, cabin: "Y", holdId, seats: ["1A"], unitPrice: 100 }],
        total: 100,
        currency: "USD",
        expiresAt,
        passengers: [{ firstName: "Ada", lastName: "Lovelace" }],
      });
    const late = crypto.randomUUID(), live = crypto.randomUUID(), lapsed = crypto.randomUUID();
    const soon = new Date(Date.now() + 600_000);
    assert.ok(await booking(late, "LATEA2", "gone", soon));
    assert.ok(await booking(live, "LAVEA2", "live", soon));
    assert.ok(await booking(lapsed, "LAPSA2", "old", new Date(Date.now() - 300_000)));
    assert.equal((await getBooking(db.sql, late))?.status, "cancelled");
    assert.equal((await getBooking(db.sql, late))?.segments[0].status, "released");
    assert.equal(await endLapsedHolds(db.sql, new Date()), 1);
    assert.equal((await getBooking(db.sql, lapsed))?.status, "expired");
    assert.equal((await getBooking(db.sql, live))?.status, "held");
  },
  { seededDays: 1 },
);
