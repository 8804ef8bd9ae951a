import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { handleQueueMessage } from "../../actors/queue.ts";
import { projectFlight } from "../../actors/projector.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, signUp } from "../support/http.ts";

testOnEachBackend(
  "waitlist: a full cabin's first waiting passenger gets the freed seats held",
  async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const [flight] = await db.sql`SELECT id FROM flights WHERE aircraft_type = 'E195' LIMIT 1`;
      // Business on an E195 has 9 seats: one party takes them all.
      const full = await t.deps.registry.send(flight.id, {
        type: "HoldSeats",
        holdId: "big",
        owner: "someone",
        cabin: "J",
        count: 9,
      });
      assert.ok(full.ok);
      const { user, headers: ada } = await signUp(t.app);
      const pax = [{ firstName: "Ada", lastName: "Lovelace" }, {
        firstName: "Charles",
        lastName: "Babbage",
      }];
      const join = (cabin: string) =>
        t.app.request(
          `/api/flights/${flight.id}/waitlist`,
          json("POST", { cabin, passengers: pax }, ada),
        );
      const joined = await join("J");
      assert.equal(joined.status, 201);
      assert.equal((await joined.json()).position, 1);
      assert.equal((await (await join("J")).json()).code, "already_waiting");
      assert.equal((await (await join("Y")).json()).code, "seats_available");

      const freed = await t.deps.registry.send(flight.id, {
        type: "ReleaseHold",
        holdId: "big",
        owner: "someone",
      });
      assert.ok(freed.ok);
      // The outbox message the release enqueued: project, then offer seats to the waitlist.
      await handleQueueMessage({
        kv: t.deps.kv,
        sql: db.sql,
        registry: t.deps.registry,
        log: t.deps.log,
      })({ kind: "project", flightId: flight.id, upTo: freed.seq });
      const [entry] = await db
        .sql`SELECT status, booking_id FROM waitlist WHERE user_id = ${user.id}`;
      assert.equal(entry.status, "offered");
      const booking =
        await (await t.app.request(`/api/bookings/${entry.booking_id}`, { headers: ada })).json();
      assert.equal(booking.status, "held");
      assert.equal(booking.seats.length, 2);
      assert.equal(booking.cabin, "J");
      assert.deepEqual(booking.passengers.map((p: { lastName: string }) => p.lastName), [
        "Lovelace",
        "Babbage",
      ]);
      const state = await t.deps.registry.read(flight.id);
      assert.equal(state.holds[booking.holdId].owner, user.id);
      assert.equal(
        state.holds[booking.holdId].expiresAt,
        Date.parse("2030-02-20T00:10:00Z"),
        "the normal hold time",
      );
      const [note] = await db.sql`SELECT kind, title FROM notifications WHERE user_id = ${user.id}`;
      assert.equal(note.kind, "waitlist_offer");
      const paid = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", {
          card: { number: "4242424242424242", expMonth: 1, expYear: 2031, cvc: "123", name: "Ada" },
        }, { ...ada, "Idempotency-Key": "w" }),
      );
      assert.equal(paid.status, 200);
    } finally {
      t.close();
    }
  },
);

testOnEachBackend(
  "waitlist: seats freed by a path that projects its own events (a cancellation) still reach the waitlist",
  async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const [flight] = await db.sql`SELECT id FROM flights WHERE aircraft_type = 'E195' LIMIT 1`;
      const full = await t.deps.registry.send(flight.id, {
        type: "HoldSeats",
        holdId: "big",
        owner: "someone",
        cabin: "J",
        count: 9,
      });
      assert.ok(full.ok);
      const { user, headers: ada } = await signUp(t.app);
      const joined = await t.app.request(
        `/api/flights/${flight.id}/waitlist`,
        json("POST", { cabin: "J", passengers: [{ firstName: "Ada", lastName: "Lovelace" }] }, ada),
      );
      assert.equal(joined.status, 201);
      const freed = await t.deps.registry.send(flight.id, {
        type: "ReleaseHold",
        holdId: "big",
        owner: "someone",
      });
      assert.ok(freed.ok);
      // As cancelBooking does: it projects right after its command, before the outbox message.
      assert.equal((await projectFlight(t.deps.kv, db.sql, flight.id)).freed, true);
      await handleQueueMessage({
        kv: t.deps.kv,
        sql: db.sql,
        registry: t.deps.registry,
        log: t.deps.log,
      })({ kind: "project", flightId: flight.id, upTo: freed.seq });
      const [entry] = await db.sql`SELECT status FROM waitlist WHERE user_id = ${user.id}`;
      assert.equal(entry.status, "offered");
    } finally {
      t.close();
    }
  },
);
