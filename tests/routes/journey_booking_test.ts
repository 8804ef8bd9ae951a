/**
 * Journeys as one booking (issue 16): several flights held all or nothing, each seat decided by
 * its flight's actor, paid once, ticketed once with a coupon per flight, checked in through.
 */
import assert from "node:assert/strict";
import { type Backend, testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, PAX, signUp, TEST_PASSWORD, VISA } from "../support/http.ts";
import { decode } from "bcbp";
import type { Database } from "../../db/postgres.ts";
import { holdBooking } from "../../services/bookings/hold_booking.ts";
import { claimPayment, markCharged } from "../../db/payments_repo.ts";
import { recoverPayments } from "../../workers/payment_recovery.ts";
import { staffHeaders } from "../support/staff.ts";

const NOW = "2030-02-20T00:00:00Z"; // 9 days before the seeded flights
const DAY = "2030-03-01";

/**
 * Two inbound flights into one hub that both connect (60 min to 6 h) onto one shared onward
 * flight, all economy and in one currency: two journeys that share their second leg.
 */
async function sharedLeg(db: Database) {
  const [row] = await db.sql`
    SELECT a.id AS first, c.id AS other, b.id AS shared, a.origin, a.destination AS hub,
      b.destination
    FROM flights a
    JOIN flights b ON b.origin = a.destination AND b.destination <> a.origin
      AND b.departure_at BETWEEN a.arrival_at + interval '75 minutes'
        AND a.arrival_at + interval '3 hours'
    JOIN flights c ON c.destination = a.destination AND c.id <> a.id
      AND c.origin <> b.destination
      AND b.departure_at BETWEEN c.arrival_at + interval '75 minutes'
        AND c.arrival_at + interval '5 hours'
    WHERE a.departure_date = ${DAY}
      AND (a.base_fares ? 'Y') AND (b.base_fares ? 'Y') AND (c.base_fares ? 'Y')
    ORDER BY a.departure_at, b.departure_at, c.departure_at
    LIMIT 1`;
  assert.ok(row, "the demo schedule has two connections onto one flight");
  return row as {
    first: string;
    other: string;
    shared: string;
    origin: string;
    hub: string;
    destination: string;
  };
}

async function setup(db: Database) {
  const legs = await sharedLeg(db);
  const t = await testApp(db, NOW);
  const ada = (await signUp(t.app, "ada@example.test")).headers;
  const book = (body: object, headers: Record<string, string> = ada) =>
    t.app.request("/api/bookings", json("POST", { passengers: PAX, ...body }, headers));
  const pay = (id: string, key: string, headers = ada) =>
    t.app.request(
      `/api/bookings/${id}/pay`,
      json("POST", { card: VISA }, { ...headers, "Idempotency-Key": key }),
    );
  const journey = [
    { flightId: legs.first, cabin: "Y" },
    { flightId: legs.shared, cabin: "Y" },
  ];
  const holdsOn = async (flightId: string, owner?: string) =>
    Object.values((await t.deps.registry.read(flightId)).holds)
      .filter((h) => !owner || h.owner === owner);
  return { ...t, legs, ada, book, pay, journey, holdsOn };
}

function test(name: string, fn: (db: Database, backend: Backend) => Promise<void>) {
  testOnEachBackend(`journeys: ${name}`, fn, { seededDays: 1 });
}

