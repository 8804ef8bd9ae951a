import assert from "node:assert/strict";
import { decode } from "bcbp";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, PAX, signUp, VISA } from "../support/http.ts";
import type { Database } from "../../db/postgres.ts";
import { verifyTripToken } from "../../adapters/tokens.ts";
import { revokedTripGrantKey, tripGrantEpochKey } from "../../services/flights/cache_keys.ts";

/** A paid booking for Ada and Charles on the first A20N flight, three days before it leaves. */
async function paidTrip(db: Database) {
  await seedTestSchedule(db.sql);
  const [flight] = await db.sql`
    SELECT id, departure_at, origin, destination FROM flights
    WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
  const t = await testApp(
    db,
    new Date(flight.departure_at.getTime() - 3 * 86_400_000).toISOString(),
  );
  const ada = (await signUp(t.app)).headers;
  const book = async () => {
    const b = await (await t.app.request(
      "/api/bookings",
      json("POST", { flightId: flight.id, cabin: "Y", passengers: PAX }, ada),
    )).json();
    const paid = await t.app.request(
      `/api/bookings/${b.id}/pay`,
      json("POST", { card: VISA }, { ...ada, "Idempotency-Key": `pay-${b.id}` }),
    );
    assert.equal(paid.status, 200, await paid.text());
    return b as { id: string; pnr: string; total: number };
  };
  const open = (pnr: string, lastName: string) =>
    t.app.request("/api/bookings/lookup", json("POST", { pnr, lastName }));
  const as = (token: string) => ({ "X-Trip-Token": token });
  return { t, flight, ada, book, open, as };
}

/** The problem an answer carries, as a client tells answers apart. */
async function problem(res: Response) {
  const p = await res.json();
  return [res.status, p.code, p.title, p.detail];
}

testOnEachBackend(
  "guest API: a PNR and surname open one trip for 30 minutes to read, check in and get passes",
  async (db) => {
    const { t, flight, ada, book, open, as } = await paidTrip(db);
    try {
      const b = await book();
      // Pasted with spaces and in lower case, the reference still opens the trip.
      const res = await open(`  ${b.pnr.toLowerCase()} `, "babbage");
      assert.equal(res.status, 200, await res.clone().text());
      const grant = await res.json();
      assert.equal(grant.bookingId, b.id);
      assert.equal(Date.parse(grant.expiresAt) - t.clock.now().getTime(), 30 * 60_000);

      // A wrong surname and a wrong reference get the same answer.
      const wrongName = await (await open(b.pnr, "Smith")).json();
      const wrongPnr = await (await open("ABCDEF", "Babbage")).json();
      assert.equal(wrongName.status, 404);
      assert.deepEqual([wrongName.code, wrongName.detail], [wrongPnr.code, wrongPnr.detail]);

      const trip = (headers: Record<string, string> = {}) =>
        t.app.request("/api/bookings/lookup/trip", { headers });
      assert.equal((await (await trip()).json()).code, "trip_token_required");
      assert.equal((await trip(as(`${grant.token}x`))).status, 401);
      // The account's access token is no trip token.
      const access = ada.Authorization.slice("Bearer ".length);
      assert.equal((await trip(as(access))).status, 401);
      const seen = await (await trip(as(grant.token))).json();
      assert.equal(seen.pnr, b.pnr);
      assert.equal(seen.payments, undefined);
      assert.equal(seen.userId, undefined);
      assert.deepEqual(
        seen.passengers,
        PAX.map((p) => ({ firstName: p.firstName, lastName: p.lastName })),
      );

      const checkIn = (token: string, query = "") =>
        t.app.request(`/api/bookings/lookup/check-in${query}`, {
          method: "POST",
          headers: as(token),
        });
      assert.equal((await (await checkIn(grant.token)).json()).code, "checkin_not_open");

      // 23 hours before departure: the first grant has lapsed, a new lookup opens the trip.
      t.clock.advance(2 * 86_400_000 + 3600_000);
      assert.equal((await trip(as(grant.token))).status, 401, "a grant lasts 30 minutes");
      const again = await (await open(b.pnr, "Lovelace")).json();
      assert.equal((await checkIn(again.token, "?passengers=2")).status, 422, "no third passenger");
      // Charles checks in alone first; then everyone, and he keeps his sequence number.
      const charles = await (await checkIn(again.token, "?passengers=1")).json();
      assert.deepEqual(
        charles.tickets.map((
          c: { status: string; checkinSequence: number },
        ) => [c.status, c.checkinSequence]),
        [["open", null], ["checked_in", 1]],
      );
      const done = await checkIn(again.token);
      assert.equal(done.status, 200, await done.clone().text());
      const all = await done.json();
      assert.deepEqual(all.flightIds, [flight.id]);
      assert.deepEqual(all.tickets.map((c: { checkinSequence: number }) => c.checkinSequence), [
        2,
        1,
      ]);
      const passes = await (await t.app.request("/api/bookings/lookup/boarding-passes", {
        headers: as(again.token),
      })).json();
      assert.equal(passes.passes.length, 2);
      const leg = decode(passes.passes[0].bcbp).data?.legs?.[0];
      assert.equal(leg?.operatingCarrierPNR, b.pnr);
      assert.deepEqual([leg?.departureAirport, leg?.arrivalAirport], [
        flight.origin,
        flight.destination,
      ]);
      assert.match(passes.ics, /BEGIN:VCALENDAR/);
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "guest API: cancelling refunds by the owner's fare rule, and the grant opens that booking only",
  async (db) => {
    const { t, ada, book, open, as } = await paidTrip(db);
    try {
      const mine = await book();
      const other = await book();
      const grant = await (await open(mine.pnr, "Lovelace")).json();
      const res = await t.app.request("/api/bookings/lookup/cancel", {
        method: "POST",
        headers: as(grant.token),
      });
      assert.equal(res.status, 200, await res.clone().text());
      const { trip, refunded } = await res.json();
      // Three days out: 50% back, as cancelling from the account would give.
      assert.equal(refunded, Math.round(mine.total * 0.5));
      assert.equal(trip.status, "refunded");
      // The cancellation ended the grant; a new lookup opens the cancelled trip.
      t.clock.advance(1000);
      const reopened = await (await open(mine.pnr, "Lovelace")).json();
      const again = await t.app.request("/api/bookings/lookup/cancel", {
        method: "POST",
        headers: as(reopened.token),
      });
      assert.equal((await again.json()).code, "not_cancellable");
      const untouched = await (await t.app.request(`/api/bookings/${other.id}`, { headers: ada }))
        .json();
      assert.equal(untouched.status, "confirmed");
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "guest API: one reference takes 10 lookups a minute, found or not, from anyone",
  async (db) => {
    const { t, book, open } = await paidTrip(db);
    try {
      const b = await book();
      for (let i = 0; i < 10; i++) {
        assert.equal((await open(b.pnr, `Guess${"x".repeat(i)}`)).status, 404);
      }
      const limited = await open(b.pnr, "Lovelace");
      assert.equal(limited.status, 429);
      assert.equal((await limited.json()).code, "rate_limited");
      // The read-only lookup counts against the same reference.
      const read = await t.app.request(`/api/bookings/lookup?pnr=${b.pnr}&lastName=Lovelace`);
      assert.equal(read.status, 429);
      // Another reference is not held up by it.
      assert.equal((await open("ABCDEF", "Lovelace")).status, 404);
      t.clock.advance(61_000);
      assert.equal((await open(b.pnr, "Lovelace")).status, 200);
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "guest API: a forgotten grant and the grants of a cancelled trip answer as expired ones; " +
    "another trip's grant works on, and revocations lapse with their grants",
  async (db) => {
    const { t, book, open, as } = await paidTrip(db);
    try {
      const mine = await book();
      const other = await book();
      const grant = async (pnr: string) =>
        (await (await open(pnr, "Lovelace")).json()).token as string;
      const trip = (token: string) =>
        t.app.request("/api/bookings/lookup/trip", { headers: as(token) });
      const post = (path: string, token: string) =>
        t.app.request(`/api/bookings/lookup/${path}`, { method: "POST", headers: as(token) });
      const issued = t.clock.now();
      const [laptop, phone, theirs] = [
        await grant(mine.pnr),
        await grant(mine.pnr),
        await grant(
          other.pnr,
        ),
      ];

      assert.equal((await trip(laptop)).status, 200);
      assert.equal((await post("forget", laptop)).status, 204);
      const forgotten = await problem(await trip(laptop));
      assert.deepEqual(forgotten.slice(0, 2), [401, "trip_token_required"]);
      assert.equal((await post("forget", laptop)).status, 401);
      assert.equal((await post("cancel", laptop)).status, 401);
      // Forgetting ends that grant only: the same trip opened on another device stays open.
      assert.equal((await trip(phone)).status, 200);

      assert.equal((await post("cancel", phone)).status, 200);
      assert.deepEqual(await problem(await trip(phone)), forgotten, "cancelling ends its grants");
      assert.equal((await trip(theirs)).status, 200, "another booking's grant is unaffected");
      // A lookup after the cancellation opens the cancelled trip.
      t.clock.advance(1);
      const later = await grant(mine.pnr);
      assert.equal((await (await trip(later)).json()).status, "refunded");

      // A second before the grants lapse, their revocations still hold.
      t.clock.set(new Date(issued.getTime() + 30 * 60_000 - 1000));
      assert.equal((await trip(laptop)).status, 401);
      assert.equal((await trip(phone)).status, 401);
      assert.equal((await trip(theirs)).status, 200);
      // Past the grants' expiry and the minute of skew after it, the entries are gone, and
      // nothing comes back: each token answers as the grant nobody revoked does once expired.
      t.clock.set(new Date(issued.getTime() + 31 * 60_000 + 1000));
      const { jti } = (await verifyTripToken(laptop, t.deps.config.jwtSecret!, issued))!;
      assert.equal(await t.deps.store.get(revokedTripGrantKey(jti)), undefined);
      assert.equal(await t.deps.store.get(tripGrantEpochKey(mine.id)), undefined);
      const expired = await problem(await trip(theirs));
      assert.deepEqual(expired, forgotten);
      assert.deepEqual(await problem(await trip(laptop)), expired);
      assert.deepEqual(await problem(await trip(phone)), expired);
      assert.equal((await trip(await grant(mine.pnr))).status, 200, "a new grant opens it");
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "guest API: the owner cancelling one trip ends its grants, and erasing the account ends " +
    "the grants its passengers' names opened",
  async (db) => {
    const { t, ada, book, open, as } = await paidTrip(db);
    try {
      const cancelled = await book();
      const kept = await book();
      const grant = async (pnr: string) =>
        (await (await open(pnr, "Babbage")).json()).token as string;
      const [gone, other] = [await grant(cancelled.pnr), await grant(kept.pnr)];
      const trip = (token: string) =>
        t.app.request("/api/bookings/lookup/trip", { headers: as(token) });
      const cancel = await t.app.request(
        `/api/bookings/${cancelled.id}/cancel`,
        json("POST", {}, ada),
      );
      assert.equal(cancel.status, 200, await cancel.clone().text());
      assert.equal((await (await trip(gone)).json()).code, "trip_token_required");
      assert.equal((await trip(other)).status, 200);
      assert.equal(
        (await t.app.request("/api/me", { method: "DELETE", headers: ada })).status,
        204,
      );
      assert.equal((await (await trip(other)).json()).code, "trip_token_required");
      assert.equal((await open(kept.pnr, "Babbage")).status, 404, "the name is gone too");
    } finally {
      await t.close();
    }
  },
);
