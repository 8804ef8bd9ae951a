import assert from "node:assert/strict";
import type { Database } from "../../db/postgres.ts";
import { runDueJobs } from "../../workers/job_runner.ts";
import { staffHeaders } from "../support/staff.ts";
import { testOnEachBackend } from "../support/db.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { seedTestSchedule } from "../support/seed.ts";

const HEADER = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
  "aircraft_registration,fare_F,fare_J,fare_W,fare_Y,carrier";

/** A valid row: flight ZZ `n`, LHR to JFK on a B789 (cabins J, W, Y). */
function goodRow(n: number, pad = "") {
  return `${n},LHR,JFK,2030-06-01T09:00,2030-06-01T12:00${pad},B789,,,250000,90000,45000,ZZ`;
}

async function staff(db: Database, t: TestApp, role: "operator" | "admin" | "passenger") {
  return (await staffHeaders(t, db, role, `${role}-jobs@example.test`)).headers;
}

function upload(
  t: TestApp,
  headers: Record<string, string>,
  csv: string | Uint8Array<ArrayBuffer>,
) {
  const form = new FormData();
  form.append("file", new File([csv], "flights.csv", { type: "text/csv" }));
  return t.app.request("/api/admin/flights/bulk", { method: "POST", body: form, headers });
}

async function runJobs(db: Database, t: TestApp) {
  return await runDueJobs({ sql: db.sql, log: t.deps.log, clock: t.clock });
}

async function counts(db: Database) {
  const [c] = await db.sql`
    SELECT (SELECT count(*)::int FROM jobs) AS jobs,
      (SELECT count(*)::int FROM job_rows) AS staged,
      (SELECT count(*)::int FROM flights WHERE carrier = 'ZZ') AS flights`;
  return c as unknown as { jobs: number; staged: number; flights: number };
}

