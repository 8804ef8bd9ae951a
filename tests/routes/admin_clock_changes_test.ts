import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { notifyFixture } from "../support/notify.ts";
import { staffHeaders } from "../support/staff.ts";
import { staffClient } from "../support/pages.ts";
import { json } from "../support/http.ts";
import { runDueJobs } from "../../workers/job_runner.ts";

// Frankfurt in 2030: clocks go forward 02:00 → 03:00 on 31 March and back 03:00 → 02:00 on
// 27 October.
const FLIGHT = {
  flightNumber: "4711",
  origin: "FRA",
  destination: "CDG",
  departureLocal: "2030-03-31T02:30",
  arrivalLocal: "2030-03-31T05:00",
  aircraftType: "A20N",
  baseFares: { J: 45_000, Y: 12_000 },
};

async function problem(res: Response, status: number, code: string) {
  const body = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  assert.equal(body.code, code);
  return body;
}

testOnEachBackend(
  "clock changes: a skipped local time is refused, a doubled one needs its offset, by create and edit",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const gap = await problem(
        await s.app.request("/api/admin/flights", json("POST", FLIGHT, op)),
        422,
        "nonexistent_local_time",
      );
      assert.match(gap.detail, /2030-03-31T02:30 does not exist in Europe\/Berlin/);
      assert.equal(gap.errors[0].path, "departureLocal");

      const autumn = {
        ...FLIGHT,
        departureLocal: "2030-10-27T02:30",
        arrivalLocal: "2030-10-27T04:00",
      };
      const twice = await problem(
        await s.app.request("/api/admin/flights", json("POST", autumn, op)),
        422,
        "ambiguous_local_time",
      );
      assert.match(twice.detail, /happens twice in Europe\/Berlin \(at \+02:00 and at \+01:00\)/);

      const later = await s.app.request(
        "/api/admin/flights",
        json("POST", { ...autumn, departureLocal: "2030-10-27T02:30+01:00" }, op),
      );
      const made = await later.json();
      assert.equal(later.status, 201, JSON.stringify(made));
      assert.equal(made.departureAt, "2030-10-27T01:30:00.000Z");
      const [{ n }] = await db.sql`
        SELECT count(*)::int AS n FROM flights WHERE flight_number = '4711'`;
      assert.equal(n, 1, "only the flight with an offset was written");

      // The page's form takes the offset in a field of its own (a datetime input has none).
      const { client } = await staffClient(s, db, "operator");
      const form = {
        carrier: "CT",
        flightNumber: "4716",
        origin: "FRA",
        destination: "CDG",
        departureLocal: "2030-10-27T02:30",
        arrivalLocal: "2030-10-27T04:00",
        aircraftType: "A20N",
        currency: "EUR",
        "baseFares.J": "450",
        "baseFares.Y": "120",
      };
      const refused = await client.post("/admin/flights/new", form);
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /happens twice in Europe\/Berlin/);
      const taken = await client.post("/admin/flights/new", { ...form, departureOffset: "+02:00" });
      assert.equal(taken.status, 303, await taken.clone().text());
      const [paged] = await db.sql`
        SELECT departure_at FROM flights WHERE flight_number = '4716'`;
      assert.equal(new Date(paged.departure_at).toISOString(), "2030-10-27T00:30:00.000Z");

      // An edit into the gap is refused the same way, and changes nothing.
      const edit = await s.app.request(
        `/api/admin/flights/${made.id}`,
        json("PUT", { ...autumn, departureLocal: "2030-03-31T02:15" }, op),
      );
      await problem(edit, 422, "nonexistent_local_time");
      const [row] = await db.sql`SELECT departure_at FROM flights WHERE id = ${made.id}`;
      assert.equal(new Date(row.departure_at).toISOString(), "2030-10-27T01:30:00.000Z");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "clock changes: a daily series skips and reports the skipped and doubled dates; a CSV row is rejected",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const rule = {
        flightNumber: "4712",
        origin: "FRA",
        destination: "CDG",
        departureTime: "02:30",
        arrivalTime: "04:00",
        startDate: "2030-03-30",
        endDate: "2030-04-01",
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        aircraftType: "A20N",
        baseFares: { J: 45_000, Y: 12_000 },
      };
      const res = await s.app.request("/api/admin/flights/recurring", json("POST", rule, op));
      const made = await res.json();
      assert.equal(res.status, 201, JSON.stringify(made));
      assert.equal(made.created, 2);
      assert.equal(made.skipped.length, 1);
      assert.equal(made.skipped[0].date, "2030-03-31");
      assert.equal(made.skipped[0].code, "nonexistent_local_time");
      const preview = await (await s.app.request(
        "/api/admin/flights/recurring/preview",
        json("POST", { ...rule, startDate: "2030-10-26", endDate: "2030-10-28" }, op),
      )).json();
      assert.deepEqual(
        preview.planned.map((p: { code?: string }) => p.code ?? "ok"),
        ["ok", "ambiguous_local_time", "ok"],
      );

      const csv = [
        "flight_number,origin,destination,departure_local,arrival_local,aircraft_type,fare_J,fare_Y",
        "4713,FRA,CDG,2030-03-31T02:30,2030-03-31T05:00,A20N,45000,12000",
        "4714,FRA,CDG,2030-10-27T02:30,2030-10-27T04:00,A20N,45000,12000",
        "4715,FRA,CDG,2030-10-27T02:30+02:00,2030-10-27T04:00,A20N,45000,12000",
      ].join("\n");
      const form = new FormData();
      form.append("file", new File([csv], "dst.csv", { type: "text/csv" }));
      const up = await s.app.request("/api/admin/flights/bulk", {
        method: "POST",
        body: form,
        headers: op,
      });
      const job = await up.json();
      assert.equal(up.status, 202, JSON.stringify(job));
      await runDueJobs({ sql: db.sql, log: s.deps.log, clock: s.clock });
      const done = await (await s.app.request(`/api/admin/jobs/${job.id}`, { headers: op }))
        .json();
      assert.deepEqual([done.accepted, done.rejected], [1, 2]);
      assert.equal(done.rejections[0].line, 2);
      assert.match(done.rejections[0].reason, /departure_local: 2030-03-31T02:30 does not exist/);
      assert.match(done.rejections[1].reason, /departure_local: 2030-10-27T02:30 happens twice/);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
