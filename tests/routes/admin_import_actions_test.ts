import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { notifyFixture } from "../support/notify.ts";
import { staffHeaders } from "../support/staff.ts";
import { json } from "../support/http.ts";
import { CsvParser } from "../../domain/csv.ts";
import { runDueJobs } from "../../workers/job_runner.ts";
import { importUndoSteps } from "../../services/schedule/import_undo.ts";
import { adminDeps } from "../../routes/deps.ts";

const HEADER = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
  "fare_J,fare_W,fare_Y,carrier";

/** Flight ZZ `n`, London to New York on a B789, on `day` of June 2030. */
function row(n: string, day = "01", to = "JFK") {
  return `${n},LHR,${to},2030-06-${day}T09:00,2030-06-${day}T12:00,B789,250000,90000,45000,ZZ`;
}

function parseCsv(text: string): string[][] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()].map((r) => {
    assert.ok("fields" in r, JSON.stringify(r));
    return r.fields;
  });
}

type Fixture = Awaited<ReturnType<typeof notifyFixture>>;

async function importCsv(s: Fixture, op: Record<string, string>, csv: string, query = "") {
  const form = new FormData();
  form.append("file", new File([csv], "june.csv", { type: "text/csv" }));
  const res = await s.app.request(`/api/admin/flights/bulk${query}`, {
    method: "POST",
    body: form,
    headers: op,
  });
  const queued = await res.json();
  assert.equal(res.status, 202, JSON.stringify(queued));
  await runDueJobs({ sql: s.deps.db.sql, log: s.deps.log, clock: s.clock });
  return await (await s.app.request(`/api/admin/jobs/${queued.id}`, { headers: op })).json();
}

const FILE = [
  HEADER,
  row("1"),
  row("2", "01", "XXX"),
  row("=1+1"),
  row("3", "01", "XXX"),
  '4,LHR,"JFK,2030-06-01T09:00',
  row("1"),
  row("5"),
].join("\n");

