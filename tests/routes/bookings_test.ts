import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { open } from "../../adapters/secret_box.ts";
import { type Backend, testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, PAX, signUp, VISA } from "../support/http.ts";
import type { Database } from "../../db/postgres.ts";

const NOW = "2030-02-20T00:00:00Z"; // 9 days before the seeded flights

async function setup(db: Database) {
  await seedTestSchedule(db.sql);
  const t = await testApp(db, NOW);
  const signup = async (email: string) => (await signUp(t.app, email)).headers;
  const [flight] = await db
    .sql`SELECT id FROM flights WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
  const ada = await signup("ada@example.test");
  const book = (body: object, headers: Record<string, string> = ada) =>
    t.app.request(
      "/api/bookings",
      json("POST", { flightId: flight.id, cabin: "Y", passengers: PAX, ...body }, headers),
    );
  const pay = (id: string, key: string, card: object = VISA, headers = ada) =>
    t.app.request(
      `/api/bookings/${id}/pay`,
      json("POST", { card }, { ...headers, "Idempotency-Key": key }),
    );
  return { ...t, flightId: flight.id as string, ada, signup, book, pay };
}

function test(name: string, fn: (db: Database, backend: Backend) => Promise<void>) {
  testOnEachBackend(`bookings: ${name}`, fn, { seededDays: 1 });
}

test("a booking holds seats through the actor and shows on the live seat map", async (db) => {
  const s = await setup(db);
  try {
    const res = await s.book({});
    assert.equal(res.status, 201);
    const b = await res.json();
    assert.match(b.pnr, /^[A-HJ-NP-Z2-9]{6}$/);
    assert.equal(b.status, "held");
    assert.equal(b.seats.length, 2);
    assert.equal(b.total, b.unitPrice * 2);
    assert.equal(b.expiresAt, new Date(Date.parse(NOW) + 600_000).toISOString());
    const map = await (await s.app.request(`/api/flights/${s.flightId}/seats`)).json();
    const seats = map.cabins.flatMap((c: { rows: { seats: { id: string; status: string }[] }[] }) =>
      c.rows.flatMap((r) => r.seats)
    );
    for (const id of b.seats) {
      assert.equal(seats.find((x: { id: string }) => x.id === id).status, "held");
    }
    const mine = await (await s.app.request("/api/bookings", { headers: s.ada })).json();
    assert.deepEqual(mine.data.map((x: { id: string }) => x.id), [b.id]);
  } finally {
    await s.close();
  }
});

test("bad input, taken seats and exit rows are refused with problems and change nothing", async (db) => {
  const s = await setup(db);
  try {
    const cases: [object, number, string][] = [
      [{ passengers: [] }, 400, "invalid_input"],
      [{ seats: ["5A"] }, 400, "invalid_input"],
      [{ flightId: "nope" }, 400, "invalid_input"],
      [{ cabin: "Z" }, 400, "invalid_input"],
      [{ flightId: crypto.randomUUID() }, 404, "not_found"],
      [{ cabin: "F" }, 422, "unknown_cabin"],
      [
        { seats: ["11A", "11B"], passengers: PAX.map(({ dateOfBirth: _, ...p }) => p) },
        422,
        "exit_row_not_eligible",
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await s.book(body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal((await res.json()).code, code);
    }
    assert.equal(
      (await s.book({ seats: ["11A", "11B"] })).status,
      201,
      "adults may sit in the exit row",
    );
    // Someone else asks for a seat that is held (the holder asking again would replace it).
    const taken = await s.book({ seats: ["11A", "12A"] }, await s.signup("bea@example.test"));
    assert.equal(taken.status, 409);
    assert.deepEqual((await taken.json()).errors, [{ path: "seats", message: "11A" }]);
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM bookings`;
    assert.equal(n, 1);
    assert.equal(
      (await s.app.request("/api/bookings", json("POST", {}))).status,
      401,
      "guests cannot book",
    );
  } finally {
    await s.close();
  }
});

