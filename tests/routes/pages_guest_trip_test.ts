import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { bookingPagesFixture } from "../support/booking_pages.ts";
import { PageClient } from "../support/pages.ts";
import { staffHeaders } from "../support/staff.ts";
import { json } from "../support/http.ts";

const HOUR = 3600_000;

testOnEachBackend(
  "guest trip pages: a pasted PNR and a surname open the trip to check in, print passes and cancel",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const id = await s.book();
      assert.equal((await s.pay(id)).status, 303);
      const [b] = await db.sql`SELECT pnr FROM bookings WHERE id = ${id}`;
      const guest = new PageClient(s.app);

      const form = await guest.html("/trips/lookup");
      assert.match(form, /<form method="post" action="\/trips\/lookup"/);
      assert.match(form, /name="_csrf"/);
      assert.doesNotMatch(form, /id="pnr"[^>]*maxlength="6"/i, "a pasted ' YM36UR ' fits");
      assert.equal(
        (await guest.post("/trips/lookup", { _csrf: "forged", pnr: b.pnr, lastName: "Babbage" }))
          .status,
        403,
      );
      assert.equal(
        (await guest.get("/trips/lookup/trip")).headers.get("location"),
        "/trips/lookup?expired",
      );

      const wrong = await guest.post("/trips/lookup", { pnr: b.pnr, lastName: "Smith" });
      assert.equal(wrong.status, 404);
      assert.match(await wrong.text(), /No booking matches this reference and last name/);
      const open = () =>
        guest.post("/trips/lookup", { pnr: ` ${b.pnr.toLowerCase()} `, lastName: "babbage" });
      const opened = await open();
      assert.equal(opened.status, 303, await opened.text());
      assert.equal(opened.headers.get("location"), "/trips/lookup/trip");
      const cookie = opened.headers.getSetCookie().find((c) => c.startsWith("ct_trip="))!;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      assert.match(cookie, /Path=\/trips\/lookup/);
      assert.match(cookie, /Max-Age=1800/);

      const trip = await guest.html("/trips/lookup/trip");
      assert.match(trip, new RegExp(`Trip <span class="mono">${b.pnr}</span>`));
      assert.match(trip, /Online check-in opens 24 hours before departure/);
      assert.match(trip, /href="\/trips\/lookup\/cancel"/);
      assert.doesNotMatch(trip, /ada@example\.test|1985-12-10|Payments/);

      // 23 hours before departure: the grant has lapsed; opening the trip again checks in.
      s.clock.set(new Date(s.departureAt.getTime() - 23 * HOUR));
      assert.equal((await guest.get("/trips/lookup/trip")).status, 303);
      assert.equal((await open()).status, 303);
      const trip23 = await guest.html("/trips/lookup/trip");
      assert.match(trip23, /<legend>Check-in is open. Who is checking in\?<\/legend>/);
      const nobody = await guest.post("/trips/lookup/check-in", {});
      assert.equal(nobody.status, 400, "nobody ticked");
      assert.match(await nobody.text(), /Choose at least one passenger to check in/);
      const alone = await guest.post("/trips/lookup/check-in", { passenger: "1" });
      assert.equal(alone.status, 303);
      assert.match(await guest.html("/trips/lookup/trip"), /Charles Babbage \(checked in\)/);
      const checkIn = await guest.post("/trips/lookup/check-in", { passenger: ["0"] });
      assert.equal(checkIn.headers.get("location"), "/trips/lookup/trip?checkedin#boarding-passes");
      assert.match(
        await guest.html("/trips/lookup/trip"),
        /href="\/trips\/lookup\/boarding-passes"/,
      );

      const op = await staffHeaders(s, db, "operator");
      const gate = await s.app.request(
        `/api/admin/flights/${s.flightId}/status`,
        json("POST", { type: "gate_changed", gate: "B12" }, op.headers),
      );
      assert.equal(gate.status, 200, await gate.text());
      const passes = await guest.html("/trips/lookup/boarding-passes");
      assert.equal(passes.match(/<article class="boarding-pass"/g)?.length, 2);
      assert.match(passes, /<dt>Gate<\/dt><dd>B12<\/dd>/);
      assert.match(passes, /<dt>Group<\/dt><dd>\d<\/dd>/);
      assert.match(passes, /<dt>E-ticket<\/dt><dd>914\d{10}<\/dd>/);
      // Boarding starts 40 minutes before this narrow-body's departure, shown in local time;
      // a delay moves it with the new estimate.
      const [{ tz }] = await db.sql`
        SELECT a.tz FROM flights f JOIN airports a ON a.iata = f.origin WHERE f.id = ${s.flightId}`;
      const local = (ms: number) =>
        new Date(ms).toLocaleTimeString("en-GB", {
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
          timeZone: tz,
        });
      const boarding = (html: string) => /<dt>Boarding<\/dt><dd>(\d\d:\d\d) /.exec(html)?.[1];
      assert.equal(boarding(passes), local(s.departureAt.getTime() - 40 * 60_000));
      const delayed = await s.app.request(
        `/api/admin/flights/${s.flightId}/status`,
        json("POST", {
          type: "delayed",
          estimatedDepartureAt: new Date(s.departureAt.getTime() + 90 * 60_000).toISOString(),
          reason: "Late inbound aircraft",
        }, op.headers),
      );
      assert.equal(delayed.status, 200, await delayed.text());
      assert.equal(
        boarding(await guest.html("/trips/lookup/boarding-passes")),
        local(s.departureAt.getTime() + 50 * 60_000),
      );
      const [ticket] = /914\d{10}/.exec(passes)!;
      const one = await guest.html(`/trips/lookup/boarding-passes/${ticket}`);
      assert.equal(one.match(/<article class="boarding-pass"/g)?.length, 1);
      assert.equal((await guest.get("/trips/lookup/boarding-passes/9140000000000")).status, 404);
      assert.match(
        await (await guest.get("/trips/lookup/itinerary.ics")).text(),
        /BEGIN:VCALENDAR/,
      );

      // The account's own passes page shows the same passes; nobody else's account sees them.
      assert.match(await s.ada.html(`/trips/${id}/boarding-passes`), new RegExp(ticket));
      const bob = new PageClient(s.app);
      await bob.register("bob@example.test");
      assert.equal((await bob.get(`/trips/${id}/boarding-passes`)).status, 404);

      // Forgetting ends the grant on the server: a copy of the cookie opens nothing, as a page
      // or as the API's token.
      const copyOf = (token: string) => () =>
        s.app.request("/trips/lookup/trip", { headers: { Cookie: `ct_trip=${token}` } });
      const api = (token: string) =>
        s.app.request("/api/bookings/lookup/trip", { headers: { "X-Trip-Token": token } });
      const forgottenToken = guest.jar.get("ct_trip")!;
      const forgotten = copyOf(forgottenToken);
      assert.equal((await forgotten()).status, 200);
      assert.equal((await guest.post("/trips/lookup/forget", {})).status, 303);
      const expired = "/trips/lookup?expired";
      assert.equal((await guest.get("/trips/lookup/trip")).headers.get("location"), expired);
      assert.equal((await forgotten()).headers.get("location"), expired);
      assert.equal((await api(forgottenToken)).status, 401);

      // Cancelling ends every grant of the trip: this browser's, a copy of it, and another's.
      assert.equal((await open()).status, 303);
      const copied = copyOf(guest.jar.get("ct_trip")!);
      const other = new PageClient(s.app);
      await other.post("/trips/lookup", { pnr: b.pnr, lastName: "Lovelace" });
      assert.equal((await other.get("/trips/lookup/trip")).status, 200);
      assert.match(await guest.html("/trips/lookup/cancel"), /Cancelling now refunds nothing/);
      const cancelled = await guest.post("/trips/lookup/cancel", {});
      assert.equal(cancelled.headers.get("location"), "/trips/lookup?cancelled");
      assert.match(await guest.html("/trips/lookup?cancelled"), /The booking is cancelled/);
      const [after] = await db.sql`SELECT status FROM bookings WHERE id = ${id}`;
      assert.equal(after.status, "cancelled");
      assert.equal((await copied()).headers.get("location"), expired);
      assert.equal((await other.get("/trips/lookup/trip")).headers.get("location"), expired);
      // A lookup after it shows the cancelled trip.
      s.clock.advance(1000);
      assert.equal((await open()).status, 303);
      assert.match(await guest.html("/trips/lookup/trip"), /Cancelled/i);
    } finally {
      await s.close();
    }
  },
);