test("a connection is one booking: segments in travel order, one expiry, one total", async (db) => {
  const s = await setup(db);
  try {
    const res = await s.book({ segments: s.journey });
    assert.equal(res.status, 201, await res.clone().text());
    const b = await res.json();
    assert.match(b.pnr, /^[A-HJ-NP-Z2-9]{6}$/);
    assert.equal(b.status, "held");
    assert.deepEqual(b.segments.map((g: { flightId: string }) => g.flightId), [
      s.legs.first,
      s.legs.shared,
    ]);
    for (const g of b.segments) {
      assert.equal(g.seats.length, 2);
      assert.equal(g.status, "held");
    }
    const perPax = b.segments.reduce((n: number, g: { unitPrice: number }) => n + g.unitPrice, 0);
    assert.equal(b.unitPrice, perPax);
    assert.equal(b.total, perPax * PAX.length);
    assert.ok(Date.parse(b.expiresAt) > Date.parse(NOW));
    // Each flight's actor holds its own segment's seats.
    for (const g of b.segments) {
      const holds = await s.holdsOn(g.flightId);
      assert.deepEqual(holds.map((h) => h.seats.sort()), [[...g.seats].sort()]);
    }
    // The booking reads back the same way, by id and by PNR.
    const read = await (await s.app.request(`/api/bookings/${b.id}`, { headers: s.ada })).json();
    assert.deepEqual(
      read.segments.map((g: { seats: string[] }) => g.seats),
      b.segments.map((
        g: { seats: string[] },
      ) => g.seats),
    );
    const found = await (await s.app.request(
      `/api/bookings/lookup?pnr=${b.pnr}&lastName=babbage`,
    )).json();
    assert.equal(found.segments.length, 2);
    assert.equal(found.segments[0].holdId, undefined, "the lookup shows no hold ids");
    // The single-flight body still books one segment.
    const one = await (await s.book({ flightId: s.legs.other, cabin: "Y" })).json();
    assert.equal(one.segments.length, 1);
    assert.equal(one.flightId, s.legs.other);
  } finally {
    await s.close();
  }
});