test("an Idempotency-Key makes a retried booking return the first one", async (db) => {
  const s = await setup(db);
  try {
    const headers = { ...s.ada, "Idempotency-Key": "book-1" };
    const [a, b] = await Promise.all([s.book({}, headers), s.book({}, headers)]);
    const [x, y] = [await a.json(), await b.json()];
    assert.equal(x.id, y.id);
    assert.equal([a.status, b.status].sort().join(), "201,201");
    const reused = await s.book({ cabin: "J" }, headers);
    assert.equal(reused.status, 422);
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM bookings`;
    assert.equal(n, 1);
  } finally {
    await s.close();
  }
});

test("paying confirms, issues one e-ticket per passenger and stores only an encrypted token", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({})).json();
    const res = await s.pay(b.id, "pay-1");
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.booking.status, "confirmed");
    assert.equal(body.tickets.length, 2);
    for (const t of body.tickets) assert.match(t.number, /^914\d{10}$/);
    assert.deepEqual(body.tickets.map((t: { seat: string }) => t.seat).sort(), [...b.seats].sort());
    assert.equal(body.payment.cardLast4, "4242");
    assert.equal(body.payment.status, "succeeded");
    const [row] = await db.sql`SELECT card_token FROM payments WHERE id = ${body.payment.id}`;
    assert.doesNotMatch(row.card_token, /4242424242424242/);
    assert.match(await open(row.card_token, s.deps.config.paymentTokenKey!), /^tok_/);
    const replay = await s.pay(b.id, "pay-1");
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(await replay.json(), body);
    const again = await s.pay(b.id, "pay-2");
    assert.equal(again.status, 409);
    assert.equal((await again.json()).code, "already_paid");
  } finally {
    await s.close();
  }
});

test("concurrent payments with one key charge exactly once", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({})).json();
    const results = await Promise.all(Array.from({ length: 6 }, () => s.pay(b.id, "same-key")));
    assert.deepEqual(results.map((r) => r.status), Array(6).fill(200));
    const bodies = await Promise.all(results.map((r) => r.json()));
    assert.ok(bodies.every((x) => x.payment.id === bodies[0].payment.id));
    const [{ n }] = await db
      .sql`SELECT count(*)::int AS n FROM payments WHERE kind = 'charge' AND status = 'succeeded'`;
    assert.equal(n, 1);
  } finally {
    await s.close();
  }
});

test("declines are 402 and keep the hold; processing errors are 503 and retryable", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({})).json();
    const declined = await s.pay(b.id, "d1", { ...VISA, number: "4000000000000002" });
    assert.equal(declined.status, 402);
    assert.equal((await declined.json()).code, "card_declined");
    const poor = await s.pay(b.id, "d2", { ...VISA, number: "4000000000009995" });
    assert.equal((await poor.json()).code, "insufficient_funds");
    const flaky = await s.pay(b.id, "d3", { ...VISA, number: "4000000000000119" });
    assert.equal(flaky.status, 503);
    assert.ok(flaky.headers.get("retry-after"));
    const luhn = await s.pay(b.id, "d4", { ...VISA, number: "4242424242424241" });
    assert.equal(luhn.status, 422);
    const held = await (await s.app.request(`/api/bookings/${b.id}`, { headers: s.ada })).json();
    assert.equal(held.status, "held");
    assert.equal((await s.pay(b.id, "d5")).status, 200, "the hold survived the declines");
    const [{ n }] = await db
      .sql`SELECT count(*)::int AS n FROM payments WHERE status = 'succeeded'`;
    assert.equal(n, 1);
  } finally {
    await s.close();
  }
});

test("paying after the hold expired is a 409 and charges nothing; keys stay per booking", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({})).json();
    const other = await (await s.book({ cabin: "J" })).json();
    assert.ok((await s.pay(other.id, "k-other")).ok);
    const conflict = await s.pay(b.id, "k-other");
    assert.equal(conflict.status, 409);
    assert.equal((await conflict.json()).code, "idempotency_key_conflict");
    s.clock.advance(600_000);
    const late = await s.pay(b.id, "k-late");
    assert.equal(late.status, 409);
    assert.equal((await late.json()).code, "hold_expired");
    const [{ n }] = await db
      .sql`SELECT count(*)::int AS n FROM payments WHERE booking_id = ${b.id} AND status = 'succeeded'`;
    assert.equal(n, 0);
  } finally {
    await s.close();
  }
});

test("cancelling frees seats live; a confirmed booking is refunded by the fare rule", async (db) => {
  const s = await setup(db);
  try {
    const held = await (await s.book({})).json();
    const c1 = await s.app.request(
      `/api/bookings/${held.id}/cancel`,
      json("POST", undefined, s.ada),
    );
    assert.equal(c1.status, 200);
    assert.equal((await c1.json()).booking.status, "cancelled");
    const paid = await (await s.book({})).json();
    assert.equal((await s.pay(paid.id, "p")).status, 200);
    const c2 = await s.app.request(
      `/api/bookings/${paid.id}/cancel`,
      json("POST", undefined, s.ada),
    );
    const body = await c2.json();
    assert.equal(body.refunded, Math.round(paid.total * 0.9), "9 days out: 90%");
    assert.equal(body.booking.status, "refunded");
    assert.ok(body.booking.tickets.every((t: { status: string }) => t.status === "void"));
    assert.ok(
      body.booking.payments.some((p: { kind: string; amount: number }) =>
        p.kind === "refund" && p.amount === body.refunded
      ),
    );
    const twice = await s.app.request(
      `/api/bookings/${paid.id}/cancel`,
      json("POST", undefined, s.ada),
    );
    assert.equal(twice.status, 409);
    const seats = await (await s.app.request(`/api/flights/${s.flightId}`)).json();
    assert.equal(seats.cabins.find((c: { code: string }) => c.code === "Y").seatsLeft, 154);
  } finally {
    await s.close();
  }
});

test("seats change while held; guests find a trip by PNR and surname; others see 404", async (db) => {
  const s = await setup(db);
  try {
    const b = await (await s.book({ seats: ["20A", "20B"] })).json();
    const moved = await s.app.request(
      `/api/bookings/${b.id}/seats`,
      json("PATCH", { seats: ["21E", "21F"] }, s.ada),
    );
    assert.deepEqual((await moved.json()).seats, ["21E", "21F"]);
    const lookup = await s.app.request(
      `/api/bookings/lookup?pnr=${b.pnr.toLowerCase()}&lastName=babbage`,
    );
    assert.equal(lookup.status, 200);
    const trip = await lookup.json();
    assert.equal(trip.payments, undefined);
    assert.equal(trip.passengers[0].dateOfBirth, undefined);
    assert.equal(
      (await s.app.request(`/api/bookings/lookup?pnr=${b.pnr}&lastName=Smith`)).status,
      404,
    );
    const eve = await s.signup("eve@example.test");
    assert.equal((await s.app.request(`/api/bookings/${b.id}`, { headers: eve })).status, 404);
    assert.equal((await s.pay(b.id, "eve", VISA, eve)).status, 404);
    assert.equal((await s.pay(b.id, "ok")).status, 200);
    const late = await s.app.request(
      `/api/bookings/${b.id}/seats`,
      json("PATCH", { seats: ["22A", "22B"] }, s.ada),
    );
    assert.equal(late.status, 409);
  } finally {
    await s.close();
  }
});
