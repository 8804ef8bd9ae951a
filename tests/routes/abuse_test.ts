/**
 * Abuse resistance (issue 17): what one account, one token or one address can do to other
 * passengers and to the airline, each with a test that failed before the fix.
 */
import assert from "node:assert/strict";
import { type Backend, testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, signUp, TEST_PASSWORD, VISA } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { SignJWT } from "jose";
import type { Database } from "../../db/postgres.ts";
import { MAX_LIVE_HOLDS_PER_ACCOUNT } from "../../services/bookings/hold_booking.ts";
import { RATE_LIMITS } from "../../routes/middleware/limits.ts";
import { REFRESH_GRACE_MS } from "../../services/accounts/sessions.ts";
import { LOGIN_FREE_FAILURES, LOGIN_MAX_WAIT_MS } from "../../services/accounts/login_throttle.ts";

const NOW = "2030-02-20T00:00:00Z";

async function setup(db: Database) {
  const t = await testApp(db, NOW);
  const flights = (await db.sql`
    SELECT id FROM flights WHERE aircraft_type = 'A20N' AND departure_date = '2030-03-01'
    ORDER BY departure_at, flight_number LIMIT 5`).map((r) => r.id as string);
  const party = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ firstName: "Hoarder", lastName: `P${"ABCDEFGHJ"[i]}` }));
  const book = (headers: Record<string, string>, flightId: string, n = 9, cabin = "Y") =>
    t.app.request(
      "/api/bookings",
      json("POST", { flightId, cabin, passengers: party(n) }, headers),
    );
  const economy = async (flightId: string) =>
    (await (await t.app.request(`/api/flights/${flightId}`)).json()).cabins
      .find((c: { code: string }) => c.code === "Y") as { price: number; seatsLeft: number };
  return { ...t, flights, book, economy };
}

function test(name: string, fn: (db: Database, backend: Backend) => Promise<void>) {
  testOnEachBackend(`abuse: ${name}`, fn, { seededDays: 1 });
}

test("one account cannot hoard a flight: one live hold of at most 9 seats, and holds never move the fare", async (db) => {
  const s = await setup(db);
  try {
    const flight = s.flights[0];
    const before = await s.economy(flight);
    const hoarder = (await signUp(s.app, "hoarder@example.test")).headers;
    // 25 requests of 9 seats, in under a second, as in the review.
    for (let i = 0; i < 25; i++) {
      const res = await s.book(hoarder, flight);
      assert.equal(res.status, 201, await res.clone().text());
    }
    const head = await s.deps.registry.read(flight);
    await s.deps.projector.reach(flight, head.seq);
    const holds = Object.values(head.holds);
    assert.equal(holds.length, 1, "each new hold replaced the last");
    assert.equal(holds[0].count, 9);
    const [{ held }] = await db.sql`
      SELECT count(*)::int AS held FROM bookings WHERE status = 'held'`;
    assert.equal(held, 1, "no orphan held bookings");
    const after = await s.economy(flight);
    assert.equal(after.price, before.price, "the fare did not move");
    assert.equal(after.seatsLeft, before.seatsLeft - 9);
    // Everybody else can still book.
    const other = (await signUp(s.app, "other@example.test")).headers;
    assert.equal((await s.book(other, flight, 2)).status, 201);
    // Ten seats in one booking are refused at the door.
    assert.equal((await s.book(other, flight, 10)).status, 400);
  } finally {
    await s.close();
  }
});

test("one account holds at most a few unpaid bookings across flights; a paid or cancelled one frees a slot", async (db) => {
  const s = await setup(db);
  try {
    const hoarder = (await signUp(s.app, "hoarder@example.test")).headers;
    const ids: string[] = [];
    for (let i = 0; i < MAX_LIVE_HOLDS_PER_ACCOUNT; i++) {
      const res = await s.book(hoarder, s.flights[i], 1);
      assert.equal(res.status, 201);
      ids.push((await res.json()).id);
    }
    const over = await s.book(hoarder, s.flights[MAX_LIVE_HOLDS_PER_ACCOUNT], 1);
    assert.equal(over.status, 409);
    assert.match(over.headers.get("content-type")!, /problem\+json/);
    const problem = await over.json();
    assert.equal(problem.code, "hold_limit");
    assert.equal(problem.limit, MAX_LIVE_HOLDS_PER_ACCOUNT);
    // Holding again on a flight already held is a replacement, not one more.
    assert.equal((await s.book(hoarder, s.flights[0], 2)).status, 201);
    const cancel = await s.app.request(
      `/api/bookings/${ids[1]}/cancel`,
      json("POST", undefined, hoarder),
    );
    assert.equal(cancel.status, 200);
    assert.equal((await s.book(hoarder, s.flights[MAX_LIVE_HOLDS_PER_ACCOUNT], 1)).status, 201);
  } finally {
    await s.close();
  }
});

