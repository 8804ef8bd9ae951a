import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { handleQueueMessage } from "../../actors/queue.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, signUp } from "../support/http.ts";
import type { Database } from "../../db/postgres.ts";

/**
 * An E195 whose business cabin (9 seats) one party holds in full, a signed-up passenger,
 * and the two steps that free the cabin: the release, and its outbox message.
 */
async function fullCabin(db: Database) {
  await seedTestSchedule(db.sql);
  const t = await testApp(db, "2030-02-20T00:00:00Z");
  const [flight] = await db.sql`SELECT id FROM flights WHERE aircraft_type = 'E195' LIMIT 1`;
  const flightId: string = flight.id;
  const full = await t.deps.registry.send(flightId, {
    type: "HoldSeats",
    holdId: "big",
    owner: "someone",
    cabin: "J",
    count: 9,
  });
  assert.ok(full.ok);
  const { user, headers } = await signUp(t.app);
  const release = async () => {
    const freed = await t.deps.registry.send(flightId, {
      type: "ReleaseHold",
      holdId: "big",
      owner: "someone",
    });
    assert.ok(freed.ok);
    return freed.seq;
  };
  const outboxMessage = async (upTo: number) => {
    await handleQueueMessage({
      registry: t.deps.registry,
      projector: t.deps.projector,
      log: t.deps.log,
    })({ kind: "project", flightId, upTo });
    await t.settle();
  };
  return { t, flightId, user, headers, release, outboxMessage };
}

testOnEachBackend(
  "waitlist: a full cabin's first waiting passenger gets the freed seats held",
  async (db) => {
    const { t, flightId, user, headers: ada, release, outboxMessage } = await fullCabin(db);
    try {
      const pax = [{ firstName: "Ada", lastName: "Lovelace" }, {
        firstName: "Charles",
        lastName: "Babbage",
      }];
      const join = (cabin: string) =>
        t.app.request(
          `/api/flights/${flightId}/waitlist`,
          json("POST", { cabin, passengers: pax }, ada),
        );
      const joined = await join("J");
      assert.equal(joined.status, 201);
      assert.equal((await joined.json()).position, 1);
      assert.equal((await (await join("J")).json()).code, "already_waiting");
      assert.equal((await (await join("Y")).json()).code, "seats_available");

      const upTo = await release();
      // The outbox message the release enqueued: project, then offer seats to the waitlist.
      await outboxMessage(upTo);
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
      const state = await t.deps.registry.read(flightId);
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
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "waitlist: seats freed by a path that waits for its own projection (a cancellation) still reach the waitlist",
  async (db) => {
    const { t, flightId, user, headers: ada, release, outboxMessage } = await fullCabin(db);
    try {
      const joined = await t.app.request(
        `/api/flights/${flightId}/waitlist`,
        json("POST", { cabin: "J", passengers: [{ firstName: "Ada", lastName: "Lovelace" }] }, ada),
      );
      assert.equal(joined.status, 201);
      const upTo = await release();
      // As cancelBooking does: it waits for the projection of its command, before the outbox
      // message arrives (which then finds nothing to apply).
      await t.deps.projector.reach(flightId, upTo);
      await outboxMessage(upTo);
      const [entry] = await db.sql`SELECT status FROM waitlist WHERE user_id = ${user.id}`;
      assert.equal(entry.status, "offered");
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
