import assert from "node:assert/strict";
import { holdSeatForSomeoneElse } from "../support/inventory.ts";
import { testOnEachBackend } from "../support/db.ts";
import { PageClient } from "../support/pages.ts";
import { json } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { claimPayment } from "../../db/payments_repo.ts";
import { recoverPayments } from "../../workers/payment_recovery.ts";
import {
  bookingPagesFixture,
  GOOD_CARD,
  hiddenValue,
  PAIR,
  passengerFields,
} from "../support/booking_pages.ts";

testOnEachBackend(
  "booking pages: guests sign in first; the details form holds seats together and goes to checkout once",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const guest = new PageClient(s.app);
      const away = await guest.get(`/book/${s.flightId}?cabin=Y&passengers=2`);
      assert.equal(away.status, 303);
      assert.equal(
        away.headers.get("location"),
        `/login?next=${encodeURIComponent(`/book/${s.flightId}?cabin=Y&passengers=2`)}`,
      );

      const form = await s.ada.html(`/book/${s.flightId}?cabin=Y&passengers=2`);
      assert.match(form, /<legend>Passenger 1<\/legend>[\s\S]*<legend>Passenger 2<\/legend>/);
      assert.match(form, /name="_csrf" value="[^"]+"/);
      assert.match(form, /Economy: \$\d+ per passenger/);
      const token = hiddenValue(form, "formToken");
      const fields = { cabin: "Y", formToken: token, ...passengerFields(PAIR) };
      const first = await s.ada.post(`/book/${s.flightId}`, fields);
      assert.equal(first.status, 303, await first.text());
      const location = first.headers.get("location")!;
      assert.match(location, /^\/checkout\/[0-9a-f-]{36}$/);
      // The same rendered form posted again (a double click) leads to the same booking.
      const second = await s.ada.post(`/book/${s.flightId}`, fields);
      assert.equal(second.headers.get("location"), location);
      const rows = await db
        .sql`SELECT g.seats, b.status, b.contact_email FROM bookings b JOIN booking_segments g ON g.booking_id = b.id`;
      assert.equal(rows.length, 1);
      assert.equal(rows[0].status, "held");
      assert.equal(rows[0].contact_email, "ada@example.test");
      assert.equal(rows[0].seats.length, 2);
      const [a, b] = rows[0].seats as string[];
      assert.equal(a.slice(0, -1), b.slice(0, -1), "a party of two sits in one row");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "booking pages: seats chosen on the seat map are carried to the form and held; bad or partial choices hold by count",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const path = (seats: string[], cabin = "Y") =>
        `/book/${s.flightId}?cabin=${cabin}&passengers=2` +
        seats.map((x) => `&seat=${encodeURIComponent(x)}`).join("");
      const form = await s.ada.html(path(["21A", "21B"]));
      assert.match(form, /name="seat" value="21A"[\s\S]*name="seat" value="21B"/);
      assert.match(form, /We hold seats 21A, 21B for a few minutes/);
      // Seats that are not one per passenger, repeat, are not seats, or sit in another cabin.
      for (const bad of [["21A"], ["21A", "21A"], ["21A", "<b>"], ["2A", "21B"], ["99A", "21B"]]) {
        const page = await s.ada.html(path(bad));
        assert.doesNotMatch(page, /name="seat"/, bad.join(","));
        assert.match(page, /We hold seats together/);
      }

      const post = (seats: string[], token: string, client = s.ada) =>
        client.post(`/book/${s.flightId}`, {
          cabin: "Y",
          formToken: hiddenValue(form, "formToken") + token,
          seat: seats,
          ...passengerFields(PAIR),
        });
      const held = await post(["21A", "21B"], "a");
      assert.equal(held.status, 303, await held.text());
      const [first] = await db
        .sql`SELECT g.seats FROM bookings b JOIN booking_segments g ON g.booking_id = b.id`;
      assert.deepEqual(first.seats, ["21A", "21B"]);

      // The same seats for someone else: Ada has them now, and the form says so.
      const bea = new PageClient(s.app);
      await bea.register("bea@example.test");
      const taken = await post(["21B", "21C"], "b", bea);
      assert.equal(taken.status, 409);
      const html = await taken.text();
      assert.match(html, /21B/);
      assert.match(html, /value="Charles"/);
      assert.match(html, /name="seat" value="21B"/, "the choice stays for another try");

      // Ada books again (by count): her new hold replaces her first one, no orphan is left.
      const partial = await post(["22A", "<script>"], "c");
      assert.equal(partial.status, 303);
      const head = await s.deps.registry.read(s.flightId);
      await s.deps.projector.reach(s.flightId, head.seq);
      const rows = await db
        .sql`SELECT b.status, g.seats FROM bookings b JOIN booking_segments g ON g.booking_id = b.id ORDER BY b.created_at`;
      assert.deepEqual(rows.map((r) => r.status), ["cancelled", "held"]);
      assert.equal(rows[1].seats.length, 2, "held by count");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "booking pages: bad names, a full cabin and a cancelled flight re-render the form with the reason and the entered values",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const form = await s.ada.html(`/book/${s.flightId}?passengers=2`);
      const post = (people = PAIR, cabin = "Y") =>
        s.ada.post(`/book/${s.flightId}`, {
          cabin,
          formToken: hiddenValue(form, "formToken") + cabin + people.length,
          ...passengerFields(people),
        });
      const bad = await post([
        { firstName: "R2D2", lastName: "", dateOfBirth: "1985-12-10" },
        { firstName: "Zoë", lastName: "Müller", dateOfBirth: "2031-01-01" },
      ]);
      assert.equal(bad.status, 400);
      const html = await bad.text();
      assert.match(html, /role="alert"/);
      assert.match(html, /Passenger 1: first name: letters, spaces/);
      assert.match(html, /Passenger 1: enter the last name/);
      assert.match(html, /Passenger 2: the date of birth is in the future/);
      assert.match(html, /id="p0-firstName"[^>]*value="R2D2"/);
      assert.match(html, /value="Zoë"/);
      assert.match(html, /id="p0-firstName"[^>]*aria-invalid="true"/);

      // Business has 12 seats on an A320neo: 9, then 4 more do not fit.
      const nine = Array.from(
        { length: 9 },
        (_, i) => ({ ...PAIR[i % 2], firstName: `Ada${"x".repeat(i)}` }),
      );
      assert.equal((await post(nine, "J")).status, 303);
      const bea = new PageClient(s.app);
      await bea.register("bea@example.test");
      const beaForm = await bea.html(`/book/${s.flightId}?passengers=4`);
      const full = await bea.post(`/book/${s.flightId}`, {
        cabin: "J",
        formToken: hiddenValue(beaForm, "formToken"),
        ...passengerFields([...PAIR, ...PAIR]),
      });
      assert.equal(full.status, 409);
      const fullHtml = await full.text();
      assert.match(fullHtml, /seats left in cabin J/);
      assert.match(fullHtml, /value="Charles"/);

      const op = await staffHeaders(s, db, "operator");
      const cancel = await s.app.request(
        `/api/admin/flights/${s.flightId}/status`,
        json("POST", { type: "cancelled", reason: "Storm" }, op.headers),
      );
      assert.equal(cancel.status, 200, await cancel.text());
      assert.match(
        await s.ada.html(`/book/${s.flightId}?passengers=2`),
        /This flight is cancelled/,
      );
      const closed = await post();
      assert.equal(closed.status, 409);
      assert.match(await closed.text(), /This flight is cancelled\./);
      assert.equal((await s.ada.get(`/book/${crypto.randomUUID()}`)).status, 404);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "checkout page: only the owner sees it; it shows the hold, seats, price and test cards; a decline is a 402, a good card goes to the trip once",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const id = await s.book();
      const bob = new PageClient(s.app);
      await bob.register("bob@example.test");
      assert.equal((await bob.get(`/checkout/${id}`)).status, 404, "someone else's booking");
      assert.equal((await bob.get(`/checkout/${crypto.randomUUID()}`)).status, 404);
      assert.equal((await bob.get("/checkout/not-a-uuid")).status, 404);
      assert.equal(
        (await bob.post(`/checkout/${id}`, { attempt: "a".repeat(32), ...GOOD_CARD })).status,
        404,
      );

      const page = await s.ada.html(`/checkout/${id}`);
      const [booking] = await db
        .sql`SELECT b.pnr, g.seats, b.total_amount FROM bookings b JOIN booking_segments g ON g.booking_id = b.id WHERE b.id = ${id}`;
      assert.match(page, new RegExp(booking.pnr));
      assert.match(page, /data-island="HoldCountdown"/);
      assert.match(page, /role="timer"[^>]*>10:00</, "ten minutes on the server's clock");
      assert.match(page, /data-island="PaymentForm"/);
      assert.match(page, /4000 0000 0000 0002/);
      assert.match(page, /data-island="SeatMap"/);
      for (const seat of booking.seats as string[]) {
        const [row, letter] = [seat.slice(0, -1), seat.slice(-1)];
        assert.match(page, new RegExp(`Row ${row}, seat ${letter}, [a-z ,]*your seat, passenger`));
      }
      assert.match(page, new RegExp(`Pay \\$${Math.round(booking.total_amount / 100)}`));

      const declined = await s.pay(id, { ...GOOD_CARD, number: "4000000000000002" });
      assert.equal(declined.status, 402);
      const declinedHtml = await declined.text();
      assert.match(
        declinedHtml,
        /Your bank declined this card\. Try another card; your seats stay held/,
      );
      assert.doesNotMatch(declinedHtml, /4000000000000002|4000 0000 0000 0002"/, "no card echoed");
      // Each outcome in plain words (issue 18 #3), not the API's developer detail.
      const poor = await s.pay(id, { ...GOOD_CARD, number: "4000000000009995" });
      assert.equal(poor.status, 402);
      assert.match(await poor.text(), /The card has insufficient funds\. Try another card/);
      const busy = await s.pay(id, { ...GOOD_CARD, number: "4000000000000119" });
      assert.equal(busy.status, 503);
      const busyHtml = await busy.text();
      assert.match(
        busyHtml,
        /temporary problem and nothing was charged\. Try again: you will not be charged twice/,
      );
      assert.doesNotMatch(busyHtml, /Idempotency-Key/);
      assert.equal((await s.pay(id, { ...GOOD_CARD, number: "4242424242424241" })).status, 422);

      const attempt = hiddenValue(await s.ada.html(`/checkout/${id}`), "attempt");
      const paid = await s.ada.post(`/checkout/${id}`, { attempt, ...GOOD_CARD });
      assert.equal(paid.status, 303);
      assert.equal(paid.headers.get("location"), `/trips/${id}?paid=1`);
      const twice = await s.ada.post(`/checkout/${id}`, { attempt, ...GOOD_CARD });
      assert.equal(twice.status, 303, "a double submit lands on the trip too");
      const charges = await db.sql`
        SELECT status, card_last4 FROM payments WHERE booking_id = ${id} ORDER BY created_at`;
      assert.deepEqual(charges.map((c) => c.status), ["declined", "declined", "succeeded"]);
      assert.equal((await s.ada.get(`/checkout/${id}`)).headers.get("location"), `/trips/${id}`);
      const logs = JSON.stringify(s.logs);
      assert.doesNotMatch(logs, /4242424242424242|4242 4242/, "the card is never logged");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "checkout page: an expired hold shows as expired, disables payment and refuses a posted card with a 409",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const id = await s.book();
      const fresh = await s.ada.html(`/checkout/${id}`);
      const attempt = hiddenValue(fresh, "attempt");
      s.clock.advance(11 * 60_000);
      const page = await s.ada.html(`/checkout/${id}`);
      assert.match(page, /The hold has expired/);
      assert.doesNotMatch(page, /Seats held for you/, "one state: nothing says the seats are held");
      assert.match(page, /<button type="submit">Hold these seats again<\/button>/);
      assert.doesNotMatch(page, /data-island="SeatMap"/, "no seat choice after the hold");
      const [{ seats }] = await db
        .sql`SELECT g.seats FROM bookings b JOIN booking_segments g ON g.booking_id = b.id WHERE b.id = ${id}`;
      for (const seat of seats) assert.match(page, new RegExp(`<strong>${seat}</strong>`));
      assert.doesNotMatch(page, /data-island="HoldCountdown"/);
      assert.doesNotMatch(page, /data-island="PaymentForm"|card-fields/, "no card form");
      const late = await s.ada.post(`/checkout/${id}`, { attempt, ...GOOD_CARD });
      assert.equal(late.status, 409);
      assert.match(await late.text(), /no longer held; nothing was charged/);
      const [{ n }] = await db.sql`
        SELECT count(*)::int AS n FROM payments WHERE status = 'succeeded'`;
      assert.equal(n, 0);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "checkout page: 'Hold these seats again' holds an expired booking's seats for the same party once, and names a seat taken meanwhile with a link to the seat map",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const id = await s.book();
      // Held by count: the airline chose the seats.
      assert.match(await s.ada.html(`/checkout/${id}`), /We seated your party together/);
      s.clock.advance(11 * 60_000);
      const expired = await s.ada.html(`/checkout/${id}`);
      const formToken = hiddenValue(expired, "formToken");
      const again = await s.ada.post(`/checkout/${id}/hold-again`, { formToken });
      assert.equal(again.status, 303, await again.text());
      const next = /^\/checkout\/([0-9a-f-]{36})$/.exec(again.headers.get("location") ?? "")?.[1];
      assert.ok(next && next !== id, "a new booking holds the seats");
      const twice = await s.ada.post(`/checkout/${id}/hold-again`, { formToken });
      assert.equal(
        twice.headers.get("location"),
        `/checkout/${next}`,
        "a double submit holds once",
      );
      const rows = await db.sql`
        SELECT b.id, b.status, g.seats, array_agg(p.first_name ORDER BY p.position) AS names
        FROM bookings b JOIN booking_segments g ON g.booking_id = b.id
        JOIN booking_passengers p ON p.booking_id = b.id
        GROUP BY b.id, b.status, g.seats`;
      const [before, after] = [id, next].map((x) => rows.find((r) => r.id === x)!);
      assert.equal(after.status, "held");
      assert.deepEqual(after.seats, before.seats, "the same seats");
      assert.deepEqual(after.names, ["Ada", "Charles"], "the same passengers");
      const held = await s.ada.html(`/checkout/${next}`);
      assert.match(held, /data-island="HoldCountdown"/);
      assert.match(held, /data-island="PaymentForm"/);
      // The airline's choice held again stays the airline's: still together, still free of fees.
      assert.match(held, /seated your party together/);
      const [fees] = await db.sql`SELECT seat_fees, fee_free_seats FROM booking_segments
        WHERE booking_id = ${next}`;
      assert.equal(fees.seat_fees, 0);
      assert.deepEqual(fees.fee_free_seats, before.seats);

      // Someone else's booking cannot be held again by this user.
      const bob = new PageClient(s.app);
      await bob.register("bob@example.test");
      const other = await bob.post(`/checkout/${next}/hold-again`, { formToken: "x".repeat(32) });
      assert.equal(other.status, 404);

      // The new hold runs out too, and another passenger takes one of its seats meanwhile.
      s.clock.advance(11 * 60_000);
      await s.deps.registry.sweepExpiredHolds();
      await holdSeatForSomeoneElse(s.deps.registry, s.flightId, after.seats[1]);
      const page = await s.ada.html(`/checkout/${next}`);
      const refused = await s.ada.post(`/checkout/${next}/hold-again`, {
        formToken: hiddenValue(page, "formToken"),
      });
      assert.equal(refused.status, 409);
      const html = await refused.text();
      assert.match(html, new RegExp(`Seat ${after.seats[1]} is no longer free`));
      assert.match(html, new RegExp(`href="/flights/${s.flightId}\\?cabin=Y&amp;passengers=2"`));
      assert.match(html, /The hold has expired/);
      const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM bookings WHERE status = 'held'
        AND expires_at > ${s.clock.now()}`;
      assert.equal(n, 0, "nothing is held when a seat is gone");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "checkout page: an attempt with no answer keeps its key across reloads; once the sweep fails it, a new attempt pays",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const id = await s.book();
      const attempt = hiddenValue(await s.ada.html(`/checkout/${id}`), "attempt");
      // The form was posted, and its process died after claiming the key, before the gateway.
      const [b] = await db.sql`SELECT total_amount, currency FROM bookings WHERE id = ${id}`;
      const claim = await claimPayment(db.sql, {
        bookingId: id,
        key: `checkout:${id}:${attempt}`,
        amount: b.total_amount,
        currency: b.currency,
        brand: "visa",
        last4: "4242",
      });
      assert.equal(claim.kind, "new");
      for (const reload of [1, 2]) {
        const page = await s.ada.html(`/checkout/${id}`);
        assert.equal(hiddenValue(page, "attempt"), attempt, `reload ${reload} keeps the attempt`);
        const props = /data-island="PaymentForm" data-props="([^"]*)"/.exec(page)?.[1] ?? "";
        assert.match(props, new RegExp(`attempt&quot;:&quot;${attempt}`), "the card form's too");
      }

      // The sweep finds the claim silent and nothing charged: the attempt fails.
      await db.sql`UPDATE payments SET updated_at = updated_at - interval '5 minutes'`;
      const outcomes = await recoverPayments({
        kv: s.deps.kv,
        sql: db.sql,
        registry: s.deps.registry,
        projector: s.deps.projector,
        gateway: s.deps.gateway,
        paymentTokenKey: s.deps.config.paymentTokenKey!,
        now: new Date(Date.now()),
      });
      assert.deepEqual(outcomes.map((o) => o.outcome), ["failed"]);
      const late = await s.ada.post(`/checkout/${id}`, { attempt, ...GOOD_CARD });
      assert.equal(late.status, 409);
      const html = await late.text();
      assert.match(html, /interrupted before the card was charged; nothing was charged/);
      assert.doesNotMatch(html, /The hold has expired/, "the hold is still alive");
      assert.match(html, /<button type="submit">/, "payment stays open");
      assert.notEqual(hiddenValue(html, "attempt"), attempt, "a decided attempt is done");

      const next = hiddenValue(await s.ada.html(`/checkout/${id}`), "attempt");
      assert.notEqual(next, attempt);
      const paid = await s.ada.post(`/checkout/${id}`, { attempt: next, ...GOOD_CARD });
      assert.equal(paid.status, 303);
      assert.equal(paid.headers.get("location"), `/trips/${id}?paid=1`);
      const charges = await db.sql`
        SELECT status FROM payments WHERE booking_id = ${id} ORDER BY created_at`;
      assert.deepEqual(charges.map((c) => c.status), ["failed", "succeeded"]);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
