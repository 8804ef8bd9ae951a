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

/** What the recovery sweep needs, from the test app. */
function sweepDeps(t: TestApp, db: Database) {
  return {
    kv: t.deps.kv,
    sql: db.sql,
    registry: t.deps.registry,
    projector: t.deps.projector,
    gateway: t.deps.gateway,
    paymentTokenKey: t.deps.config.paymentTokenKey!,
  };
}

/** One run of the recovery sweep now, with its default grace. */
function sweep(t: TestApp, db: Database) {
  return recoverPayments({ ...sweepDeps(t, db), now: new Date(Date.now()) });
}

/** Pays for a booking through the API with the test Visa under `key`. */
function payWithKey(t: TestApp, headers: Record<string, string>, bookingId: string, key: string) {
  return t.app.request(
    `/api/bookings/${bookingId}/pay`,
    json("POST", { card: VISA }, { ...headers, "Idempotency-Key": key }),
  );
}

/** A test on each backend with a seeded app; `fn` gets the app and the database. */
function recoveryTest(name: string, fn: (t: TestApp, db: Database) => Promise<void>) {
  testOnEachBackend(name, async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      await fn(t, db);
    } finally {
      await t.close();
    }
  }, { seededDays: 1 });
}

/** Makes every payment look silent for five minutes (older than any grace). */
async function ageClaims(db: Database) {
  await db.sql`UPDATE payments SET updated_at = updated_at - interval '5 minutes'`;
}

