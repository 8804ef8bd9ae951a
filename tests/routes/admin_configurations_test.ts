import assert from "node:assert/strict";
import type { Database } from "../../db/postgres.ts";
import { testOnEachBackend } from "../support/db.ts";
import { crewFixture } from "../support/crew.ts";
import { VISA } from "../support/http.ts";

/** The A320neo's layout with two more economy rows: another configuration of the same type. */
function denser(layout: { cabins: { code: string; lastRow: number }[] }) {
  return {
    cabins: layout.cabins.map((c) => c.code === "Y" ? { ...c, lastRow: c.lastRow + 2 } : c),
  };
}

/** Everything a dry run must leave alone: KV inventory, projections, bookings and audit. */
async function snapshot(db: Database, t: Awaited<ReturnType<typeof crewFixture>>, id: string) {
  const inv = await t.deps.registry.read(id);
  return {
    inventory: JSON.stringify(inv),
    flight: await db.sql`SELECT aircraft_type, aircraft_config, status, base_fares, version
      FROM flights WHERE id = ${id}`,
    sales: await db.sql`SELECT booking_ref, seats, updated_seq FROM inventory_sales
      WHERE flight_id = ${id} ORDER BY booking_ref`,
    holds: await db.sql`SELECT hold_id, seats, status FROM inventory_holds
      WHERE flight_id = ${id} ORDER BY hold_id`,
    segments: await db.sql`SELECT booking_id, flight_id, seats, status FROM booking_segments
      ORDER BY booking_id, flight_id`,
    audit: (await db.sql`SELECT count(*)::int AS n FROM audit_log`)[0].n,
    notices: (await db.sql`SELECT count(*)::int AS n FROM notice_outbox`)[0].n,
  };
}

testOnEachBackend(
  "configurations: a type's layouts are added apart from it, and an aircraft change onto one keeps crew rated",
  async (db) => {
    const t = await crewFixture(db);
    try {
      const base = "/api/admin/aircraft-types/A20N/configurations";
      const listed = await t.call("GET", base);
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.data.map((c: { code: string }) => c.code), ["STD"]);
      const std = listed.body.data[0];
      assert.equal(std.isDefault, true);

      const layout = denser(std.layout);
      const made = await t.call("POST", base, { code: "hd", name: "High density", layout });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.deepEqual([made.body.code, made.body.isDefault], ["HD", false]);
      assert.equal(made.body.seatCount, std.seatCount + 12);
      const again = await t.call("POST", base, { code: "HD", name: "Again", layout });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, "configuration_exists");
      const badSeat = structuredClone(layout);
      (badSeat.cabins[1] as Record<string, unknown>).blockedSeats = ["99Z"];
      const bad = await t.call("POST", base, { code: "BAD", name: "Bad", layout: badSeat });
      assert.equal(bad.status, 400);
      const noType = await t.call("POST", "/api/admin/aircraft-types/ZZZ9/configurations", {
        code: "X",
        name: "X",
        layout,
      });
      assert.equal(noType.status, 404);
      const byPassenger = await t.call("GET", base, undefined, t.passenger.headers);
      assert.equal(byPassenger.status, 403);

      // An A20N flight with a paid passenger and a captain rated on the A20N only.
      const [flight] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
      const booked = await t.call("POST", "/api/bookings", {
        flightId: flight.id,
        cabin: "Y",
        seats: ["5A"],
        passengers: [{ firstName: "Ada", lastName: "Lovelace" }],
      }, t.passenger.headers);
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      const paid = await t.call("POST", `/api/bookings/${booked.body.id}/pay`, { card: VISA }, {
        ...t.passenger.headers,
        "Idempotency-Key": `pay-${booked.body.id}`,
      });
      assert.equal(paid.status, 200);
      const [captain] = await db.sql`
        SELECT id, name FROM crew_members WHERE role = 'captain' AND 'A20N' = ANY (type_ratings)
          AND NOT ('B789' = ANY (type_ratings)) ORDER BY employee_number LIMIT 1`;
      const assigned = await t.call("POST", `/api/admin/flights/${flight.id}/crew`, {
        crewId: captain.id,
        role: "captain",
        override: { reason: "Assigned for the configuration test" },
      });
      assert.equal(assigned.status, 201, JSON.stringify(assigned.body));

      // The dry run: who moves, nothing short, the captain still rated; nothing changed.
      // Notices already queued (the captain's assignment) are sent first: only the dry run may
      // change anything from here.
      await t.settle();
      const before = await snapshot(db, t, flight.id);
      const preview = await t.call("POST", `/api/admin/flights/${flight.id}/aircraft/preview`, {
        aircraftType: "A20N",
        aircraftConfiguration: "HD",
      });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.possible, true);
      assert.equal(preview.body.aircraftConfiguration, "HD");
      assert.deepEqual(preview.body.shortfalls, []);
      assert.deepEqual(preview.body.crewWithoutRating, []);
      // The same seat numbers exist on the denser layout: nobody needs to move.
      assert.equal(preview.body.passengersAffected, 0);
      const other = await t.call("POST", `/api/admin/flights/${flight.id}/aircraft/preview`, {
        aircraftType: "B789",
        baseFares: { W: 40_000 },
      });
      assert.equal(other.status, 200, JSON.stringify(other.body));
      assert.deepEqual(other.body.crewWithoutRating, [{ crewId: captain.id, name: captain.name }]);
      assert.equal(other.body.passengersAffected, 1);
      assert.deepEqual(other.body.moved[0].from, ["5A"]);
      const unknown = await t.call("POST", `/api/admin/flights/${flight.id}/aircraft/preview`, {
        aircraftType: "A20N",
        aircraftConfiguration: "NOPE",
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.errors[0].path, "aircraftConfiguration");
      assert.deepEqual(await snapshot(db, t, flight.id), before);

      // Confirmed: the flight is on the new configuration of the same type, crew still rated.
      const done = await t.call("POST", `/api/admin/flights/${flight.id}/aircraft`, {
        aircraftType: "A20N",
        aircraftConfiguration: "HD",
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.deepEqual(
        [done.body.flight.aircraftType, done.body.flight.aircraftConfiguration],
        ["A20N", "HD"],
      );
      assert.deepEqual(done.body.crewWithoutRating, []);
      const seats = await t.call("GET", `/api/flights/${flight.id}/seats`);
      const rows = JSON.stringify(seats.body);
      assert.ok(rows.includes('"32A"'), "the seat map is the new configuration's");
      const crew = await t.call("GET", `/api/admin/flights/${flight.id}/crew`);
      const mine = crew.body.crew.find((a: { crewId: string }) => a.crewId === captain.id);
      const codes = mine.warnings.map((w: { code: string }) => w.code);
      assert.ok(!codes.includes("type_rating"), codes.join());

      // Its layout is now frozen; its name is not; the default one is free again.
      const frozen = await t.call("PUT", `${base}/HD`, { layout: std.layout });
      assert.equal(frozen.status, 409);
      assert.equal(frozen.body.code, "layout_in_use");
      const renamed = await t.call("PUT", `${base}/HD`, { name: "High density 186" });
      assert.deepEqual([renamed.status, renamed.body.changed], [200, true]);
      const one = await t.call("GET", `${base}/HD`);
      assert.deepEqual([one.body.name, one.body.layoutEditable], ["High density 186", false]);
      assert.equal((await t.call("GET", `${base}/XX`)).status, 404);
    } finally {
      await t.close();
    }
  },
);