testOnEachBackend(
  "bulk upload: a good file over the 1 MiB JSON limit lands every row",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const operator = await staff(db, t, "operator");
      // Padded cells (trimmed on import) take the body past the app-wide 1 MiB limit.
      const rows = Array.from({ length: 2500 }, (_, i) => goodRow(i + 1, " ".repeat(400)));
      const csv = [HEADER, ...rows].join("\r\n") + "\r\n";
      assert.ok(csv.length > 1024 * 1024);
      const res = await upload(t, operator, csv);
      assert.equal(res.status, 202, await res.clone().text());
      const body = await res.json();
      assert.deepEqual({ status: body.status, total: body.total }, {
        status: "queued",
        total: 2500,
      });
      assert.equal(res.headers.get("location"), `/api/admin/jobs/${body.id}`);
      assert.equal((await counts(db)).flights, 0, "nothing lands before the runner");

      const report = await runJobs(db, t);
      assert.deepEqual(report.jobs, [{ id: body.id, outcome: "succeeded" }]);
      const job = await (await t.app.request(`/api/admin/jobs/${body.id}`, { headers: operator }))
        .json();
      assert.equal(job.status, "succeeded");
      assert.deepEqual(
        [job.total, job.processed, job.accepted, job.rejected],
        [2500, 2500, 2500, 0],
      );
      assert.deepEqual(job.rejections, []);
      assert.equal(job.filename, "flights.csv");
      assert.deepEqual(await counts(db), { jobs: 1, staged: 0, flights: 2500 });
      const [f] = await db.sql`
        SELECT to_char(departure_local, 'YYYY-MM-DD"T"HH24:MI') AS dep, base_fares, currency,
          departure_at FROM flights WHERE carrier = 'ZZ' AND flight_number = '17'`;
      assert.equal(f.dep, "2030-06-01T09:00");
      assert.deepEqual(f.base_fares, { J: 250000, W: 90000, Y: 45000 });
      assert.equal(f.departure_at.toISOString(), "2030-06-01T08:00:00.000Z");
      const [audit] = await db.sql`
        SELECT action, details FROM audit_log WHERE entity_type = 'job' AND entity_id = ${body.id}`;
      assert.equal(audit.action, "flights.bulk_uploaded");
      assert.equal(audit.details.rows, 2500);
      const list = await (await t.app.request("/api/admin/jobs", { headers: operator })).json();
      assert.equal(list.total, 1);
      assert.equal(list.data[0].id, body.id);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "bulk upload: malformed rows are rejected with their line and reason, the rest land",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const admin = await staff(db, t, "admin");
      const [unknown] = await db.sql`SELECT count(*)::int AS n FROM airports WHERE iata = 'QQQ'`;
      assert.equal(unknown.n, 0);
      const [existing] = await db.sql`
        SELECT flight_number, origin, destination, aircraft_type, base_fares,
          to_char(departure_local, 'YYYY-MM-DD"T"HH24:MI') AS dep,
          to_char(arrival_local, 'YYYY-MM-DD"T"HH24:MI') AS arr
        FROM flights WHERE carrier = 'CT' ORDER BY departure_at LIMIT 1`;
      const fares = ["F", "J", "W", "Y"].map((c) => existing.base_fares[c] ?? "").join(",");
      const lines = [
        HEADER,
        goodRow(1),
        "2,LHR,QQQ,2030-06-01T09:00,2030-06-01T12:00,B789,,,250000,90000,45000,ZZ",
        "3,LHR,JFK,2030-06-01T09:00,2030-06-01T03:00,B789,,,250000,90000,45000,ZZ",
        "4,LHR,JFK,2030-06-01T09:00,2030-06-01T12:00,B789,,,250000,,45000,ZZ",
        "5,LHR,CDG,2030-06-01T09:00,2030-06-01T11:20,A20N,,,90000,60000,30000,ZZ",
        '6,"LHR,CDG,2030-06-01T09:00,2030-06-01T11:20,A20N,,,90000,,30000,ZZ',
        goodRow(7) + ",surplus",
        `${existing.flight_number},${existing.origin},${existing.destination},${existing.dep},` +
        `${existing.arr},${existing.aircraft_type},,${fares},CT`,
        '"10","LHR","JFK","2030-06-01T09:00","2030-06-01T12:00","B789",,,"250000",90000,45000,zz',
        goodRow(10),
        "12,lhr,jfk,2030-06-01T09:00,2030-06-01T12:00,,n781ct,,250000,90000,45000,ZZ",
        "",
        goodRow(14),
      ];
      const res = await upload(t, admin, lines.join("\n"));
      assert.equal(res.status, 202, await res.clone().text());
      const { id, total } = await res.json();
      assert.equal(total, 12, "the blank line is not a row");
      await runJobs(db, t);

      const job = await (await t.app.request(`/api/admin/jobs/${id}`, { headers: admin })).json();
      assert.deepEqual(
        [job.status, job.processed, job.accepted, job.rejected],
        ["succeeded", 12, 4, 8],
      );
      const reasons = new Map<number, string>(
        job.rejections.map((r: { line: number; reason: string }) => [r.line, r.reason]),
      );
      assert.deepEqual([...reasons.keys()], [3, 4, 5, 6, 7, 8, 9, 11]);
      assert.equal(reasons.get(3), "destination: unknown airport");
      assert.equal(reasons.get(4), "arrival_local: arrival is not after departure");
      assert.equal(reasons.get(5), "fare_W: the B789 has cabin W");
      assert.equal(reasons.get(6), "fare_W: the A20N has no cabin W");
      assert.match(reasons.get(7)!, /text after the closing quote/);
      assert.equal(reasons.get(8), "expected 12 fields, found 13");
      assert.equal(
        reasons.get(9),
        `flight CT ${existing.flight_number} on ${existing.dep.slice(0, 10)} already exists`,
      );
      assert.equal(reasons.get(11), "flight ZZ 10 on 2030-06-01 already exists");
      const landed = await db.sql`
        SELECT flight_number, aircraft_registration FROM flights WHERE carrier = 'ZZ'
        ORDER BY flight_number::int`;
      assert.deepEqual(landed.map((f) => f.flight_number), ["1", "10", "12", "14"]);
      assert.equal(landed[2].aircraft_registration, "N781CT");

      const page = await t.app.request(`/api/admin/jobs/${id}/rejections?limit=3&page=2`, {
        headers: admin,
      });
      const paged = await page.json();
      assert.equal(paged.total, 8);
      assert.deepEqual(paged.data.map((r: { line: number }) => r.line), [6, 7, 8]);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "bulk upload: an optional configuration column names the cabin configuration; one the type lacks or another type's is rejected with why",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    // The B789 gets a second configuration (its default is STD); the A20N one the B789 lacks.
    await db.sql`INSERT INTO aircraft_configurations (type_code, code, name, layout, seat_count)
      SELECT type_code, c.code, 'Other', layout, seat_count FROM aircraft_configurations,
        (VALUES ('B789', 'HD'), ('A20N', 'NB')) AS c (type, code)
      WHERE type_code = c.type AND is_default`;
    const t = await testApp(db);
    try {
      const admin = await staff(db, t, "admin");
      const row = (n: number, config: string, registration = "", type = "B789") =>
        `${n},LHR,JFK,2030-06-01T09:00,2030-06-01T12:00,${type},${registration},,250000,` +
        `90000,45000,ZZ,${config}`;
      const lines = [
        `${HEADER},Configuration`,
        row(1, ""),
        row(2, "HD"),
        row(3, "hd"),
        row(4, "XL"),
        row(5, "NB"),
        row(6, "HD", "N781CT", ""),
        row(7, "STD", "N781CT", ""),
      ];
      const res = await upload(t, admin, lines.join("\n"));
      assert.equal(res.status, 202, await res.clone().text());
      const { id } = await res.json();
      await runJobs(db, t);
      const job = await (await t.app.request(`/api/admin/jobs/${id}`, { headers: admin })).json();
      assert.deepEqual([job.status, job.accepted, job.rejected], ["succeeded", 4, 3]);
      assert.deepEqual(
        job.rejections.map((r: { line: number; reason: string }) => [r.line, r.reason]),
        [
          [5, "configuration: the B789 has no configuration XL"],
          [6, "configuration: NB is a configuration of the A20N, not of the B789"],
          [7, "configuration: N781CT has configuration STD, not HD"],
        ],
      );
      const landed = await db.sql`SELECT flight_number, aircraft_config FROM flights
        WHERE carrier = 'ZZ' ORDER BY flight_number::int`;
      assert.deepEqual(landed.map((f) => [f.flight_number, f.aircraft_config]), [
        ["1", "STD"], // no configuration: the type's default, as before the column
        ["2", "HD"],
        ["3", "HD"],
        ["7", "STD"],
      ]);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend("bulk upload: a truncated body imports nothing and fails its job", async (db) => {
  await seedTestSchedule(db.sql, 1);
  const t = await testApp(db);
  try {
    const operator = await staff(db, t, "operator");
    const csv = [HEADER, ...Array.from({ length: 2500 }, (_, i) => goodRow(i + 1))].join("\n");
    const whole = `--cut\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\n` +
      `\r\n${csv}\r\n--cut--\r\n`;
    // The client goes away two thirds of the way in: after some batches were staged.
    const bytes = new TextEncoder().encode(whole.slice(0, Math.floor(whole.length * 2 / 3)));
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at += 4096));
      },
    });
    const res = await t.app.request(
      new Request("http://localhost/api/admin/flights/bulk", {
        method: "POST",
        headers: { ...operator, "Content-Type": "multipart/form-data; boundary=cut" },
        body,
      }),
    );
    assert.equal(res.status, 400);
    assert.equal((await res.json()).code, "upload_truncated");
    const [job] = await db.sql`SELECT status, total, failure FROM jobs`;
    assert.equal(job.status, "failed");
    assert.equal(job.total, null);
    assert.match(job.failure, /Nothing was imported/);
    await runJobs(db, t);
    assert.deepEqual(await counts(db), { jobs: 1, staged: 0, flights: 0 });
  } finally {
    await t.close();
  }
}, { seededDays: 1 });

