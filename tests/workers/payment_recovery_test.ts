import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { claimPayment, markCharged, takeOverStaleClaim } from "../../db/payments_repo.ts";
import type { Database } from "../../db/postgres.ts";
import { recoverPayments } from "../../workers/payment_recovery.ts";
import { testOnEachBackend } from "../support/db.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { json, signUp } from "../support/http.ts";

const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" };

/** Claims `key` for the booking as a payment request does before the gateway; the claim's id. */
async function claimKey(db: Database, booking: { id: string; total: number }, key: string) {
  const claim = await claimPayment(db.sql, {
    bookingId: booking.id,
    key,
    amount: booking.total,
    currency: "USD",
    brand: "visa",
    last4: "4242",
  });
  assert.equal(claim.kind, "new");
  return (claim as { paymentId: string }).paymentId;
}

/** Holds one economy seat on an A320neo flight through the API; the booking's JSON. */
async function holdOneSeat(app: TestApp["app"], headers: Record<string, string>, db: Database) {
  const [flight] = await db.sql`SELECT id FROM flights WHERE aircraft_type = 'A20N' LIMIT 1`;
  const res = await app.request(
    "/api/bookings",
    json("POST", {
      flightId: flight.id,
      cabin: "Y",
      passengers: [{ firstName: "Ada", lastName: "Lovelace" }],
    }, headers),
  );
  return { flightId: flight.id as string, ...await res.json() };
}

testOnEachBackend(
  "payment recovery: a charge a crash left unconfirmed is confirmed, or refunded",
  async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const ada = (await signUp(t.app)).headers;
      // One live hold per account per flight: the second booking is Bea's.
      const bea = (await signUp(t.app, "bea@example.test")).headers;
      const book = (headers = ada) => holdOneSeat(t.app, headers, db);
      // What a process that died right after the gateway approved would leave behind.
      const halfPaid = async (booking: { id: string; total: number }, key: string) => {
        const id = await claimKey(db, booking, key);
        await markCharged(db.sql, id, `ch_${key}`, "sealed-token");
        return id;
      };
      const alive = await book();
      await halfPaid(alive, "k-alive");
      const expired = await book(bea);
      await halfPaid(expired, "k-expired");
      const deps = {
        kv: t.deps.kv,
        sql: db.sql,
        registry: t.deps.registry,
        projector: t.deps.projector,
        gateway: t.deps.gateway,
      };

      assert.deepEqual(
        await recoverPayments({ ...deps, now: new Date(Date.now()), graceMs: 3600_000 }),
        [],
        "fresh charges are left to their request",
      );
      // The second hold ends before the sweep (released here); the first is still alive.
      await db.sql`UPDATE payments SET updated_at = updated_at - interval '5 minutes'`;
      const expiringHold = (await t.deps.registry.read(expired.flightId))
        .holds[
          (await db.sql`SELECT hold_id FROM booking_segments WHERE booking_id = ${expired.id}`)[0]
            .hold_id
        ];
      assert.ok(
        (await t.deps.registry.send(expired.flightId, {
          type: "ReleaseHold",
          holdId: expiringHold.id,
          owner: expiringHold.owner,
        })).ok,
      );
      const outcomes = await recoverPayments({ ...deps, now: new Date(Date.now()) });
      assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ["confirmed", "refunded"]);

      const a = await (await t.app.request(`/api/bookings/${alive.id}`, { headers: ada })).json();
      assert.equal(a.status, "confirmed");
      assert.equal(a.tickets.length, 1);
      const replay = await t.app.request(
        `/api/bookings/${alive.id}/pay`,
        json("POST", { card: VISA }, { ...ada, "Idempotency-Key": "k-alive" }),
      );
      assert.equal(replay.status, 200);
      assert.equal(replay.headers.get("idempotent-replayed"), "true");

      const e = await (await t.app.request(`/api/bookings/${expired.id}`, { headers: bea })).json();
      assert.equal(e.status, "cancelled");
      assert.deepEqual(
        e.payments.map((p: { kind: string; status: string }) => `${p.kind}:${p.status}`).sort(),
        ["charge:refunded", "refund:succeeded"],
      );
      const replayRefund = await t.app.request(
        `/api/bookings/${expired.id}/pay`,
        json("POST", { card: VISA }, { ...bea, "Idempotency-Key": "k-expired" }),
      );
      assert.equal(replayRefund.status, 409);
      assert.equal((await replayRefund.json()).refunded, true);
      assert.deepEqual(
        await recoverPayments({ ...deps, now: new Date(Date.now()) }),
        [],
        "nothing left to recover",
      );
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "payment retry: the same Idempotency-Key takes over a charge a crash left claimed, uncharged",
  async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const ada = (await signUp(t.app)).headers;
      const booking = await holdOneSeat(t.app, ada, db);
      // What a process that died after claiming the key, before the gateway, leaves behind.
      await claimKey(db, booking, "k-crash");
      assert.equal(
        await takeOverStaleClaim(db.sql, "k-crash", booking.id, 10),
        undefined,
        "a fresh claim belongs to its request",
      );
      await db.sql`UPDATE payments SET updated_at = updated_at - interval '1 minute'`;

      const retry = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", { card: VISA }, { ...ada, "Idempotency-Key": "k-crash" }),
      );
      assert.equal(retry.status, 200, await retry.clone().text());
      const paid = await retry.json();
      assert.equal(paid.booking.status, "confirmed");
      assert.equal(paid.tickets.length, 1);
      assert.deepEqual(
        paid.booking.payments.map((p: { kind: string; status: string }) => `${p.kind}:${p.status}`),
        ["charge:succeeded"],
        "the claim was taken over, not duplicated",
      );
      const replay = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", { card: VISA }, { ...ada, "Idempotency-Key": "k-crash" }),
      );
      assert.equal(replay.status, 200);
      assert.equal(replay.headers.get("idempotent-replayed"), "true");
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
