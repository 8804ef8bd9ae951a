import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { mailedNotifyFixture, notifyFixture } from "../support/notify.ts";
import { staffHeaders } from "../support/staff.ts";
import { json } from "../support/http.ts";
import { CANCELLATION_NOTICE_DELAY_MS } from "../../domain/reaccommodation.ts";
import { publishFlightStatus } from "../../services/status/flight_status.ts";
import type { Sql } from "../../db/postgres.ts";
import { reaccommodationDeps } from "../../routes/deps.ts";

/** Cancellation notices waiting for their passengers' reaccommodation. */
async function heldBack(sql: Sql): Promise<number> {
  const [row] = await sql`
    SELECT count(*)::int AS n FROM notice_outbox WHERE dedupe_key LIKE 'flight_status:%:passengers'`;
  return row.n;
}

testOnEachBackend(
  "a cancellation followed by a rebooking is one message telling both, with the new flight and each passenger's seat",
  async (db) => {
    const s = await mailedNotifyFixture(db);
    const { capture } = s;
    try {
      // A route flown more than once that day: the passengers have a later flight to go to.
      const [f] = await db.sql`
        SELECT a.id, trim(a.carrier) || ' ' || trim(a.flight_number) AS name FROM flights a
        WHERE a.aircraft_type = 'A20N' AND EXISTS (
          SELECT 1 FROM flights b WHERE b.origin = a.origin AND b.destination = a.destination
            AND b.departure_at > a.departure_at AND b.departure_date = a.departure_date)
        ORDER BY a.departure_at LIMIT 1`;
      const ada = await s.signUp("ada@example.test");
      const res = await s.app.request(
        "/api/bookings",
        json("POST", {
          flightId: f.id,
          cabin: "Y",
          passengers: [
            { firstName: "Ada", lastName: "Lovelace" },
            { firstName: "Bob", lastName: "Lovelace" },
          ],
        }, ada.headers),
      );
      assert.equal(res.status, 201);
      const booking = await res.json();
      assert.equal((await s.pay(ada.headers, booking.id)).status, 200);
      await s.sendEmails();
      const before = capture.inbox.length;

      const { headers: op } = await staffHeaders(s, db);
      const cancelled = await s.app.request(
        `/api/admin/flights/${f.id}/status`,
        json("POST", { type: "cancelled", reason: "Crew shortage" }, op),
      );
      const outcome = await cancelled.json();
      assert.equal(cancelled.status, 200, JSON.stringify(outcome));
      const [moved] = outcome.reaccommodation.rebooked;
      assert.equal(moved?.bookingId, booking.id);
      const [next] = await db.sql`
        SELECT trim(carrier) || ' ' || trim(flight_number) AS name FROM flights
        WHERE id = ${moved.flightIds[0]}`;
      const seats = await db.sql`
        SELECT p.first_name, c.seat FROM tickets t
        JOIN ticket_coupons c ON c.ticket_number = t.number
        JOIN booking_passengers p ON p.booking_id = t.booking_id AND p.position = t.passenger_position
        WHERE t.booking_id = ${booking.id} AND c.flight_id = ${moved.flightIds[0]}
        ORDER BY t.passenger_position`;
      assert.equal(seats.length, 2);

      const alerts = async () =>
        (await s.inApp(ada.headers)).data.filter((n) => n.kind.startsWith("flight_"));
      const told = await alerts();
      assert.deepEqual(told.map((n) => [n.kind, n.title]), [
        ["flight_rebooked", `${f.name} is cancelled: you are rebooked on ${next.name}`],
      ]);
      const [a, b] = seats;
      assert.match(
        told[0].body,
        new RegExp(
          `${f.name} → ${next.name} .*; seats: Ada Lovelace ${a.seat}, Bob Lovelace ${b.seat}\\.`,
        ),
      );

      await s.sendEmails();
      const mails = capture.inbox.slice(before);
      assert.equal(mails.length, 1);
      assert.match(
        mails[0].subject,
        new RegExp(`^Cancelled and rebooked: ${f.name} \\S+ is replaced by ${next.name}$`),
      );
      assert.match(mails[0].text ?? "", new RegExp(`^Replaced flight: ${f.name} `, "m"));
      assert.match(
        mails[0].text ?? "",
        new RegExp(`^New flight: ${next.name} .*, seats Ada Lovelace ${a.seat}, Bob`, "m"),
      );

      // The cancellation notice held back for passengers finds the outcome told: nothing more.
      assert.equal(await heldBack(db.sql), 1);
      s.clock.advance(CANCELLATION_NOTICE_DELAY_MS + 60_000);
      assert.equal((await alerts()).length, 1);
      assert.equal(await heldBack(db.sql), 0, "the held-back notice was produced");
      await s.sendEmails();
      assert.equal(capture.inbox.length - before, 1, "one email, not a second contradicting one");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "a cancellation whose reaccommodation never ran still reaches its passengers, later",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const ada = await s.signUp("ada@example.test");
      const booking = await s.book(ada.headers);
      assert.equal((await s.pay(ada.headers, booking.id)).status, 200);
      // Published without the reaccommodation that follows it (a run cut short).
      const deps = { ...reaccommodationDeps(s.deps), store: s.deps.store };
      const r = await publishFlightStatus(deps, s.flightId, { type: "Cancel", reason: "Storm" });
      assert.equal(r.ok, true);
      const alerts = async () =>
        (await s.inApp(ada.headers)).data.filter((n) => n.kind.startsWith("flight_"));
      assert.deepEqual(await alerts(), [], "passengers wait for their rebooking first");
      s.clock.advance(CANCELLATION_NOTICE_DELAY_MS + 60_000);
      const told = await alerts();
      assert.deepEqual(told.map((n) => n.kind), ["flight_cancelled"]);
      assert.match(told[0].body, /is cancelled\. We are finding you another flight.*Storm/);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