testOnEachBackend(
  "bulk upload: a bad header or a file that is no CSV stores nothing",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const admin = await staff(db, t, "admin");
      const badHeader = await upload(
        t,
        admin,
        "flight_number,origin,destination,departure_local,gate,fare_Y\n1,LHR,JFK,x,y,1\n",
      );
      assert.equal(badHeader.status, 400);
      const problem = await badHeader.json();
      assert.equal(problem.code, "invalid_input");
      const messages = problem.errors.map((e: { message: string }) => e.message);
      assert.ok(messages.includes('unknown column "gate"'), messages.join("; "));
      assert.ok(messages.includes("no arrival_local column"));
      assert.ok(messages.includes("no aircraft_type or aircraft_registration column"));

      const cases: [string | Uint8Array<ArrayBuffer>, string][] = [
        ["", "empty_file"],
        [HEADER + "\n", "no_rows"],
        [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]), "not_utf8"],
      ];
      for (const [content, code] of cases) {
        const res = await upload(t, admin, content);
        assert.equal(res.status, 400, code);
        assert.equal((await res.json()).code, code);
      }
      const json = await t.app.request("/api/admin/flights/bulk", {
        method: "POST",
        headers: { ...admin, "Content-Type": "application/json" },
        body: "{}",
      });
      assert.equal(json.status, 415);
      assert.deepEqual(await counts(db), { jobs: 0, staged: 0, flights: 0 });
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend("bulk upload and jobs: staff only, and an unknown job is 404", async (db) => {
  const t = await testApp(db);
  try {
    const passenger = await staff(db, t, "passenger");
    const operator = await staff(db, t, "operator");
    assert.equal((await upload(t, {}, HEADER)).status, 401);
    assert.equal((await upload(t, passenger, HEADER)).status, 403);
    assert.equal((await t.app.request("/api/admin/jobs", { headers: passenger })).status, 403);
    const missing = `/api/admin/jobs/${crypto.randomUUID()}`;
    assert.equal((await t.app.request(missing, { headers: operator })).status, 404);
    const rejections = await t.app.request(`${missing}/rejections`, { headers: operator });
    assert.equal(rejections.status, 404);
    assert.equal((await t.app.request(missing, { headers: {} })).status, 401);
    assert.equal((await counts(db)).jobs, 0);
  } finally {
    await t.close();
  }
});