test("tokens: a correctly signed token must expire, live no longer than issued ones, and dies at logout", async (db) => {
  const s = await setup(db);
  try {
    const ada = await signUp(s.app, "ada@example.test");
    const secret = new TextEncoder().encode(s.deps.config.jwtSecret!);
    const now = s.clock.now().getTime() / 1000;
    const forge = (build: (jwt: SignJWT) => SignJWT) =>
      build(
        new SignJWT({ role: "passenger", email: "ada@example.test" })
          .setProtectedHeader({ alg: "HS256", typ: "JWT" })
          .setSubject(ada.user.id)
          .setIssuer("contrail")
          .setAudience("contrail-api"),
      ).sign(secret);
    const asked = async (token: string) =>
      (await s.app.request("/api/me", { headers: { Authorization: `Bearer ${token}` } })).status;
    // The control: a token shaped like the server's own is accepted.
    assert.equal(
      await asked(await forge((j) => j.setIssuedAt(now).setExpirationTime(now + 600))),
      200,
    );
    assert.equal(await asked(await forge((j) => j.setIssuedAt(now))), 401, "no exp");
    assert.equal(
      await asked(await forge((j) => j.setIssuedAt(now).setExpirationTime(now + 365 * 86_400))),
      401,
      "a year-long token",
    );
    assert.equal(
      await asked(await forge((j) => j.setIssuedAt(now + 3600).setExpirationTime(now + 3900))),
      401,
      "issued in the future",
    );
    // Logout ends the access token it was asked with, not only the refresh token.
    const login = await (await s.app.request(
      "/api/auth/login",
      json("POST", { email: "ada@example.test", password: TEST_PASSWORD }),
    )).json();
    const headers = { Authorization: `Bearer ${login.accessToken}` };
    assert.equal((await s.app.request("/api/me", { headers })).status, 200);
    const out = await s.app.request(
      "/api/auth/logout",
      json("POST", { refreshToken: login.refreshToken }, headers),
    );
    assert.equal(out.status, 204);
    assert.equal((await s.app.request("/api/me", { headers })).status, 401);
  } finally {
    await s.close();
  }
});

test("search, calendar, recommendations, waitlist, check-in and stream opening are rate limited", async (db) => {
  const s = await setup(db);
  try {
    const ada = (await signUp(s.app, "ada@example.test")).headers;
    const flight = s.flights[0];
    const cases: [string, () => Response | Promise<Response>][] = [
      ["search", () => s.app.request("/api/flights/search?from=LHR&to=CDG&date=2030-03-01")],
      ["calendar", () => s.app.request("/api/flights/calendar?from=LHR&to=CDG&month=2030-03")],
      ["recommendations", () => s.app.request("/api/recommendations")],
      ["waitlist", () =>
        s.app.request(
          `/api/flights/${flight}/waitlist`,
          json("POST", { cabin: "Y", passengers: [{ firstName: "A", lastName: "B" }] }, ada),
        )],
      [
        "checkin",
        () =>
          s.app.request(
            `/api/bookings/${crypto.randomUUID()}/check-in`,
            json("POST", undefined, ada),
          ),
      ],
      ["stream", () => s.app.request(`/api/flights/${flight}/status/stream`)],
    ];
    for (const [name, call] of cases) {
      const limit = RATE_LIMITS[name as keyof typeof RATE_LIMITS];
      let first429 = 0;
      for (let i = 1; i <= limit + 1 && !first429; i++) {
        const res = await call();
        if (res.status === 429) first429 = i;
        else await res.body?.cancel();
      }
      assert.equal(first429, limit + 1, `${name}: refused after ${limit}`);
      const over = await call();
      assert.equal(over.status, 429);
      assert.ok(Number(over.headers.get("retry-after")) > 0);
      assert.equal((await over.json()).code, "rate_limited");
    }
  } finally {
    await s.close();
  }
});

