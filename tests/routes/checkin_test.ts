import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { bearer, json, signUp, TEST_PASSWORD } from "../support/http.ts";
import { PageClient } from "../support/pages.ts";
import { staffHeaders } from "../support/staff.ts";
import { findAlternatives } from "../../db/reaccommodation_repo.ts";

const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" };

testOnEachBackend(
  "check-in opens 24 h out and boarding passes carry BCBP, PDF417 and .ics",
  async (db) => {
    await seedTestSchedule(db.sql);
    const [flight] = await db.sql`
    SELECT id, departure_at, carrier, flight_number, origin, destination FROM flights
    WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
    const t = await testApp(
      db,
      new Date(flight.departure_at.getTime() - 3 * 86_400_000).toISOString(),
    );
    try {
      let ada = (await signUp(t.app)).headers;
      // Access tokens live 15 minutes: sign in again after moving the clock.
      const signIn = async () => {
        const res = await t.app.request(
          "/api/auth/login",
          json("POST", { email: "ada@example.test", password: TEST_PASSWORD }),
        );
        ada = bearer((await res.json()).accessToken);
      };
      const booking = await (await t.app.request(
        "/api/bookings",
        json("POST", {
          flightId: flight.id,
          cabin: "Y",
          seats: ["7C", "7D"],
          passengers: [{ firstName: "Ada", lastName: "Lovelace" }, {
            firstName: "Zoë",
            lastName: "Müller",
          }],
        }, ada),
      )).json();
      const checkIn = () =>
        t.app.request(`/api/bookings/${booking.id}/check-in`, json("POST", undefined, ada));
      assert.equal((await checkIn()).status, 409, "unpaid");
      assert.equal(
        (await t.app.request(
          `/api/bookings/${booking.id}/pay`,
          json("POST", { card: VISA }, { ...ada, "Idempotency-Key": "p" }),
        )).status,
        200,
      );
      const early = await checkIn();
      assert.equal((await early.json()).code, "checkin_not_open");
      const passesBefore = await t.app.request(`/api/bookings/${booking.id}/boarding-passes`, {
        headers: ada,
      });
      assert.equal(passesBefore.status, 409);
      t.clock.advance(2 * 86_400_000 + 3600_000); // 23 h before departure
      await signIn();
      const done = await (await checkIn()).json();
      assert.deepEqual(done.tickets.map((x: { checkinSequence: number }) => x.checkinSequence), [
        1,
        2,
      ]);
      const again = await (await checkIn()).json();
      assert.deepEqual(again.tickets.map((x: { checkinSequence: number }) => x.checkinSequence), [
        1,
        2,
      ], "idempotent");
      const res = await t.app.request(`/api/bookings/${booking.id}/boarding-passes`, {
        headers: ada,
      });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.passes.length, 2);
      const [first, second] = body.passes;
      assert.equal(first.bcbp.length, 60);
      assert.equal(first.bcbp.slice(2, 22), "LOVELACE/ADA".padEnd(20));
      assert.equal(first.bcbp.slice(23, 30), booking.pnr + " ");
      assert.equal(first.bcbp.slice(30, 36), flight.origin + flight.destination);
      assert.equal(first.bcbp.slice(48, 52), "007C");
      assert.equal(second.bcbp.slice(2, 22), "MULLER/ZOE".padEnd(20));
      assert.match(first.barcode.svg, /^<svg[\s\S]*<\/svg>\s*$/);
      assert.match(body.ics, /BEGIN:VEVENT[\s\S]*SUMMARY:CT/);
      const ics = await t.app.request(`/api/bookings/${booking.id}/itinerary.ics`, {
        headers: ada,
      });
      assert.match(ics.headers.get("content-type")!, /text\/calendar/);
      t.clock.advance(23 * 3600_000);
      await signIn();
      assert.equal((await (await checkIn()).json()).code, "checkin_closed");
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "a cancelled flight with nothing to rebook onto offers no check-in on the trip page and refuses one (409 flight_cancelled)",
  async (db) => {
    await seedTestSchedule(db.sql);
    const [flight] = await db.sql`
      SELECT id, origin, destination, departure_at, carrier, flight_number FROM flights
      WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
    // Five hours before departure: the check-in window is open.
    const t = await testApp(
      db,
      new Date(flight.departure_at.getTime() - 5 * 3600_000).toISOString(),
    );
    try {
      const ada = await signUp(t.app);
      const booking = await (await t.app.request(
        "/api/bookings",
        json("POST", {
          flightId: flight.id,
          cabin: "Y",
          passengers: [{ firstName: "Ada", lastName: "Lovelace" }],
        }, ada.headers),
      )).json();
      const paid = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", { card: VISA }, { ...ada.headers, "Idempotency-Key": "p" }),
      );
      assert.equal(paid.status, 200);
      const page = new PageClient(t.app);
      page.jar.take(
        new Response(null, {
          headers: { "set-cookie": `ct_access=${ada.headers.Authorization.slice(7)}` },
        }),
      );
      const name = `${flight.carrier} ${flight.flight_number}`;
      assert.match(await page.html(`/trips/${booking.id}`), /<button type="submit">Check in</);

      // Every other way there is closed: the cancellation can only offer a refund.
      const { headers: op } = await staffHeaders(t, db, "operator");
      const dep = flight.departure_at.getTime();
      const from = { id: flight.id, origin: flight.origin, destination: flight.destination };
      const others = await findAlternatives(db.sql, from, dep, dep + 72 * 3600_000);
      for (const id of new Set(others.flat().map((l) => l.flightId))) {
        // Every cabin: a passenger may be moved up to another cabin.
        const { cabins } = (await t.deps.registry.inventory(id)).state;
        const res = await t.app.request(
          `/api/admin/flights/${id}/pricing`,
          json("PUT", { authorized: Object.fromEntries(cabins.map((c) => [c.code, 0])) }, op),
        );
        assert.equal(res.status, 200, await res.text());
      }
      const cancel = await t.app.request(
        `/api/admin/flights/${flight.id}/status`,
        json("POST", { type: "cancelled", reason: "Crew shortage" }, op),
      );
      const outcome = await cancel.json();
      assert.equal(cancel.status, 200, JSON.stringify(outcome));
      assert.deepEqual(outcome.reaccommodation.refundOffered.map((r: { pnr: string }) => r.pnr), [
        booking.pnr,
      ]);

      const html = await page.html(`/trips/${booking.id}`);
      assert.doesNotMatch(html, /<button type="submit">Check in</, "no check-in button");
      assert.match(html, new RegExp(`${name} is cancelled: there is no check-in for it\\.`));
      const refused = await t.app.request(
        `/api/bookings/${booking.id}/check-in`,
        json("POST", undefined, ada.headers),
      );
      assert.equal(refused.status, 409);
      assert.equal((await refused.json()).code, "flight_cancelled");
      const [{ n }] = await db.sql`
        SELECT count(*)::int AS n FROM ticket_coupons WHERE status = 'checked_in'`;
      assert.equal(n, 0);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