/** The booking's payments as `kind:status`, sorted. */
async function paymentsOf(db: Database, bookingId: string) {
  const rows = await db.sql`SELECT kind, status FROM payments WHERE booking_id = ${bookingId}`;
  return rows.map((r) => `${r.kind}:${r.status}`).sort();
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
      const deps = sweepDeps(t, db);

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

recoveryTest(
  "payment recovery: a claim a crash left pending with nothing charged fails, and a new key pays",
  async (t, db) => {
    const ada = (await signUp(t.app)).headers;
    const booking = await holdOneSeat(t.app, ada, db);
    // What a process that died after claiming the key, before the gateway, leaves behind.
    const paymentId = await claimKey(db, booking, "k-dead");
    assert.equal((await t.deps.gateway.lookup(paymentId)).status, "none");
    assert.deepEqual(await sweep(t, db), [], "a fresh claim belongs to its request");
    const blocked = await payWithKey(t, ada, booking.id, "k-new");
    assert.equal(blocked.status, 409, "one active charge per booking");
    assert.equal((await blocked.json()).code, "payment_in_progress");

    await ageClaims(db);
    assert.deepEqual(await sweep(t, db), [{ paymentId, outcome: "failed" }]);
    assert.deepEqual(await paymentsOf(db, booking.id), ["charge:failed"]);
    const replay = await payWithKey(t, ada, booking.id, "k-dead");
    assert.equal(replay.status, 409);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    const interrupted = await replay.json();
    assert.equal(interrupted.code, "payment_interrupted");
    assert.equal(interrupted.refunded, false);
    assert.match(interrupted.detail, /nothing was charged/);

    const paid = await payWithKey(t, ada, booking.id, "k-new");
    assert.equal(paid.status, 200, await paid.clone().text());
    assert.equal((await paid.json()).booking.status, "confirmed");
    assert.deepEqual(await paymentsOf(db, booking.id), ["charge:failed", "charge:succeeded"]);
    await ageClaims(db);
    assert.deepEqual(await sweep(t, db), [], "nothing left to recover");
  },
);

recoveryTest(
  "payment recovery: a pending claim the gateway charged is confirmed, or refunded; one it declined gets its 402",
  async (t, db) => {
    // One live hold per account per flight: one passenger per booking.
    const ada = (await signUp(t.app)).headers;
    const bea = (await signUp(t.app, "bea@example.test")).headers;
    const cy = (await signUp(t.app, "cy@example.test")).headers;
    // What a process that died after the gateway answered, before recording it, leaves.
    const chargedThenDied = async (
      booking: { id: string; total: number },
      key: string,
      number = VISA.number,
    ) => {
      const id = await claimKey(db, booking, key);
      const charge = await t.deps.gateway.charge({
        amount: booking.total,
        currency: "USD",
        card: { ...VISA, number },
        idempotencyKey: id,
      });
      return { id, charge };
    };
    const alive = await holdOneSeat(t.app, ada, db);
    const a = await chargedThenDied(alive, "k-alive");
    const expired = await holdOneSeat(t.app, bea, db);
    const e = await chargedThenDied(expired, "k-expired");
    const declined = await holdOneSeat(t.app, cy, db);
    const d = await chargedThenDied(declined, "k-declined", "4000000000000002");
    assert.equal(a.charge.status, "approved");
    assert.equal(d.charge.status, "declined");
    // The second hold ends before the sweep; the others are still alive.
    const [{ hold_id }] = await db
      .sql`SELECT hold_id FROM booking_segments WHERE booking_id = ${expired.id}`;
    const hold = (await t.deps.registry.read(expired.flightId)).holds[hold_id];
    const released = await t.deps.registry.send(expired.flightId, {
      type: "ReleaseHold",
      holdId: hold.id,
      owner: hold.owner,
    });
    assert.ok(released.ok);

    await ageClaims(db);
    assert.deepEqual(
      (await sweep(t, db)).map((o) => `${o.paymentId}:${o.outcome}`).sort(),
      [`${a.id}:confirmed`, `${e.id}:refunded`, `${d.id}:declined`].sort(),
    );

    const booked = await (await t.app.request(`/api/bookings/${alive.id}`, { headers: ada }))
      .json();
    assert.equal(booked.status, "confirmed");
    assert.equal(booked.tickets.length, 1);
    const [row] = await db.sql`SELECT status, gateway_ref FROM payments WHERE id = ${a.id}`;
    assert.equal(row.status, "succeeded");
    assert.equal(row.gateway_ref, (a.charge as { reference: string }).reference);
    const replay = await payWithKey(t, ada, alive.id, "k-alive");
    assert.equal(replay.status, 200);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.equal((await replay.json()).booking.status, "confirmed");

    assert.deepEqual(await paymentsOf(db, expired.id), ["charge:refunded", "refund:succeeded"]);
    const replayRefund = await payWithKey(t, bea, expired.id, "k-expired");
    assert.equal(replayRefund.status, 409);
    assert.equal((await replayRefund.json()).refunded, true);

    const replayDecline = await payWithKey(t, cy, declined.id, "k-declined");
    assert.equal(replayDecline.status, 402);
    assert.equal((await replayDecline.json()).code, "card_declined");
    const another = await payWithKey(t, cy, declined.id, "k-another");
    assert.equal(another.status, 200, "a decline leaves the booking payable");

    await ageClaims(db);
    assert.deepEqual(await sweep(t, db), [], "nothing left to recover");
  },
);

recoveryTest(
  "payment recovery: an approval that comes after the sweep gave its claim up is refunded at once",
  async (t, db) => {
    const ada = (await signUp(t.app)).headers;
    const booking = await holdOneSeat(t.app, ada, db);
    // The gateway is so slow that the sweep finds the claim silent and nothing charged yet.
    const gateway = t.deps.gateway;
    const charge = gateway.charge.bind(gateway);
    const swept: string[] = [];
    gateway.charge = async (req) => {
      await ageClaims(db);
      swept.push(...(await sweep(t, db)).map((o) => o.outcome));
      return await charge(req);
    };
    const res = await payWithKey(t, ada, booking.id, "k-slow");
    gateway.charge = charge;
    assert.deepEqual(swept, ["failed"]);
    assert.equal(res.status, 409, await res.clone().text());
    const problem = await res.json();
    assert.equal(problem.code, "payment_interrupted");
    assert.equal(problem.refunded, true);
    assert.deepEqual(await paymentsOf(db, booking.id), ["charge:refunded", "refund:succeeded"]);
    const replay = await payWithKey(t, ada, booking.id, "k-slow");
    assert.equal((await replay.json()).refunded, true, "the key replays the refund");

    const again = await payWithKey(t, ada, booking.id, "k-again");
    assert.equal(again.status, 200, "the booking is still held and payable");
    assert.equal((await again.json()).booking.status, "confirmed");
  },
);