test("two tabs refreshing at once both stay signed in, with the same successor", async (db) => {
  const s = await setup(db);
  try {
    await signUp(s.app, "ada@example.test");
    const login = await (await s.app.request(
      "/api/auth/login",
      json("POST", { email: "ada@example.test", password: TEST_PASSWORD }),
    )).json();
    const refresh = (token: string) =>
      s.app.request("/api/auth/refresh", json("POST", { refreshToken: token }));
    const [a, b] = await Promise.all([refresh(login.refreshToken), refresh(login.refreshToken)]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    const [ta, tb] = [await a.json(), await b.json()];
    assert.equal(ta.refreshToken, tb.refreshToken, "the same successor");
    assert.notEqual(ta.refreshToken, login.refreshToken);
    for (const t of [ta, tb]) {
      const me = await s.app.request("/api/me", {
        headers: { Authorization: `Bearer ${t.accessToken}` },
      });
      assert.equal(me.status, 200);
    }
    // The successor goes on working; the old token past the grace time is a replay.
    const next = await refresh(ta.refreshToken);
    assert.equal(next.status, 200);
    s.clock.advance(REFRESH_GRACE_MS + 1);
    const replay = await refresh(login.refreshToken);
    assert.equal(replay.status, 401);
    assert.equal((await replay.json()).code, "token_reused");
  } finally {
    await s.close();
  }
});

test("wrong passwords are throttled per account from any address, the owner is told, and is never kept out long", async (db) => {
  const s = await setup(db);
  try {
    const ada = await signUp(s.app, "ada@example.test");
    const attempt = (password: string, i: number) =>
      s.app.request(
        "/api/auth/login",
        json("POST", { email: "ada@example.test", password }),
        { remoteAddr: { hostname: `10.0.${Math.floor(i / 250)}.${i % 250}` } },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await attempt(`wrong-password-${i}`, i);
      statuses.push(res.status);
      await res.body?.cancel();
    }
    assert.deepEqual(statuses.slice(0, LOGIN_FREE_FAILURES), Array(LOGIN_FREE_FAILURES).fill(401));
    assert.ok(statuses.filter((x) => x === 429).length >= 90, `${statuses.join(",")}`);
    const throttled = await attempt(TEST_PASSWORD, 100);
    assert.equal(throttled.status, 429, "even the right password waits its turn");
    assert.equal((await throttled.json()).code, "login_throttled");
    assert.ok(Number(throttled.headers.get("retry-after")) <= LOGIN_MAX_WAIT_MS / 1000);
    // The owner hears of it once.
    await s.settle();
    const feed = await (await s.app.request("/api/me/notifications", { headers: ada.headers }))
      .json();
    assert.equal(
      feed.data.filter((n: { kind: string }) => n.kind === "sign_in_alert").length,
      1,
    );
    // At most a minute later the right password works, and clears the count.
    s.clock.advance(LOGIN_MAX_WAIT_MS);
    assert.equal((await attempt(TEST_PASSWORD, 101)).status, 200);
    assert.equal((await attempt("wrong-again", 102)).status, 401);
  } finally {
    await s.close();
  }
});

test("staff cannot act as the passenger; their changes go through audited admin endpoints with a reason", async (db) => {
  const s = await setup(db);
  try {
    const ada = (await signUp(s.app, "ada@example.test")).headers;
    const op = (await staffHeaders(s, db, "operator")).headers;
    const flight = s.flights[0];
    const book = async (headers: Record<string, string>, flightId: string) =>
      await (await s.app.request(
        "/api/bookings",
        json(
          "POST",
          { flightId, cabin: "Y", passengers: [{ firstName: "Ada", lastName: "L" }] },
          headers,
        ),
      )).json();
    const paid = await book(ada, flight);
    const pay = (headers: Record<string, string>, key: string) =>
      s.app.request(
        `/api/bookings/${paid.id}/pay`,
        json("POST", { card: VISA }, { ...headers, "Idempotency-Key": key }),
      );
    // The passenger endpoints refuse staff for changes (reading is still allowed).
    const refusals = [
      await pay(op, "staff-pay"),
      await s.app.request(`/api/bookings/${paid.id}/cancel`, json("POST", undefined, op)),
      await s.app.request(`/api/bookings/${paid.id}/check-in`, json("POST", undefined, op)),
      await s.app.request(`/api/bookings/${paid.id}/seats`, json("PATCH", { seats: ["30A"] }, op)),
    ];
    for (const res of refusals) {
      assert.equal(res.status, 403);
      assert.equal((await res.json()).code, "staff_use_admin");
    }
    assert.equal((await s.app.request(`/api/bookings/${paid.id}`, { headers: op })).status, 200);
    assert.equal((await pay(ada, "ada-pay")).status, 200);

    // A staff cancellation needs a reason, refunds everything and is audited and told.
    const url = `/api/admin/bookings/${paid.id}/cancel`;
    assert.equal((await s.app.request(url, json("POST", {}, op))).status, 400);
    assert.equal((await s.app.request(url, json("POST", { reason: "x" }, ada))).status, 403);
    const res = await s.app.request(url, json("POST", { reason: "Passenger called: ill" }, op));
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json();
    assert.equal(out.refunded, paid.total, "staff cancellations refund in full");
    assert.equal(out.booking.status, "refunded");
    const [audit] = await db.sql`
      SELECT action, details->>'reason' AS reason FROM audit_log
      WHERE entity_type = 'booking' AND entity_id = ${paid.id}`;
    assert.deepEqual([audit.action, audit.reason], [
      "booking.cancelled_by_staff",
      "Passenger called: ill",
    ]);

    // Seats of a held booking, moved by an agent: audited, and the passenger hears why.
    const held = await book(ada, s.flights[1]);
    const moved = await s.app.request(
      `/api/admin/bookings/${held.id}/seats`,
      json("POST", { seats: ["25C"], reason: "Broken seat" }, op),
    );
    assert.equal(moved.status, 200, await moved.clone().text());
    assert.deepEqual((await moved.json()).seats, ["25C"]);
    await s.settle();
    const feed = await (await s.app.request("/api/me/notifications", { headers: ada })).json();
    const kinds = feed.data.map((n: { kind: string }) => n.kind);
    assert.ok(kinds.includes("booking_refunded"), kinds.join(","));
    const change = feed.data.find((n: { kind: string }) => n.kind === "booking_changed");
    assert.match(change.body, /25C \(Broken seat\)/);
  } finally {
    await s.close();
  }
});
