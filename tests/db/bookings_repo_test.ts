import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { getBooking, insertHeldBooking, type NewHeldBooking } from "../../db/bookings_repo.ts";

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