test("a body that breaks a connection rule is a 422 naming the rule, and holds nothing", async (db) => {
  const s = await setup(db);
  try {
    const cases: [object[], string][] = [
      [[s.journey[1], s.journey[0]], "segments_not_connected"],
      [[s.journey[0], s.journey[0]], "duplicate_flight"],
      [[s.journey[0], { flightId: s.legs.other, cabin: "Y" }], "segments_not_connected"],
    ];
    for (const [segments, code] of cases) {
      const res = await s.book({ segments });
      assert.equal(res.status, 422);
      assert.match(res.headers.get("content-type")!, /problem\+json/);
      const p = await res.json();
      assert.equal(p.code, code);
      assert.equal(typeof p.segment, "number");
    }
    // The hub's minimum connection above this connection: too short now.
    const put = await s.app.request(
      `/api/admin/airports/${s.legs.hub}`,
      json("PUT", { minConnectionMinutes: 240 }, (await staffHeaders(s, db, "admin")).headers),
    );
    assert.equal(put.status, 200, await put.text());
    const short = await s.book({ segments: s.journey });
    assert.equal(short.status, 422);
    assert.equal((await short.json()).code, "connection_too_short");
    // Bad shapes are 400s: both forms at once, neither, five segments, seats per segment.
    for (
      const body of [
        { segments: s.journey, flightId: s.legs.first, cabin: "Y" },
        { cabin: "Y" },
        { segments: Array(5).fill(s.journey[0]) },
        { segments: [{ ...s.journey[0], seats: ["1A"] }, s.journey[1]] },
      ]
    ) {
      assert.equal((await s.book(body)).status, 400, JSON.stringify(body));
    }
    for (const f of [s.legs.first, s.legs.shared, s.legs.other]) {
      assert.equal((await s.holdsOn(f)).length, 0);
    }
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM bookings`;
    assert.equal(n, 0);
  } finally {
    await s.close();
  }
});

test("a refused segment releases the holds already made and the 409 names it", async (db) => {
  const s = await setup(db);
  try {
    const bea = (await signUp(s.app, "bea@example.test")).headers;
    const held = await (await s.book({ segments: [s.journey[1]] }, bea)).json();
    const taken = held.segments[0].seats;
    const res = await s.book({
      segments: [s.journey[0], { ...s.journey[1], seats: taken }],
    });
    assert.equal(res.status, 409);
    const p = await res.json();
    assert.equal(p.code, "seat_taken");
    assert.equal(p.segment, 1);
    assert.equal(p.flightId, s.legs.shared);
    assert.match(p.detail, /^Segment 2 /);
    assert.equal((await s.holdsOn(s.legs.first)).length, 0, "leg 1's hold was given back");
    assert.equal((await s.holdsOn(s.legs.shared)).length, 1, "only the first booking's");
  } finally {
    await s.close();
  }
});

test("one payment confirms every segment; one e-ticket per passenger, a coupon per flight", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ segments: s.journey })).json();
    const res = await s.pay(b.id, "k1");
    assert.equal(res.status, 200, await res.clone().text());
    const paid = await res.json();
    assert.equal(paid.booking.status, "confirmed");
    assert.deepEqual(paid.booking.segments.map((g: { status: string }) => g.status), [
      "confirmed",
      "confirmed",
    ]);
    assert.equal(paid.tickets.length, PAX.length);
    for (const [i, t] of paid.tickets.entries()) {
      assert.match(t.number, /^914\d{10}$/);
      assert.equal(t.passenger, i);
      assert.deepEqual(t.coupons.map((c: { coupon: number }) => c.coupon), [1, 2]);
      assert.deepEqual(t.coupons.map((c: { flightId: string }) => c.flightId), [
        s.legs.first,
        s.legs.shared,
      ]);
      assert.deepEqual(t.coupons.map((c: { seat: string }) => c.seat), [
        b.segments[0].seats[i],
        b.segments[1].seats[i],
      ]);
      assert.ok(t.coupons.every((c: { status: string }) => c.status === "open"));
    }
    const charges = paid.booking.payments.filter((p: { kind: string }) => p.kind === "charge");
    assert.equal(charges.length, 1);
    assert.equal(charges[0].amount, b.total);
    // Both flights sold the seats; the same key replays, a new key is refused.
    for (const g of b.segments) {
      const inv = await s.deps.registry.read(g.flightId);
      assert.deepEqual([...inv.sales[b.id].seats].sort(), [...g.seats].sort());
    }
    const again = await s.pay(b.id, "k1");
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.equal((await s.pay(b.id, "k2")).status, 409);
  } finally {
    await s.close();
  }
});

test("a segment that cannot be confirmed leaves nothing ticketed and refunds at once", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ segments: s.journey })).json();
    // Leg 2's hold ends between the check and the confirmation: the operator closes sales
    // the moment the charge goes through.
    const gateway = s.deps.gateway;
    const charge = gateway.charge.bind(gateway);
    gateway.charge = async (req) => {
      const r = await charge(req);
      const hold = b.segments[1];
      await s.deps.registry.send(hold.flightId, {
        type: "ReleaseHold",
        holdId: hold.holdId,
        owner: b.userId,
      });
      return r;
    };
    const res = await s.pay(b.id, "k1");
    assert.equal(res.status, 409);
    const p = await res.json();
    assert.equal(p.code, "hold_not_found");
    assert.equal(p.refunded, true);
    assert.equal(p.segment, 1);
    await s.settle();
    const after = await (await s.app.request(`/api/bookings/${b.id}`, { headers: s.ada })).json();
    assert.notEqual(after.status, "confirmed");
    assert.deepEqual(after.tickets, []);
    assert.deepEqual(
      after.payments.map((x: { kind: string; status: string }) => [x.kind, x.status]),
      [["charge", "refunded"], ["refund", "succeeded"]],
    );
    // Leg 1 was confirmed, then cancelled again: no seat stays sold on either flight.
    for (const g of b.segments) {
      const inv = await s.deps.registry.read(g.flightId);
      assert.equal(inv.sales[b.id]?.count ?? 0, 0);
      assert.equal(Object.keys(inv.holds).length, 0);
    }
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM tickets`;
    assert.equal(n, 0);
  } finally {
    await s.close();
  }
});