testOnEachBackend(
  "import actions: rejected rows download grouped by reason with the row as sent; a dry run writes nothing",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const dry = await importCsv(s, op, FILE, "?dryRun=true");
      assert.equal(dry.status, "succeeded", JSON.stringify(dry));
      assert.equal(dry.dryRun, true);
      assert.deepEqual([dry.total, dry.accepted, dry.rejected], [7, 2, 5]);
      const [{ n: none }] = await db
        .sql`SELECT count(*)::int AS n FROM flights WHERE carrier = 'ZZ'`;
      assert.equal(none, 0, "a dry run creates no flight");
      assert.match(dry.rejections.find((r: { line: number }) => r.line === 7).reason, /already/);

      const job = await importCsv(s, op, FILE);
      assert.equal(job.dryRun, false);
      assert.deepEqual([job.accepted, job.rejected], [2, 5]);
      assert.deepEqual(job.reasons[0], { reason: "destination: unknown airport", count: 2 });
      assert.equal(job.reasons.reduce((n: number, r: { count: number }) => n + r.count, 0), 5);

      const res = await s.app.request(`/api/admin/jobs/${job.id}/rejected-rows.csv`, {
        headers: op,
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
      assert.equal(
        res.headers.get("content-disposition"),
        'attachment; filename="june-rejected.csv"',
      );
      const rows = parseCsv(await res.text());
      assert.deepEqual(rows[0], [
        "reason",
        "rows_with_reason",
        "line",
        "raw",
        "raw_truncated",
        ...HEADER.split(","),
      ]);
      assert.equal(rows.length, 6);
      const reasons = rows.slice(1).map((r) => r[0]);
      assert.deepEqual(reasons, [...reasons].sort(), "grouped by reason");
      const unknown = rows.filter((r) => r[0] === "destination: unknown airport");
      assert.deepEqual(unknown.map((r) => [r[1], r[2], r[5], r[7]]), [
        ["2", "3", "2", "XXX"],
        ["2", "5", "3", "XXX"],
      ]);
      // A cell a spreadsheet would run as a formula comes back as text.
      const formula = rows.find((r) => r[2] === "4")!;
      assert.equal(formula[5], "'=1+1");
      assert.equal(formula[3], `'${row("=1+1")}`, "a read row's raw text is its fields");
      assert.match(formula[0], /^flight_number: /);
      const broken = rows.find((r) => r[2] === "6")!;
      assert.deepEqual(
        broken.slice(1),
        ["1", "6", '4,LHR,"JFK,2030-06-01T09:00', "false"],
        "an unreadable row has its line as sent, and no fields",
      );
      const dup = rows.find((r) => r[2] === "7")!;
      assert.match(dup[0], /already exists/);

      const guest = await s.app.request(`/api/admin/jobs/${job.id}/rejected-rows.csv`);
      assert.equal(guest.status, 401);
      const missing = await s.app.request(
        `/api/admin/jobs/${crypto.randomUUID()}/rejected-rows.csv`,
        { headers: op },
      );
      assert.equal(missing.status, 404);
      assert.equal(missing.headers.get("content-type"), "application/problem+json");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "import actions: an unreadable row comes back as sent (formula-guarded), a too-long one cut at 2 KiB and flagged",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const malformed = '=HYPERLINK("http://evil.test"),LHR,JFK';
      const long = `${"9".repeat(70 * 1024)},LHR,JFK`;
      const job = await importCsv(
        s,
        op,
        [HEADER, row("11"), malformed, long, row("12")].join("\n"),
      );
      assert.deepEqual([job.accepted, job.rejected], [2, 2]);
      const res = await s.app.request(`/api/admin/jobs/${job.id}/rejected-rows.csv`, {
        headers: op,
      });
      const text = await res.text();
      const rows = parseCsv(text);
      for (const cell of rows.flat()) {
        assert.doesNotMatch(cell, /^[=+\-@\t\r]/, "no cell starts as a formula");
      }
      const quote = rows.find((r) => r[2] === "3")!;
      assert.match(quote[0], /a quote inside an unquoted field/);
      assert.deepEqual(quote.slice(3), [`'${malformed}`, "false"]);
      const cut = rows.find((r) => r[2] === "4")!;
      assert.match(cut[0], /record longer than 65536 characters/);
      assert.deepEqual(cut.slice(3), ["9".repeat(2048), "true"]);
      assert.ok(text.length < 10_000, "the download never carries the whole long row");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

/** Runs due jobs as the app's runner would, undo jobs included. */
function runJobs(s: Fixture) {
  const deps = { ...adminDeps(s.deps), clock: s.clock };
  return runDueJobs({
    sql: s.deps.db.sql,
    log: s.deps.log,
    clock: s.clock,
    steps: importUndoSteps(deps),
  });
}

testOnEachBackend(
  "import actions: undo is a background job that deletes the import's unbooked flights and keeps a booked one",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const job = await importCsv(s, op, [HEADER, row("7"), row("8"), row("9")].join("\n"));
      assert.equal(job.accepted, 3);
      const [booked] = await db.sql`
        SELECT id FROM flights WHERE carrier = 'ZZ' AND flight_number = '8'`;
      const ada = await s.signUp("ada-undo@example.test");
      await s.book(ada.headers, "Lovelace", booked.id);
      // A flight the operator made by hand is not the import's to undo.
      const other = await s.app.request(
        "/api/admin/flights",
        json("POST", {
          flightNumber: "9",
          carrier: "ZZ",
          origin: "LHR",
          destination: "JFK",
          departureLocal: "2030-06-02T09:00",
          arrivalLocal: "2030-06-02T12:00",
          aircraftType: "B789",
          baseFares: { J: 250000, W: 90000, Y: 45000 },
        }, op),
      );
      assert.equal(other.status, 201);

      const res = await s.app.request(`/api/admin/jobs/${job.id}/undo`, json("POST", {}, op));
      const queued = await res.json();
      assert.equal(res.status, 202, JSON.stringify(queued));
      assert.deepEqual([queued.status, queued.total], ["queued", 3]);
      assert.equal(res.headers.get("location"), `/api/admin/jobs/${queued.id}`);
      const [{ n: untouched }] = await db
        .sql`SELECT count(*)::int AS n FROM flights WHERE carrier = 'ZZ'`;
      assert.equal(untouched, 4, "the request only queues the undo");

      const again = await s.app.request(`/api/admin/jobs/${job.id}/undo`, json("POST", {}, op));
      assert.equal(again.status, 409, "undo twice is one job");
      assert.equal((await again.json()).code, "undo_exists");
      assert.equal(again.headers.get("location"), queued.location);

      assert.deepEqual((await runJobs(s)).jobs, [{ id: queued.id, outcome: "succeeded" }]);
      const undo = await (await s.app.request(queued.location, { headers: op })).json();
      assert.equal(undo.kind, "flights.import_undo");
      assert.equal(undo.undoes, job.id);
      assert.deepEqual([undo.status, undo.total, undo.accepted, undo.rejected], [
        "succeeded",
        3,
        2,
        1,
      ]);
      assert.deepEqual(undo.rejections[0].flight, { id: booked.id, label: "ZZ 8 on 2030-06-01" });
      assert.match(undo.rejections[0].reason, /held, sold or paid for/);
      const imported = await (await s.app.request(`/api/admin/jobs/${job.id}`, { headers: op }))
        .json();
      assert.equal(imported.undoneBy, queued.id);
      const left = await db.sql`
        SELECT flight_number FROM flights WHERE carrier = 'ZZ' ORDER BY departure_local`;
      assert.deepEqual(left.map((f) => f.flight_number.trim()), ["8", "9"]);
      const [audit] = await db.sql`
        SELECT entity_id, details FROM audit_log WHERE action = 'flights.import_undone'`;
      assert.equal(audit.entity_id, job.id);
      assert.deepEqual(audit.details, { removed: 2, kept: 1, undoJobId: queued.id });
      const [{ n: deleted }] = await db.sql`
        SELECT count(*)::int AS n FROM audit_log WHERE action = 'flight.deleted'`;
      assert.equal(deleted, 2, "each deleted flight is audited");

      const dry = await importCsv(s, op, [HEADER, row("10")].join("\n"), "?dryRun=1");
      const refused = await s.app.request(`/api/admin/jobs/${dry.id}/undo`, json("POST", {}, op));
      assert.equal(refused.status, 409);
      assert.equal((await refused.json()).code, "nothing_to_undo");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
