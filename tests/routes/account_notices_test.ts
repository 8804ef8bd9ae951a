import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { mailedNotifyFixture } from "../support/notify.ts";
import { staffHeaders } from "../support/staff.ts";
import { json } from "../support/http.ts";
import { notifyFlightStatusChange } from "../../notifications/flight_notices.ts";
import { sendDueEmails } from "../../workers/email_sender.ts";
import { enqueue } from "../../notifications/notices.ts";

type Fixture = Awaited<ReturnType<typeof mailedNotifyFixture>>;
type Passenger = { firstName: string; lastName: string };

/** Books and pays business seats: one unpaid hold per account and flight, so pay each first. */
async function bookBusiness(
  s: Fixture,
  headers: Record<string, string>,
  seats: string[],
  passengers: Passenger[],
) {
  const res = await s.app.request(
    "/api/bookings",
    json("POST", { flightId: s.flightId, cabin: "J", seats, passengers }, headers),
  );
  const booking = await res.json();
  assert.equal(res.status, 201, JSON.stringify(booking));
  assert.equal((await s.pay(headers, booking.id)).status, 200);
  return booking as { id: string; pnr: string };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

testOnEachBackend(
  "aircraft change: an account with two bookings gets one seat notice listing each booking's passengers, old → new; the email leaves out a booking cancelled before it goes",
  async (db) => {
    const s = await mailedNotifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const ada = await s.signUp("ada@example.test");
      const bob = await s.signUp("bob@example.test");
      const first = await bookBusiness(s, ada.headers, ["1C", "2C"], [
        { firstName: "Ada", lastName: "Lovelace" },
        { firstName: "Bo", lastName: "Lovelace" },
      ]);
      const second = await bookBusiness(s, ada.headers, ["3C"], [
        { firstName: "Cy", lastName: "Byron" },
      ]);
      const bobs = await bookBusiness(s, bob.headers, ["3F"], [
        { firstName: "Bob", lastName: "Babbage" },
      ]);
      await s.sendEmails();
      const before = s.capture.inbox.length;

      // The 787's business cabin has no C or F seats: all three bookings move.
      const [plane] = await db
        .sql`SELECT registration FROM aircraft WHERE type_code = 'B789' LIMIT 1`;
      const res = await s.app.request(
        `/api/admin/flights/${s.flightId}/aircraft`,
        json("POST", { aircraftRegistration: plane.registration, baseFares: { W: 40_000 } }, op),
      );
      const changed = await res.json();
      assert.equal(res.status, 200, JSON.stringify(changed));
      const to = (id: string) =>
        changed.moved.find((m: { bookingId: string }) => m.bookingId === id).to as string[];

      const adas = (await s.inApp(ada.headers)).data.filter((n) => n.kind === "seat_changed");
      assert.equal(adas.length, 1, "one seat notice for the account, not one per booking");
      const [notice] = adas;
      assert.match(notice.title, /^New seats on /);
      assert.match(notice.body, /is now the Boeing 787/);
      assert.ok(
        notice.body.includes(
          `Booking ${first.pnr}: Ada Lovelace 1C → ${to(first.id)[0]}, ` +
            `Bo Lovelace 2C → ${to(first.id)[1]}.`,
        ),
        notice.body,
      );
      assert.ok(
        notice.body.includes(`Booking ${second.pnr}: Cy Byron 3C → ${to(second.id)[0]}.`),
        notice.body,
      );
      assert.deepEqual(notice.data.bookings, [
        {
          id: first.id,
          pnr: first.pnr,
          seats: [
            { passenger: "Ada Lovelace", from: "1C", to: to(first.id)[0] },
            { passenger: "Bo Lovelace", from: "2C", to: to(first.id)[1] },
          ],
        },
        {
          id: second.id,
          pnr: second.pnr,
          seats: [{ passenger: "Cy Byron", from: "3C", to: to(second.id)[0] }],
        },
      ]);
      const bobsNotices = (await s.inApp(bob.headers)).data.filter((n) =>
        n.kind === "seat_changed"
      );
      assert.equal(bobsNotices.length, 1);
      assert.doesNotMatch(bobsNotices[0].body, new RegExp(first.pnr));

      // Before the emails go: one of Ada's bookings is cancelled, and Bob's only one.
      assert.equal((await s.cancel(ada.headers, second.id)).status, 200);
      assert.equal((await s.cancel(bob.headers, bobs.id)).status, 200);
      await s.sendEmails();
      const seatMails = s.capture.inbox.slice(before).filter((m) =>
        m.subject.startsWith("Seat change")
      );
      assert.equal(seatMails.length, 1, "Bob's seat email is skipped: no booking of it is live");
      const [mail] = seatMails;
      assert.deepEqual([mail.to].flat(), ["ada@example.test"]);
      assert.match(mail.text ?? "", new RegExp(escape(`Booking ${first.pnr}: Ada Lovelace 1C → `)));
      assert.doesNotMatch(mail.text ?? "", new RegExp(second.pnr), "the cancelled booking's line");
      assert.doesNotMatch(mail.html ?? "", new RegExp(second.pnr));
      const rows = await db.sql`
        SELECT user_id, status, last_error FROM email_outbox WHERE template = 'seat_changed'
        ORDER BY status`;
      assert.deepEqual(rows.map((r) => r.status), ["sent", "skipped"]);
      assert.equal(rows[1].user_id, bob.user.id);
      assert.match(rows[1].last_error, /no booking/);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "delivery: an account's delay email names only its bookings still live when it is sent, and is skipped when none is",
  async (db) => {
    const s = await mailedNotifyFixture(db);
    try {
      const ada = await s.signUp("ada@example.test");
      const first = await s.book(ada.headers);
      assert.equal((await s.pay(ada.headers, first.id)).status, 200);
      const second = await s.book(ada.headers, "Byron");
      assert.equal((await s.pay(ada.headers, second.id)).status, 200);
      await s.sendEmails();
      const before = s.capture.inbox.length;

      const delay = await notifyFlightStatusChange(s.deps.notifier, s.flightId, {
        status: "delayed",
        estimatedDepartureAt: "2030-03-01T12:00:00Z",
        reason: "Late aircraft",
      });
      assert.equal(delay.passengers, 1, "one account");
      const [told] = (await s.inApp(ada.headers)).data.filter((n) => n.kind === "flight_delayed");
      assert.match(told.body, new RegExp(`Your bookings ${first.pnr} and ${second.pnr}`));

      assert.equal((await s.cancel(ada.headers, second.id)).status, 200);
      await s.settle();
      const sent = await sendDueEmails(s.sender());
      assert.equal(sent.skipped, 0);
      const delayMails = s.capture.inbox.slice(before).filter((m) => /^Delay/.test(m.subject));
      assert.equal(delayMails.length, 1, "the delay email still goes: one booking is live");
      const text = delayMails[0].text ?? "";
      assert.match(text, /Late aircraft/);
      assert.match(text, new RegExp(`Booking reference: ${first.pnr}\n`));
      assert.doesNotMatch(text, new RegExp(second.pnr), "the cancelled booking is left out");
      assert.doesNotMatch(text, /Your bookings/);

      const gate = await notifyFlightStatusChange(s.deps.notifier, s.flightId, {
        status: "delayed",
        event: "gate_changed",
        gate: "B12",
        changeId: "gate-b12",
      });
      assert.equal(gate.passengers, 1);
      assert.equal((await s.cancel(ada.headers, first.id)).status, 200);
      await s.settle();
      const after = s.capture.inbox.length;
      const last = await sendDueEmails(s.sender());
      assert.equal(last.skipped, 1, "no booking it names is live: the gate email is skipped");
      assert.ok(
        s.capture.inbox.slice(after).every((m) => !/gate/i.test(m.subject)),
        "no gate change email",
      );
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "seat change notices through the notice worker: a journey's line names its leg, beside the account's direct booking",
  async (db) => {
    const s = await mailedNotifyFixture(db);
    try {
      // A connection: the onward flight leaves the first one's arrival airport 75 min to 3 h later.
      const [legs] = await db.sql`
        SELECT a.id AS first, b.id AS onward FROM flights a
        JOIN flights b ON b.origin = a.destination AND b.destination <> a.origin
          AND b.departure_at BETWEEN a.arrival_at + interval '75 minutes'
            AND a.arrival_at + interval '3 hours'
        WHERE (a.base_fares ? 'Y') AND (b.base_fares ? 'Y')
        ORDER BY a.departure_at, b.departure_at LIMIT 1`;
      assert.ok(legs, "the seeded day has a connection");
      const ada = await s.signUp("ada@example.test");
      const book = async (body: object) => {
        const res = await s.app.request("/api/bookings", json("POST", body, ada.headers));
        const booking = await res.json();
        assert.equal(res.status, 201, JSON.stringify(booking));
        assert.equal((await s.pay(ada.headers, booking.id)).status, 200);
        return booking as { id: string; pnr: string; segments: { seats: string[] }[] };
      };
      const journey = await book({
        segments: [{ flightId: legs.first, cabin: "Y" }, { flightId: legs.onward, cabin: "Y" }],
        passengers: [{ firstName: "Ada", lastName: "Lovelace" }],
      });
      const direct = await s.book(ada.headers, "Byron", legs.onward);
      assert.equal((await s.pay(ada.headers, direct.id)).status, 200);
      const [row] = await db.sql`
        SELECT seats FROM booking_segments WHERE booking_id = ${direct.id}`;
      const move = (ref: string, from: string, to: string | null) => ({
        kind: "sale" as const,
        ref,
        owner: ada.user.id,
        cabin: "Y" as const,
        from: [from],
        to: [to],
      });
      await enqueue(db.sql, [{
        topic: "seat_changes",
        flightId: legs.onward,
        changeId: 7,
        moves: [
          move(direct.id, row.seats[0], "40K"),
          move(journey.id, journey.segments[1].seats[0], null),
        ],
      }]);
      const notices = (await s.inApp(ada.headers)).data.filter((n) => n.kind === "seat_changed");
      assert.equal(notices.length, 1, "one notice for the account");
      const lines = notices[0].body.split(/(?<=\.) (?=Booking )/).slice(1);
      assert.deepEqual(lines, [
        `Booking ${journey.pnr}, flight 2 of 2: Ada Lovelace ${
          journey.segments[1].seats[0]
        } → assigned at check-in.`,
        `Booking ${direct.pnr}: Ada Byron ${row.seats[0]} → 40K.`,
      ]);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