testOnEachBackend(
  "journeys: two journeys racing for the last seat of a shared leg: one wins, the other's first leg is released",
  async (db, backend) => {
    const s = await setup(db);
    try {
      const u1 = { id: (await staffHeaders(s, db, "passenger")).userId };
      const u2 = { id: (await staffHeaders(s, db, "passenger")).userId };
      const free = (await s.deps.registry.inventory(s.legs.shared)).seatList
        .filter((x) => x.cabin === "Y").map((x) => x.id);
      // Every economy seat but one is blocked: one seat left on the shared leg.
      const last = free.pop()!;
      const blocked = await s.deps.registry.send(s.legs.shared, {
        type: "BlockSeats",
        seats: free,
        reason: "test",
      });
      assert.ok(blocked.ok);
      const deps = { ...s.deps, sql: db.sql };
      const pax = [PAX[0]];
      const rounds = backend === "postgres" ? 1000 : 200;
      for (let round = 0; round < rounds; round++) {
        const attempt = (userId: string, first: string) =>
          holdBooking(deps, {
            userId,
            segments: [{ flightId: first, cabin: "Y" }, { flightId: s.legs.shared, cabin: "Y" }],
            passengers: pax,
          }).then((b) => ({ ok: true as const, b }), (e) => ({ ok: false as const, e }));
        const [a, b] = await Promise.all([
          attempt(u1.id, s.legs.first),
          attempt(u2.id, s.legs.other),
        ]);
        assert.equal([a, b].filter((x) => x.ok).length, 1, `round ${round}: exactly one wins`);
        const winner = (a.ok ? a : b) as { b: { segments: { holdId: string; seats: string[] }[] } };
        assert.deepEqual(winner.b.segments[1].seats, [last]);
        // The loser holds nothing anywhere; the winner holds one seat on each leg.
        assert.equal((await s.holdsOn(a.ok ? s.legs.other : s.legs.first)).length, 0);
        assert.equal((await s.holdsOn(s.legs.shared)).length, 1);
        // Give the seat back for the next round.
        const owner = a.ok ? u1.id : u2.id;
        for (const [i, g] of winner.b.segments.entries()) {
          const flightId = i === 0 ? (a.ok ? s.legs.first : s.legs.other) : s.legs.shared;
          assert.ok(
            (await s.deps.registry.send(flightId, {
              type: "ReleaseHold",
              holdId: g.holdId,
              owner,
            })).ok,
          );
        }
      }
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

test("a process dying between two holds leaves no booking, and its hold lapses on time", async (db) => {
  const s = await setup(db);
  try {
    const registry = s.deps.registry;
    const send = registry.send.bind(registry);
    // The process dies while holding leg 2: that send and everything after it fail.
    let dead = false;
    registry.send = (flightId, cmd) => {
      if (dead || (cmd.type === "HoldSeats" && flightId === s.legs.shared)) {
        dead = true;
        return Promise.reject(new Error("process killed"));
      }
      return send(flightId, cmd);
    };
    const res = await s.book({ segments: s.journey });
    assert.equal(res.status, 500);
    registry.send = send;
    // Nothing is visible as held: no booking row was ever written.
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM bookings`;
    assert.equal(n, 0);
    const orphan = await s.holdsOn(s.legs.first);
    assert.equal(orphan.length, 1, "leg 1's hold outlived the process");
    // It lapses at its own expiry, like any hold, and the seats are free again.
    s.clock.set(new Date(orphan[0].expiresAt - 1));
    await registry.sweepExpiredHolds();
    assert.equal((await s.holdsOn(s.legs.first)).length, 1, "not before its time");
    s.clock.set(new Date(orphan[0].expiresAt));
    await registry.sweepExpiredHolds();
    assert.equal((await s.holdsOn(s.legs.first)).length, 0);
  } finally {
    await s.close();
  }
});

test("cancelling a paid journey gives back every flight's seats and refunds on the total", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ segments: s.journey })).json();
    assert.equal((await s.pay(b.id, "k1")).status, 200);
    const res = await s.app.request(
      `/api/bookings/${b.id}/cancel`,
      json("POST", undefined, s.ada),
    );
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json();
    // Nine days out the fare rule gives back part of the whole journey's price.
    assert.ok(out.refunded > 0 && out.refunded <= b.total, `${out.refunded} of ${b.total}`);
    assert.equal(out.booking.status, out.refunded > 0 ? "refunded" : "cancelled");
    for (const g of b.segments) {
      const inv = await s.deps.registry.read(g.flightId);
      assert.equal(inv.sales[b.id]?.count ?? 0, 0, "no seat stays sold");
    }
    for (const t of out.booking.tickets) {
      assert.deepEqual(t.coupons.map((c: { status: string }) => c.status), ["void", "void"]);
    }
  } finally {
    await s.close();
  }
});

test("a held journey cancelled before paying releases the hold on every flight", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ segments: s.journey })).json();
    const res = await s.app.request(
      `/api/bookings/${b.id}/cancel`,
      json("POST", undefined, s.ada),
    );
    assert.equal(res.status, 200);
    for (const f of [s.legs.first, s.legs.shared]) {
      assert.equal((await s.holdsOn(f)).length, 0);
    }
  } finally {
    await s.close();
  }
});

/** A new flight like `like` (same route and aircraft) leaving `shiftMin` minutes later. */
async function addFlight(
  s: Awaited<ReturnType<typeof setup>>,
  db: Database,
  like: string,
  shiftMin: number,
  route?: { destination: string; minutes: number },
) {
  const [f] = await db.sql`
    SELECT origin, destination, aircraft_type,
      to_char(departure_local + ${shiftMin} * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI') AS dep,
      to_char(arrival_local + ${shiftMin} * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI') AS arr,
      base_fares
    FROM flights WHERE id = ${like}`;
  const op = (await staffHeaders(s, db, "operator")).headers;
  const res = await s.app.request(
    "/api/admin/flights",
    json("POST", {
      flightNumber: String(9100 + shiftMin),
      origin: f.origin.trim(),
      destination: route?.destination ?? f.destination.trim(),
      departureLocal: f.dep,
      arrivalLocal: route
        ? (await db.sql`SELECT to_char(${f.dep}::timestamp + ${route.minutes} * interval '1 minute',
            'YYYY-MM-DD"T"HH24:MI') AS t`)[0].t
        : f.arr,
      aircraftType: f.aircraft_type.trim(),
      baseFares: f.base_fares,
    }, op),
  );
  const created = await res.json();
  assert.equal(res.status, 201, JSON.stringify(created));
  return { id: created.id as string, op };
}

async function cancelFlight(s: Awaited<ReturnType<typeof setup>>, id: string, op: object) {
  const res = await s.app.request(
    `/api/admin/flights/${id}/status`,
    json("POST", { type: "cancelled", reason: "Technical" }, op as Record<string, string>),
  );
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.reaccommodation as { rebooked: { bookingId: string; flightIds: string[] }[] };
}

test("a cancelled first leg is replaced by a flight that still makes the connection", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ segments: s.journey })).json();
    assert.equal((await s.pay(b.id, "k1")).status, 200);
    const extra = await addFlight(s, db, s.legs.first, 5);
    const r = await cancelFlight(s, s.legs.first, extra.op);
    const moved = r.rebooked.find((x) => x.bookingId === b.id);
    assert.ok(moved, "rebooked");
    const [shared] = await db.sql`SELECT departure_at FROM flights WHERE id = ${s.legs.shared}`;
    const [last] = await db.sql`
      SELECT arrival_at FROM flights WHERE id = ${moved.flightIds[moved.flightIds.length - 1]}`;
    assert.ok(
      last.arrival_at.getTime() <= shared.departure_at.getTime() - 60 * 60_000,
      "lands at least the minimum connection time before the onward flight",
    );
    await s.settle();
    const after = await (await s.app.request(`/api/bookings/${b.id}`, { headers: s.ada })).json();
    const status = new Map(
      after.segments.map((g: { flightId: string; status: string }) => [g.flightId, g.status]),
    );
    assert.equal(status.get(s.legs.first), "cancelled");
    assert.equal(status.get(s.legs.shared), "confirmed", "the connection is kept");
    for (const id of moved.flightIds) assert.equal(status.get(id), "confirmed");
    for (const t of after.tickets) {
      const coupons = new Map(
        t.coupons.map((c: { flightId: string; status: string }) => [c.flightId, c.status]),
      );
      assert.equal(coupons.get(s.legs.first), "exchanged");
      assert.equal(coupons.get(s.legs.shared), "open");
    }
  } finally {
    await s.close();
  }
});

test("when no flight makes the connection, the passenger goes to the final destination instead", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ segments: s.journey })).json();
    assert.equal((await s.pay(b.id, "k1")).status, 200);
    // Nothing can make the connection now (the hub needs 4 h), and one flight goes straight
    // to the journey's destination later that day.
    await db.sql`UPDATE airports SET min_connection_minutes = 240 WHERE iata = ${s.legs.hub}`;
    const [dest] = await db.sql`
      SELECT extract(epoch FROM (b.arrival_at - a.departure_at))::int / 60 AS minutes
      FROM flights a, flights b WHERE a.id = ${s.legs.first} AND b.id = ${s.legs.shared}`;
    const direct = await addFlight(s, db, s.legs.first, 30, {
      destination: s.legs.destination,
      minutes: Math.min(dest.minutes, 18 * 60),
    });
    const r = await cancelFlight(s, s.legs.first, direct.op);
    const moved = r.rebooked.find((x) => x.bookingId === b.id);
    assert.ok(moved, "rebooked");
    const [end] = await db.sql`
      SELECT destination FROM flights WHERE id = ${moved.flightIds[moved.flightIds.length - 1]}`;
    assert.equal(end.destination.trim(), s.legs.destination);
    assert.ok(!moved.flightIds.includes(s.legs.shared));
    await s.settle();
    const after = await (await s.app.request(`/api/bookings/${b.id}`, { headers: s.ada })).json();
    const status = new Map(
      after.segments.map((g: { flightId: string; status: string }) => [g.flightId, g.status]),
    );
    assert.equal(status.get(s.legs.first), "cancelled");
    assert.equal(status.get(s.legs.shared), "cancelled", "the missed connection is given up");
    const inv = await s.deps.registry.read(s.legs.shared);
    assert.equal(inv.sales[b.id]?.count ?? 0, 0, "its seats are back on sale");
    for (const t of after.tickets) {
      const coupons = new Map(
        t.coupons.map((c: { flightId: string; status: string }) => [c.flightId, c.status]),
      );
      assert.equal(coupons.get(s.legs.shared), "exchanged");
    }
  } finally {
    await s.close();
  }
});

test("a delay that breaks a connection tells the passenger which flight is at risk", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ segments: s.journey })).json();
    assert.equal((await s.pay(b.id, "k1")).status, 200);
    const [t] = await db.sql`
      SELECT a.departure_at AS dep,
        extract(epoch FROM (b.departure_at - a.arrival_at))::int / 60 AS gap
      FROM flights a, flights b WHERE a.id = ${s.legs.first} AND b.id = ${s.legs.shared}`;
    // Late by the whole connection less 20 minutes: 20 minutes left, 60 needed.
    const late = new Date(t.dep.getTime() + (t.gap - 20) * 60_000).toISOString();
    const op = (await staffHeaders(s, db, "operator")).headers;
    const res = await s.app.request(
      `/api/admin/flights/${s.legs.first}/status`,
      json("POST", { type: "delayed", estimatedDepartureAt: late, reason: "Late aircraft" }, op),
    );
    assert.equal(res.status, 200, await res.text());
    await s.settle();
    const feed = await (await s.app.request("/api/me/notifications", { headers: s.ada })).json();
    const delay = feed.data.find((n: { kind: string }) => n.kind === "flight_delayed");
    assert.ok(delay, "told of the delay");
    assert.deepEqual(delay.data.connectionAtRisk, { flightId: s.legs.shared, minutes: 20 });
    assert.match(delay.body, /connection CT \d+ to \w+ .* moving you to a later connection/);
  } finally {
    await s.close();
  }
});

test("check-in goes through the connection, with a pass per flight or one multi-leg BCBP others can read", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ segments: s.journey })).json();
    assert.equal((await s.pay(b.id, "k1")).status, 200);
    const [first] = await db.sql`SELECT departure_at FROM flights WHERE id = ${s.legs.first}`;
    // Two hours before the first flight: the connection leaves well within 24 hours.
    s.clock.set(new Date(first.departure_at.getTime() - 2 * 3600_000));
    const login = await s.app.request(
      "/api/auth/login",
      json("POST", { email: "ada@example.test", password: TEST_PASSWORD }),
    );
    const ada = (await login.json()).accessToken;
    const headers = { Authorization: `Bearer ${ada}` };
    const res = await s.app.request(
      `/api/bookings/${b.id}/check-in`,
      json("POST", undefined, headers),
    );
    assert.equal(res.status, 200, await res.clone().text());
    const done = await res.json();
    assert.deepEqual(done.flightIds, [s.legs.first, s.legs.shared], "through check-in");
    assert.equal(done.tickets.length, 4);
    assert.ok(done.tickets.every((t: { status: string }) => t.status === "checked_in"));
    const passes = await (await s.app.request(`/api/bookings/${b.id}/boarding-passes`, { headers }))
      .json();
    assert.equal(passes.passes.length, 4, "one per passenger per flight");
    assert.equal((passes.ics.match(/BEGIN:VEVENT/g) ?? []).length, 2, "one event per flight");
    const multi = await (await s.app.request(
      `/api/bookings/${b.id}/boarding-passes?multiLeg=true`,
      { headers },
    )).json();
    assert.equal(multi.passes.length, 2, "one per passenger");
    const [{ origin, hub, destination }] = [s.legs];
    for (const p of multi.passes) {
      assert.equal(p.bcbp.length, 23 + 37 * 2);
      // Read back by an independent BCBP decoder.
      const decoded = decode(p.bcbp);
      assert.equal(decoded.meta?.numberOfLegs, 2);
      assert.deepEqual(
        decoded.data?.legs?.map((l) => [l.departureAirport, l.arrivalAirport]),
        [[origin, hub], [hub, destination]],
      );
      assert.equal(decoded.data?.legs?.[0].operatingCarrierPNR, b.pnr);
      // Each leg carries what its printed pass shows, as the one-flight passes do.
      assert.deepEqual(p.flightIds, [s.legs.first, s.legs.shared]);
      for (const [i, leg] of p.legs.entries()) {
        const single = passes.passes.find((o: { ticket: string; flightId: string }) =>
          o.ticket === p.ticket && o.flightId === p.flightIds[i]
        );
        const {
          ticket: _t,
          passenger: _p,
          flightIds: _f,
          legs: _l,
          bcbp: _b,
          barcode: _c,
          ...facts
        } = single;
        assert.deepEqual(leg, facts, `leg ${i + 1} is that flight's pass`);
        assert.equal(leg.gate, null);
        assert.ok(leg.group >= 1 && leg.group <= 5);
        assert.match(leg.local.zone, /\S/);
      }
      assert.equal(p.flightId, s.legs.first, "the pass's own facts are its first flight's");
    }
  } finally {
    await s.close();
  }
});

test("a delay that breaks a connection moves the passenger at once, and operators see connections at risk", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ segments: s.journey })).json();
    assert.equal((await s.pay(b.id, "k1")).status, 200);
    const op = (await staffHeaders(s, db, "operator")).headers;
    const detail = async () =>
      (await (await s.app.request(`/api/admin/flights/${s.legs.first}`, { headers: op })).json())
        .connections;
    assert.deepEqual(await detail(), { connecting: 1, atRisk: 0 });
    // The hub needing four hours makes this connection one the arrival no longer makes.
    await db.sql`UPDATE airports SET min_connection_minutes = 240 WHERE iata = ${s.legs.hub}`;
    assert.deepEqual(await detail(), { connecting: 1, atRisk: 1 });
    await db.sql`UPDATE airports SET min_connection_minutes = NULL WHERE iata = ${s.legs.hub}`;

    // A later flight from the hub to the destination, then a delay that leaves 20 minutes.
    const later = await addFlight(s, db, s.legs.shared, 60);
    const [t] = await db.sql`
      SELECT a.departure_at AS dep,
        extract(epoch FROM (b.departure_at - a.arrival_at))::int / 60 AS gap
      FROM flights a, flights b WHERE a.id = ${s.legs.first} AND b.id = ${s.legs.shared}`;
    const late = new Date(t.dep.getTime() + (t.gap - 20) * 60_000).toISOString();
    const res = await s.app.request(
      `/api/admin/flights/${s.legs.first}/status`,
      json("POST", { type: "delayed", estimatedDepartureAt: late, reason: "Late aircraft" }, op),
    );
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    const moved = body.reaccommodation.rebooked.find((x: { bookingId: string }) =>
      x.bookingId === b.id
    );
    assert.ok(moved, "moved off the connection it can no longer make");
    assert.ok(!moved.flightIds.includes(s.legs.shared));
    await s.settle();
    const after = await (await s.app.request(`/api/bookings/${b.id}`, { headers: s.ada })).json();
    const status = new Map(
      after.segments.map((g: { flightId: string; status: string }) => [g.flightId, g.status]),
    );
    assert.equal(status.get(s.legs.first), "confirmed", "still on the delayed flight");
    assert.equal(status.get(s.legs.shared), "cancelled");
    for (const id of moved.flightIds) assert.equal(status.get(id), "confirmed");
    assert.ok(later.id);
    assert.deepEqual(await detail(), { connecting: 1, atRisk: 0 }, "protected");
  } finally {
    await s.close();
  }
});

