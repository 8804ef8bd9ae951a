import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffClient } from "../support/pages.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { json, signUp, VISA } from "../support/http.ts";

/** The A320neo's default layout as the configuration form posts it, two economy rows longer. */
const DENSE: Record<string, string> = {
  code: "HD",
  name: "High density",
  "cabins.0.code": "J",
  "cabins.0.name": "Business",
  "cabins.0.firstRow": "1",
  "cabins.0.lastRow": "3",
  "cabins.0.seatsAcross": "AC|DF",
  "cabins.1.code": "Y",
  "cabins.1.name": "Economy",
  "cabins.1.firstRow": "4",
  "cabins.1.lastRow": "32",
  "cabins.1.seatsAcross": "ABC|DEF",
  "cabins.1.skipRows": "13",
  "cabins.1.exitRows": "11, 12",
};

testOnEachBackend(
  "disruption pages: a configuration made with a plain form, an aircraft change previewed then confirmed, a cancellation previewed",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, "2030-03-01T00:00:00Z");
    try {
      const { client: op } = await staffClient(t, db, "operator");
      const made = await op.post("/admin/aircraft-types/A20N/configurations/new", DENSE);
      assert.equal(made.status, 303, await made.text());
      const at = "/admin/aircraft-types/A20N/configurations/HD";
      assert.equal(made.headers.get("location"), `${at}?saved=1`);
      assert.match(await op.html(`${at}?saved=1`), /role="status" class="notice">Saved\./);
      const twice = await op.post("/admin/aircraft-types/A20N/configurations/new", DENSE);
      assert.equal(twice.status, 409);
      const bad = await op.post("/admin/aircraft-types/A20N/configurations/new", {
        ...DENSE,
        code: "H D",
      });
      assert.equal(bad.status, 400);
      assert.match(await op.html("/admin/aircraft-types/A20N"), /configurations\/HD">HD</);
      await op.html("/admin/aircraft-types/A20N/configurations/NOPE", 404);

      const [flight] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'A20N' AND departure_at > '2030-03-01T08:00Z'
        ORDER BY departure_at LIMIT 1`;
      const ada = await signUp(t.app, "ada@example.test");
      const booked = await t.app.request(
        "/api/bookings",
        json("POST", {
          flightId: flight.id,
          cabin: "Y",
          seats: ["30A"],
          passengers: [{ firstName: "Ada", lastName: "Lovelace" }],
        }, ada.headers),
      );
      const booking = await booked.json();
      assert.equal(booked.status, 201, JSON.stringify(booking));
      const paid = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", { card: VISA }, { ...ada.headers, "Idempotency-Key": "pay-ada" }),
      );
      assert.equal(paid.status, 200);

      const page = await op.html(`/admin/flights/${flight.id}`);
      assert.match(page, /<option value="A20N\/HD">A20N HD · High density \(JY\)<\/option>/);
      const action = `/admin/flights/${flight.id}/aircraft`;
      // Onto the E195: fewer rows, so row 30 is gone and the passenger would move.
      const preview = await op.post(action, { step: "preview", aircraft: "E195/STD" });
      const shown = await preview.text();
      assert.equal(preview.status, 200, shown.slice(0, 500));
      assert.match(shown, /1 passenger would change seats/);
      assert.match(shown, new RegExp(`<td>${booking.pnr}</td><td>30A</td><td>\\d+[A-F]</td>`));
      assert.match(shown, /Confirm the aircraft change/);
      const [still] = await db.sql`SELECT aircraft_type FROM flights WHERE id = ${flight.id}`;
      assert.equal(still.aircraft_type, "A20N", "a preview changes nothing");

      const dense = await op.post(action, { step: "preview", aircraft: "A20N/HD" });
      assert.match(await dense.text(), /Every passenger keeps their seat number/);
      const done = await op.post(action, { step: "confirm", aircraft: "A20N/HD" });
      const outcome = await done.text();
      assert.equal(done.status, 200, outcome.slice(0, 500));
      assert.match(outcome, /Now A20N configuration HD\. No passenger changed seats\./);
      assert.doesNotMatch(outcome, /new times/);
      const [row] = await db.sql`
        SELECT aircraft_type, aircraft_config FROM flights WHERE id = ${flight.id}`;
      assert.deepEqual({ ...row }, { aircraft_type: "A20N", aircraft_config: "HD" });
      const unknown = await op.post(action, { step: "preview", aircraft: "A20N/ZZ" });
      assert.equal(unknown.status, 400);
      assert.match(await unknown.text(), /role="alert">[^<]*no configuration ZZ/);

      const cancel = await op.post(`/admin/flights/${flight.id}/cancel`, {
        type: "cancelled",
        reason: "Strike",
      });
      const plan = await cancel.text();
      assert.equal(cancel.status, 200, plan.slice(0, 500));
      assert.match(plan, /An estimate: nothing is held yet/);
      assert.match(plan, /1 passenger affected/);
      assert.match(plan, /name="reason" value="Strike"/);
      assert.match(plan, /Confirm the cancellation/);
      const [open] = await db.sql`SELECT status FROM flights WHERE id = ${flight.id}`;
      assert.equal(open.status, "scheduled");
      const noReason = await op.post(`/admin/flights/${flight.id}/cancel`, { type: "cancelled" });
      assert.equal(noReason.status, 400);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
