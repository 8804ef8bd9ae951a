import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { insertHeldBooking } from "../../db/bookings_repo.ts";
import { seedTestSchedule } from "../support/seed.ts";
import {
  cancelOpenWaitlist,
  claimNextWaitlistEntry,
  markWaitlistOffered,
  requeueWaitlistEntry,
} from "../../db/waitlist_repo.ts";

testOnEachBackend(
  "waitlist: entries are claimed oldest first, once each, and a requeued one keeps its place",
  async (db) => {
    await seedTestSchedule(db.sql);
    const [flight] = await db.sql`SELECT id FROM flights ORDER BY departure_at LIMIT 1`;
    const users = await db.sql`SELECT id FROM users ORDER BY email LIMIT 3`;
    assert.equal(users.length, 3);
    const passengers = [{ firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1990-01-01" }];
    const ids: string[] = [];
    for (const [i, u] of users.entries()) {
      const [row] = await db.sql`
        INSERT INTO waitlist (flight_id, cabin, user_id, passengers, seat_count, created_at)
        VALUES (${flight.id}, 'Y', ${u.id}, ${db.sql.json(passengers)}, 1,
          ${new Date(Date.UTC(2030, 0, 1, 0, i))})
        RETURNING id`;
      ids.push(row.id);
    }
    // Two at once never get the same entry.
    const [a, b] = await Promise.all([
      claimNextWaitlistEntry(db.sql, flight.id),
      claimNextWaitlistEntry(db.sql, flight.id),
    ]);
    assert.deepEqual(new Set([a!.id, b!.id]), new Set(ids.slice(0, 2)));
    const first = a!.id === ids[0] ? a! : b!;
    assert.deepEqual(first, {
      id: ids[0],
      cabin: "Y",
      userId: users[0].id,
      passengers,
      seatCount: 1,
    });
    await requeueWaitlistEntry(db.sql, ids[0]);
    assert.equal((await claimNextWaitlistEntry(db.sql, flight.id))?.id, ids[0]);
    const bookingId = crypto.randomUUID();
    assert.ok(
      await insertHeldBooking(db.sql, {
        id: bookingId,
        pnr: "WQXYZ2",
        userId: users[1].id,
        segments: [{
          flightId: flight.id,
          cabin: "Y",
          holdId: "hold-waitlist",
          seats: ["30A"],
          unitPrice: 10_000,
        }],
        total: 10_000,
        currency: "USD",
        expiresAt: new Date("2030-03-01T07:00:00Z"),
        passengers,
      }),
    );
    await markWaitlistOffered(db.sql, ids[1], bookingId);
    // An offered entry is left alone: its held booking is released like any other hold.
    await cancelOpenWaitlist(db.sql, flight.id);
    const rows = await db.sql`SELECT status, booking_id FROM waitlist ORDER BY created_at`;
    assert.deepEqual(rows.map((r) => [r.status, r.booking_id]), [
      ["cancelled", null],
      ["offered", bookingId],
      ["cancelled", null],
    ]);
    assert.equal(await claimNextWaitlistEntry(db.sql, flight.id), undefined);
  },
);