test("a process dying between two segment confirmations: the sweep tickets all or refunds all", async (db) => {
  const s = await setup(db);
  try {
    const bea = (await signUp(s.app, "bea@example.test")).headers;
    // What a payment that died after the charge and after confirming only the first flight
    // leaves: a charged claim with no answer, one segment sold, one still held.
    const halfConfirmed = async (headers: Record<string, string>, key: string) => {
      const b = await (await s.book({ segments: s.journey }, headers)).json();
      const claim = await claimPayment(db.sql, {
        bookingId: b.id,
        key,
        amount: b.total,
        currency: b.currency,
        brand: "visa",
        last4: "4242",
      });
      assert.equal(claim.kind, "new");
      const paymentId = (claim as { paymentId: string }).paymentId;
      await markCharged(db.sql, paymentId, `ch_${key}`, "sealed-token");
      const first = await s.deps.registry.send(b.segments[0].flightId, {
        type: "ConfirmHold",
        holdId: b.segments[0].holdId,
        owner: b.userId,
        bookingId: b.id,
      });
      assert.ok(first.ok);
      await s.deps.projector.reach(b.segments[0].flightId, first.seq);
      return b;
    };
    const alive = await halfConfirmed(s.ada, "k-alive");
    // Half confirmed is not confirmed: nothing ticketed yet.
    const mid = await (await s.app.request(`/api/bookings/${alive.id}`, { headers: s.ada })).json();
    assert.equal(mid.status, "held");
    assert.deepEqual(mid.tickets, []);
    const lapsed = await halfConfirmed(bea, "k-lapsed");
    // The second's other hold ends before the sweep comes.
    assert.ok(
      (await s.deps.registry.send(lapsed.segments[1].flightId, {
        type: "ReleaseHold",
        holdId: lapsed.segments[1].holdId,
        owner: lapsed.userId,
      })).ok,
    );
    const outcomes = await recoverPayments({
      kv: s.deps.kv,
      sql: db.sql,
      registry: s.deps.registry,
      projector: s.deps.projector,
      gateway: s.deps.gateway,
      paymentTokenKey: s.deps.config.paymentTokenKey!,
      now: new Date(Date.now() + 3600_000),
    });
    assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ["confirmed", "refunded"]);
    const done = await (await s.app.request(`/api/bookings/${alive.id}`, { headers: s.ada }))
      .json();
    assert.equal(done.status, "confirmed");
    assert.equal(done.tickets.length, PAX.length);
    assert.ok(done.tickets.every((t: { coupons: unknown[] }) => t.coupons.length === 2));
    const gone = await (await s.app.request(`/api/bookings/${lapsed.id}`, { headers: bea }))
      .json();
    assert.notEqual(gone.status, "confirmed");
    assert.deepEqual(gone.tickets, [], "no ticket without its charge");
    assert.deepEqual(
      gone.payments.map((p: { kind: string; status: string }) => `${p.kind}:${p.status}`).sort(),
      ["charge:refunded", "refund:succeeded"],
    );
    for (const g of lapsed.segments) {
      const inv = await s.deps.registry.read(g.flightId);
      assert.equal(inv.sales[lapsed.id]?.count ?? 0, 0, "no seat stays sold");
    }
  } finally {
    await s.close();
  }
});
