import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { notifyFixture } from "../support/notify.ts";
import { staffHeaders } from "../support/staff.ts";
import { json } from "../support/http.ts";

testOnEachBackend(
  "aircraft change: seats remapped, passengers told, Postgres follows; too small is refused with conflicts",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const ada = await s.signUp("ada@example.test");
      const res = await s.app.request(
        "/api/bookings",
        json("POST", {
          flightId: s.flightId,
          cabin: "J",
          seats: ["1C", "2C"],
          passengers: [{ firstName: "Ada", lastName: "Lovelace" }, {
            firstName: "Bo",
            lastName: "Lovelace",
          }],
        }, ada.headers),
      );
      const booking = await res.json();
      assert.equal(res.status, 201, JSON.stringify(booking));
      assert.equal((await s.pay(ada.headers, booking.id)).status, 200);
      // Ten of the A320neo's twelve business seats are taken: the E195 has nine.
      const filler = await s.signUp("fill@example.test");
      const more = await s.app.request(
        "/api/bookings",
        json("POST", {
          flightId: s.flightId,
          cabin: "J",
          passengers: Array.from({ length: 8 }, (_, i) => ({
            firstName: `F${"abcdefgh"[i]}`,
            lastName: "Filler",
          })),
        }, filler.headers),
      );
      assert.equal(more.status, 201);

      const small = await s.app.request(
        `/api/admin/flights/${s.flightId}/aircraft`,
        json("POST", { aircraftType: "E195" }, op),
      );
      const refused = await small.json();
      assert.equal(small.status, 409);
      assert.equal(refused.code, "aircraft_too_small");
      assert.deepEqual(refused.conflicts, [{ cabin: "J", needed: 10, available: 9 }]);

      const missingFare = await s.app.request(
        `/api/admin/flights/${s.flightId}/aircraft`,
        json("POST", { aircraftType: "B789" }, op),
      );
      assert.equal(missingFare.status, 400);

      const [plane] = await db
        .sql`SELECT registration FROM aircraft WHERE type_code = 'B789' LIMIT 1`;
      const ok = await s.app.request(
        `/api/admin/flights/${s.flightId}/aircraft`,
        json("POST", { aircraftRegistration: plane.registration, baseFares: { W: 40_000 } }, op),
      );
      const changed = await ok.json();
      assert.equal(ok.status, 200, JSON.stringify(changed));
      assert.equal(changed.flight.aircraftType, "B789");
      assert.equal(changed.flight.aircraftRegistration, plane.registration);
      const mine = changed.moved.find((m: { bookingId: string }) => m.bookingId === booking.id);
      // The 787's business cabin has no C seats: both move, into other business seats.
      assert.deepEqual(mine.from, ["1C", "2C"]);
      assert.equal(mine.to.length, 2);
      assert.ok(mine.to.every((seat: string) => /^[1-7][ADGK]$/.test(seat)), mine.to.join());

      const after = await (await s.app.request(`/api/bookings/${booking.id}`, {
        headers: ada.headers,
      })).json();
      assert.deepEqual(after.seats, mine.to);
      assert.deepEqual(
        after.tickets.map((t: { seat: string }) => t.seat).sort(),
        [...mine.to].sort(),
      );
      const inbox = await s.inApp(ada.headers);
      const notice = inbox.data.find((n) => n.kind === "seat_changed");
      assert.ok(notice, "the passenger is told their new seats");
      assert.match(notice.body, /1C → /);
      const map = await (await s.app.request(`/api/flights/${s.flightId}/seats`)).json();
      assert.deepEqual(map.cabins.map((c: { code: string }) => c.code), ["J", "W", "Y"]);
      const reconcile = await (await s.app.request(
        `/api/admin/flights/${s.flightId}/reconcile`,
        { headers: op },
      )).json();
      assert.equal(reconcile.inSync, true, JSON.stringify(reconcile.drift));
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "pricing and seats: fares, authorization and hold time through the actor; blocks and messages",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "admin");
      const ada = await s.signUp("ada@example.test");
      const booking = await s.book(ada.headers);
      const pricing = async () =>
        await (await s.app.request(`/api/admin/flights/${s.flightId}/pricing`, { headers: op }))
          .json();
      const before = await pricing();
      const economy = before.cabins.find((c: { code: string }) => c.code === "Y");
      assert.equal(economy.held, 1);

      const below = await s.app.request(
        `/api/admin/flights/${s.flightId}/pricing`,
        json("PUT", { authorized: { Y: 0 } }, op),
      );
      const problem = await below.json();
      assert.equal(below.status, 409);
      assert.equal(problem.code, "authorization_below_demand");
      assert.deepEqual(problem.conflicts, [{ cabin: "Y", needed: 1, available: 0 }]);

      const changed = await s.app.request(
        `/api/admin/flights/${s.flightId}/pricing`,
        json("PUT", {
          baseFares: { Y: economy.baseFare * 2 },
          authorized: { Y: economy.capacity + 5 },
          holdTtlSeconds: 300,
        }, op),
      );
      const now = await changed.json();
      assert.equal(changed.status, 200, JSON.stringify(now));
      const y = now.cabins.find((c: { code: string }) => c.code === "Y");
      assert.equal(y.overbooking, 5);
      assert.equal(y.baseFare, economy.baseFare * 2);
      assert.ok(y.price > economy.price, "the live quote follows the fare");
      assert.equal(now.holdTtlSeconds, 300);
      const [row] = await db.sql`
        SELECT base_fares, overbooking, hold_ttl_seconds FROM flights WHERE id = ${s.flightId}`;
      assert.equal(row.base_fares.Y, economy.baseFare * 2);
      assert.equal(row.overbooking.Y, 5);
      assert.equal(row.hold_ttl_seconds, 300);
      // Another passenger's hold (one account keeps one unpaid hold per flight).
      const bea = await s.signUp("bea@example.test");
      const second = await s.book(bea.headers, "Byron");
      const held =
        await (await s.app.request(`/api/bookings/${second.id}`, { headers: bea.headers }))
          .json();
      assert.equal(Date.parse(held.expiresAt) - s.clock.now().getTime(), 300_000);

      const block = await s.app.request(
        `/api/admin/flights/${s.flightId}/seats/block`,
        json("POST", { seats: ["20A", "20B"], reason: "broken recline" }, op),
      );
      assert.equal(block.status, 200);
      const taken = await s.app.request(
        "/api/bookings",
        json("POST", {
          flightId: s.flightId,
          cabin: "Y",
          seats: ["20A"],
          passengers: [{ firstName: "Ada", lastName: "Lovelace" }],
        }, ada.headers),
      );
      assert.equal(taken.status, 409);
      assert.equal((await taken.json()).code, "seat_blocked");
      const sold = await s.app.request(
        `/api/admin/flights/${s.flightId}/seats/block`,
        json("POST", { seats: [held.seats[0]] }, op),
      );
      assert.equal(sold.status, 409, "held seats cannot be blocked");
      assert.equal((await sold.json()).code, "seat_not_free");
      const unblock = await s.app.request(
        `/api/admin/flights/${s.flightId}/seats/unblock`,
        json("POST", { seats: ["20A"] }, op),
      );
      assert.equal(unblock.status, 200);
      const map = await (await s.app.request(`/api/flights/${s.flightId}/seats`)).json();
      const seat = (id: string) =>
        map.cabins.flatMap((c: { rows: { seats: { id: string; status: string }[] }[] }) =>
          c.rows.flatMap((r) => r.seats)
        ).find((x: { id: string }) => x.id === id).status;
      assert.deepEqual([seat("20A"), seat("20B")], ["free", "blocked"]);

      const sent = await s.app.request(
        `/api/admin/flights/${s.flightId}/messages`,
        json("POST", { title: "Gate B12", body: "Boarding will be from gate B12." }, op),
      );
      const message = await sent.json();
      assert.equal(sent.status, 201, JSON.stringify(message));
      assert.equal(message.passengers, 2, "both held bookings");
      for (const who of [ada, bea]) {
        const inbox = await s.inApp(who.headers);
        assert.equal(inbox.data.filter((n) => n.kind === "flight_message").length, 1);
      }
      const listed = await (await s.app.request(`/api/admin/flights/${s.flightId}/messages`, {
        headers: op,
      })).json();
      assert.equal(listed.data[0].title, "Gate B12");
      const multi = await s.app.request(
        `/api/admin/flights/${s.flightId}/messages`,
        json("POST", { title: "two\nlines", body: "x" }, op),
      );
      assert.equal(multi.status, 400);
      const passenger = await s.app.request(
        `/api/admin/flights/${s.flightId}/pricing`,
        { headers: ada.headers },
      );
      assert.equal(passenger.status, 403);
      assert.ok(booking.id);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
