import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, PAX, signUp, VISA } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { staffClient } from "../support/pages.ts";
import type { Database } from "../../db/postgres.ts";

const NOW = "2030-02-20T00:00:00Z"; // 9 days before the seeded flights
// The A20N's economy: rows 4-30, row 4 extra legroom, rows 11 and 12 exit rows.
const STD_FEES = "/api/admin/aircraft-types/A20N/configurations/STD/seat-fees";
const A20N_FEES = { Y: { exitRow: 2500, extraLegroom: 1500, frontRows: 2, frontRowFee: 1000 } };

async function setup(db: Database) {
  await seedTestSchedule(db.sql);
  const t = await testApp(db, NOW);
  const [flight] = await db
    .sql`SELECT id FROM flights WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
  const ada = (await signUp(t.app, "ada@example.test")).headers;
  const op = (await staffHeaders(t, db, "operator")).headers;
  const book = async (body: object) => {
    const res = await t.app.request(
      "/api/bookings",
      json("POST", { flightId: flight.id, cabin: "Y", passengers: PAX, ...body }, ada),
    );
    const text = await res.text();
    assert.equal(res.status, 201, text);
    return JSON.parse(text);
  };
  const move = async (id: string, seats: string[]) => {
    const res = await t.app.request(`/api/bookings/${id}/seats`, json("PATCH", { seats }, ada));
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text);
  };
  const put = (path: string, body: unknown) => t.app.request(path, json("PUT", body, op));
  return { ...t, flightId: flight.id as string, ada, op, book, move, put };
}

testOnEachBackend(
  "seat fees: an operator prices seat types per cabin configuration; chosen seats pay them in the total the card is charged, and changing seats changes the total",
  async (db) => {
    const s = await setup(db);
    try {
      const set = await s.put(STD_FEES, A20N_FEES);
      assert.equal(set.status, 200, await set.text());
      const read = await s.app.request(STD_FEES, {
        headers: s.op,
      });
      assert.deepEqual(await read.json(), A20N_FEES);
      const [audit] = await db.sql`SELECT entity_id, details FROM audit_log
        WHERE action = 'aircraft_configuration.seat_fees'`;
      assert.deepEqual([audit.entity_id, audit.details.after], ["A20N/STD", A20N_FEES]);

      // Exit row 11: 2,500 each; the total is the fares plus the fees.
      const b = await s.book({ seats: ["11A", "11B"] });
      assert.equal(b.total, b.unitPrice * 2 + 5000);
      assert.equal(b.segments[0].seatFees, 5000);
      // To plain seats: no fee; to row 4 (legroom 1,500 and front row 1,000): the higher.
      assert.equal((await s.move(b.id, ["20A", "20B"])).total, b.unitPrice * 2);
      const front = await s.move(b.id, ["4A", "20B"]);
      assert.equal(front.total, b.unitPrice * 2 + 1500);
      assert.equal(front.segments[0].seatFees, 1500);

      // The card is charged the total, fees included; a refund follows the fare rule on it.
      const pay = await s.app.request(
        `/api/bookings/${b.id}/pay`,
        json("POST", { card: VISA }, { ...s.ada, "Idempotency-Key": "fees-1" }),
      );
      assert.equal(pay.status, 200, await pay.text());
      const [charge] = await db.sql`
        SELECT amount FROM payments WHERE booking_id = ${b.id} AND kind = 'charge'`;
      assert.equal(charge.amount, b.unitPrice * 2 + 1500);
      const cancel = await s.app.request(
        `/api/bookings/${b.id}/cancel`,
        json("POST", undefined, s.ada),
      );
      assert.equal((await cancel.json()).refunded, Math.round((b.unitPrice * 2 + 1500) * 0.9));

      // Only the server knows which seats the airline chose: a client naming its chosen seats
      // "fee-free" still pays for them (the field is not part of the request schema).
      const claimed = await s.book({
        flightId: undefined,
        cabin: undefined,
        segments: [{
          flightId: s.flightId,
          cabin: "Y",
          seats: ["11E", "11F"],
          feeFreeSeats: ["11E", "11F"],
        }],
      });
      assert.equal(claimed.segments[0].seatFees, 5000);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "seat fees: seats the airline picks to seat a party together pay none; a flight's own fees override its configuration's until cleared",
  async (db) => {
    const s = await setup(db);
    try {
      assert.equal(
        (await s.put(STD_FEES, A20N_FEES)).status,
        200,
      );
      // Seated together from the front: row 4 has fees, but nobody chose it.
      const together = await s.book({});
      assert.match(together.seats[0], /^4[A-F]$/, "the airline seats from the front row");
      assert.equal(together.total, together.unitPrice * 2);
      // Keeping one of those seats and choosing another: only the chosen one pays.
      const [kept] = together.seats;
      const moved = await s.move(together.id, [kept, "12C"]);
      assert.equal(moved.total, together.unitPrice * 2 + 2500);

      const own = { fees: { Y: { exitRow: 4000 } } };
      const flight = await s.put(`/api/admin/flights/${s.flightId}/seat-fees`, own);
      const body = await flight.json();
      assert.equal(flight.status, 200, JSON.stringify(body));
      assert.equal(body.own, true);
      assert.equal(body.fees.Y.exitRow, 4000);
      const exit = await s.book({ seats: ["11E", "11F"] });
      assert.equal(exit.total, exit.unitPrice * 2 + 8000);
      const cleared = await s.put(`/api/admin/flights/${s.flightId}/seat-fees`, { fees: null });
      assert.deepEqual(await cleared.json(), { fees: A20N_FEES, own: false });

      // The flight page shows the fee on the seat and in the fares table.
      const page = await (await s.app.request(`/flights/${s.flightId}`)).text();
      assert.match(
        page,
        /aria-label="Row 12, seat A, window, exit row, available, \$\d[\d,]* plus \$25 seat fee"/,
      );
      assert.match(page, /Exit row<\/td><td>\d+<\/td><td>\$\d[\d,]* \+ \$25 seat fee/);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "seat fees: bad fees are refused with a problem and change nothing; passengers may not set them",
  async (db) => {
    const s = await setup(db);
    try {
      for (
        const bad of [
          { Y: { exitRow: -1 } },
          { Y: { exitRow: 10.5 } },
          { Q: { exitRow: 100 } },
          { Y: { exitRow: 100, lounge: 5 } },
          { Y: { frontRows: 99 } },
        ]
      ) {
        const res = await s.put(STD_FEES, bad);
        assert.equal(res.status, 400, JSON.stringify(bad));
        assert.match(res.headers.get("content-type")!, /application\/problem\+json/);
      }
      const flightBad = await s.put(`/api/admin/flights/${s.flightId}/seat-fees`, { Y: {} });
      assert.equal(flightBad.status, 400);
      const unknown = await s.put(
        "/api/admin/aircraft-types/ZZZ9/configurations/STD/seat-fees",
        A20N_FEES,
      );
      assert.equal(unknown.status, 404);
      const noConfig = await s.put(
        "/api/admin/aircraft-types/A20N/configurations/NOPE/seat-fees",
        A20N_FEES,
      );
      assert.equal(noConfig.status, 404);
      const passenger = await s.app.request(
        STD_FEES,
        json("PUT", A20N_FEES, s.ada),
      );
      assert.equal(passenger.status, 403);
      const [row] = await db
        .sql`SELECT seat_fees FROM aircraft_configurations WHERE type_code = 'A20N' AND code = 'STD'`;
      assert.deepEqual(row.seat_fees, {});
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "seat fees: the configuration page sets its fees per cabin by a plain form; bad amounts change nothing",
  async (db) => {
    const s = await setup(db);
    try {
      const { client } = await staffClient(s, db, "operator");
      const std = "/admin/aircraft-types/A20N/configurations/STD";
      // Fees are a configuration's: the type's page lists configurations, without the form.
      assert.doesNotMatch(await client.html("/admin/aircraft-types/A20N"), /seat-fees-title/);
      const page = await client.html(std);
      assert.match(page, /<h2 id="seat-fees-title">Seat fees<\/h2>/);
      assert.match(page, /action="\/admin\/aircraft-types\/A20N\/configurations\/STD\/seat-fees"/);
      assert.match(page, /<label for="fee-Y-exitRow">Exit row fee<\/label>/);
      const fields = {
        "J.exitRow": "0",
        "J.extraLegroom": "0",
        "J.frontRowFee": "0",
        "J.frontRows": "0",
        "Y.exitRow": "25",
        "Y.extraLegroom": "15",
        "Y.frontRowFee": "10",
        "Y.frontRows": "2",
      };
      const saved = await client.post(`${std}/seat-fees`, fields);
      assert.equal(saved.status, 303);
      assert.equal(
        saved.headers.get("location"),
        `${std}?fees=saved#seat-fees`,
      );
      const [row] = await db
        .sql`SELECT seat_fees FROM aircraft_configurations WHERE type_code = 'A20N' AND code = 'STD'`;
      assert.deepEqual(row.seat_fees.Y, {
        exitRow: 2500,
        extraLegroom: 1500,
        frontRowFee: 1000,
        frontRows: 2,
      });
      assert.match(await client.html(`${std}?fees=saved`), /Seat fees saved\./);
      assert.match(
        await client.html(std),
        /id="fee-Y-extraLegroom"[^>]*value="15"/,
      );

      const bad = await client.post(`${std}/seat-fees`, {
        ...fields,
        "Y.exitRow": "-5",
      });
      assert.equal(
        bad.headers.get("location"),
        `${std}?fees=invalid#seat-fees`,
      );
      const [after] = await db
        .sql`SELECT seat_fees FROM aircraft_configurations WHERE type_code = 'A20N' AND code = 'STD'`;
      assert.equal(after.seat_fees.Y.exitRow, 2500, "unchanged");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "seat fees: two configurations of one type charge their own fees; a flight charges those of the configuration it flies",
  async (db) => {
    const s = await setup(db);
    try {
      const base = "/api/admin/aircraft-types/A20N/configurations";
      const std = await (await s.app.request(`${base}/STD`, { headers: s.op })).json();
      const made = await s.app.request(
        base,
        json("POST", { code: "XL", name: "Extra legroom", layout: std.layout }, s.op),
      );
      assert.equal(made.status, 201, await made.text());
      assert.equal((await s.put(STD_FEES, { Y: { exitRow: 2500 } })).status, 200);
      assert.equal((await s.put(`${base}/XL/seat-fees`, { Y: { exitRow: 4000 } })).status, 200);
      const xl = await (await s.app.request(`${base}/XL/seat-fees`, { headers: s.op })).json();
      assert.equal(xl.Y.exitRow, 4000);

      // A second A20N flight changes to XL; the first stays on STD.
      const [other] = await db.sql`SELECT id FROM flights
        WHERE aircraft_type = 'A20N' AND id <> ${s.flightId} ORDER BY departure_at LIMIT 1`;
      const change = await s.app.request(
        `/api/admin/flights/${other.id}/aircraft`,
        json("POST", { aircraftType: "A20N", aircraftConfiguration: "XL" }, s.op),
      );
      assert.equal(change.status, 200, await change.text());
      const fees = await s.app.request(`/api/admin/flights/${other.id}/seat-fees`, {
        headers: s.op,
      });
      const flightFees = await fees.json();
      assert.deepEqual([flightFees.fees.Y.exitRow, flightFees.own], [4000, false]);

      // The same exit-row seats: 2 × 25 on STD, 2 × 40 on XL, in the total the card is charged.
      const onStd = await s.book({ seats: ["11A", "11B"] });
      assert.equal(onStd.total, onStd.unitPrice * 2 + 5000);
      const onXl = await s.book({ flightId: other.id, seats: ["11A", "11B"] });
      assert.equal(onXl.segments[0].seatFees, 8000);
      assert.equal(onXl.total, onXl.unitPrice * 2 + 8000);
      const [row] = await db.sql`SELECT total_amount FROM bookings WHERE id = ${onXl.id}`;
      assert.equal(row.total_amount, onXl.unitPrice * 2 + 8000);

      // Each seat map shows its own configuration's fee.
      const label = (fee: number) =>
        new RegExp(`aria-label="Row 12, seat A, [^"]*plus \\$${fee} seat fee"`);
      assert.match(await (await s.app.request(`/flights/${s.flightId}`)).text(), label(25));
      assert.match(await (await s.app.request(`/flights/${other.id}`)).text(), label(40));
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
