import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { PageClient } from "../support/pages.ts";
import { json } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { bookingPagesFixture } from "../support/booking_pages.ts";

testOnEachBackend(
  "trip page: PNR, e-tickets, seats, payments and the .ics link; check-in opens 24 h out, checks in the passengers ticked (one of two alone) and gives PDF417 boarding passes",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const id = await s.book();
      assert.equal((await s.pay(id)).status, 303);
      const [b] = await db
        .sql`SELECT b.pnr, g.seats FROM bookings b JOIN booking_segments g ON g.booking_id = b.id WHERE b.id = ${id}`;
      const page = await s.ada.html(`/trips/${id}?paid=1`);
      assert.match(page, new RegExp(`Trip <span class="mono">${b.pnr}</span>`));
      assert.match(page, /role="status">Payment received/);
      assert.match(page, /Confirmed/);
      const tickets = [...page.matchAll(/\b914\d{10}\b/g)].map((m) => m[0]);
      assert.equal(new Set(tickets).size, 2, "one e-ticket per passenger");
      for (const seat of b.seats) assert.match(page, new RegExp(`<td>${seat}</td>`));
      assert.match(page, /Charge of \$\d+ \(visa ending 4242\): succeeded/);
      assert.match(page, new RegExp(`href="/api/bookings/${id}/itinerary.ics"`));
      assert.match(page, /data-island="FlightStatusLive"/);
      assert.match(page, /Online check-in opens 24 hours before departure/);
      assert.doesNotMatch(page, /action="\/trips\/[^"]+\/check-in"/);
      const early = await s.ada.post(`/trips/${id}/check-in`, { passenger: ["0", "1"] });
      assert.equal(early.status, 409);
      assert.match(await early.text(), /Check-in opens 24 hours before departure/);

      const ics = await s.ada.get(`/api/bookings/${id}/itinerary.ics`);
      assert.match(ics.headers.get("content-type")!, /text\/calendar/);

      // 23 hours before departure: the window is open (the session renews from its cookie).
      s.clock.set(new Date(s.departureAt.getTime() - 23 * 3600_000));
      const open = await s.ada.html(`/trips/${id}`);
      assert.match(open, new RegExp(`action="/trips/${id}/check-in"`));
      assert.match(open, /<legend>Check-in is open. Who is checking in\?<\/legend>/);
      // Local times name their airport's zone: departure at the origin, arrival at the destination.
      const [f] = await db.sql`
        SELECT f.departure_at, f.arrival_at, o.tz AS origin_tz, d.tz AS destination_tz
        FROM flights f JOIN airports o ON o.iata = f.origin
        JOIN airports d ON d.iata = f.destination
        WHERE f.id = ${s.flightId}`;
      const zone = (at: Date, tz: string) =>
        new Intl.DateTimeFormat("en-GB", { timeZone: tz, timeZoneName: "short" })
          .formatToParts(at).find((p) => p.type === "timeZoneName")!.value;
      const shown = (label: string) =>
        new RegExp(
          `<dt>${label} \\(local\\)</dt><dd><time datetime="[^"]+">[^<]+</time> (\\S+)</dd>`,
        )
          .exec(open)?.[1];
      assert.equal(shown("Departs"), zone(f.departure_at, f.origin_tz));
      assert.equal(shown("Arrives"), zone(f.arrival_at, f.destination_tz));
      assert.match(
        open,
        /departing <time datetime="[^"]+">\w{3} \d+ \w{3}, \d\d:\d\d<\/time> \S+\./,
      );
      // Both passengers are offered and ticked.
      assert.equal(
        open.match(/<input type="checkbox" name="passenger" value="\d" checked/g)?.length,
        2,
      );
      const none = await s.ada.post(`/trips/${id}/check-in`, {});
      assert.equal(none.status, 400, "nobody ticked");
      assert.match(await none.text(), /Choose at least one passenger to check in/);
      const alone = await s.ada.post(`/trips/${id}/check-in`, { passenger: "1" });
      assert.equal(alone.status, 303);
      const half = await s.ada.html(`/trips/${id}`);
      assert.match(half, /Charles Babbage \(checked in\)/);
      assert.match(half, /value="1" disabled/);
      assert.match(half, /<input type="checkbox" name="passenger" value="0" checked/);
      const [{ n }] = await db.sql`
        SELECT count(*)::int AS n FROM ticket_coupons c JOIN tickets t ON t.number = c.ticket_number
        WHERE t.booking_id = ${id} AND c.status = 'checked_in'`;
      assert.equal(n, 1, "only the passenger ticked");
      const done = await s.ada.post(`/trips/${id}/check-in`, { passenger: ["0"] });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get("location"), `/trips/${id}?checkedin#boarding-passes`);
      const passes = await s.ada.html(`/trips/${id}?checkedin`);
      assert.match(passes, /You are checked in/);
      const images = [
        ...passes.matchAll(/<img src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)"/g),
      ];
      assert.equal(images.length, 2);
      const bcbp = /: (M1LOVELACE\/ADA[^"]*)$/.exec(images[0][2])?.[1];
      assert.ok(bcbp, images[0][2]);
      assert.equal(bcbp.length, 60, "the text alternative is the whole BCBP string");
      assert.match(atob(images[0][1]), /^<svg[\s\S]*<\/svg>\s*$/);
      assert.match(passes, /Everyone on this booking is checked in/);

      const bob = new PageClient(s.app);
      await bob.register("bob@example.test");
      assert.equal((await bob.get(`/trips/${id}`)).status, 404, "someone else's trip");
      assert.equal((await bob.post(`/trips/${id}/check-in`, { passenger: "0" })).status, 404);
      assert.equal((await bob.get(`/trips/${id}/cancel`)).status, 404);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "trip page: cancelling confirms the refund by the fare rule first; a cancelled flight shows the rebooking",
  async (db) => {
    const s = await bookingPagesFixture(db, 3);
    try {
      const id = await s.book();
      assert.equal((await s.pay(id)).status, 303);
      const [{ total_amount: paid }] = await db
        .sql`SELECT total_amount FROM bookings WHERE id = ${id}`;
      const confirm = await s.ada.html(`/trips/${id}/cancel`);
      // Four days and more before departure: half the fare comes back.
      const half = `$${Math.round(Math.round(paid * 0.5) / 100)}`;
      assert.match(confirm, new RegExp(`refunds \\${half} \\(50% by the fare rule`));
      assert.match(confirm, new RegExp(`action="/trips/${id}/cancel"`));
      const cancelled = await s.ada.post(`/trips/${id}/cancel`, {});
      assert.equal(cancelled.status, 303);
      const after = await s.ada.html(`/trips/${id}?cancelled`);
      assert.match(after, /Your booking is cancelled/);
      assert.match(after, /Cancelled and refunded/);
      assert.match(after, new RegExp(`Refund of \\${half}`));
      assert.doesNotMatch(after, /Cancel this booking/);
      assert.equal((await s.ada.post(`/trips/${id}/cancel`, {})).status, 303, "twice is harmless");
      assert.equal((await s.ada.get(`/trips/${id}/cancel`)).status, 409);

      // The airline cancels the next booking's flight: the trip says what happened.
      const other = await s.book();
      assert.equal((await s.pay(other)).status, 303);
      const op = await staffHeaders(s, db, "operator");
      const res = await s.app.request(
        `/api/admin/flights/${s.flightId}/status`,
        json("POST", { type: "cancelled", reason: "Crew shortage" }, op.headers),
      );
      assert.equal(res.status, 200, await res.text());
      const trip = await s.ada.html(`/trips/${other}`);
      assert.match(trip, /Your flight was cancelled/);
      assert.match(trip, /We moved you, at no\s+cost, to:|no other flight had seats/);
    } finally {
      await s.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "trips pages: my trips lists my bookings only; a guest finds a trip by PNR and surname without contact details",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const id = await s.book(s.ada, [
        {
          firstName: "Ada",
          lastName: "Lovelace",
          dateOfBirth: "1985-12-10",
          email: "ada.l@example.test",
        },
      ]);
      const [b] = await db.sql`SELECT pnr FROM bookings WHERE id = ${id}`;
      const mine = await s.ada.html("/trips");
      assert.match(mine, new RegExp(`href="/trips/${id}"[^>]*>${b.pnr}<`));
      assert.match(
        mine,
        /<time datetime="[^"]+">\w{3} \d+ \w{3}, \d\d:\d\d<\/time> (GMT[+-]\d+(:\d\d)?|[A-Z]{3,5})</,
        "the departure names its zone",
      );
      const bob = new PageClient(s.app);
      await bob.register("bob@example.test");
      assert.match(await bob.html("/trips"), /No bookings yet/);
      const guest = new PageClient(s.app);
      assert.equal((await guest.get("/trips")).status, 303, "guests sign in first");

      assert.match(
        await guest.html("/trips/lookup"),
        /<form method="post" action="\/trips\/lookup"/,
      );
      const bad = await guest.html("/trips/lookup?pnr=0O1I&lastName=", 400);
      assert.match(bad, /Booking reference: expected a 6-character PNR/);
      assert.match(bad, /Enter the last name/);
      const wrong = await guest.html(`/trips/lookup?pnr=${b.pnr}&lastName=Babbage`, 404);
      assert.match(wrong, /No booking matches this reference and last name/);
      const found = await guest.html(`/trips/lookup?pnr=${b.pnr.toLowerCase()}&lastName=lovelace`);
      assert.match(found, new RegExp(`Trip <span class="mono">${b.pnr}</span>`));
      assert.match(found, /Ada Lovelace/);
      assert.match(found, /data-island="FlightStatusLive"/);
      assert.doesNotMatch(found, /ada\.l@example\.test|ada@example\.test|1985-12-10/);
      assert.doesNotMatch(found, /Payments|Cancel this booking/);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
