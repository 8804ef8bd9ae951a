import assert from "node:assert/strict";
import type { Database } from "../../../db/postgres.ts";
import { AppError } from "../../../domain/app_error.ts";
import { manualClock } from "../../../domain/clock.ts";
import { stageFlightCsv } from "../../../services/schedule/flight_csv_upload.ts";
import { createLogger } from "../../../platform/log.ts";
import { testOnEachBackend } from "../../support/db.ts";

const HEADER =
  "Flight_Number,ORIGIN,destination,departure_local,arrival_local,aircraft_type,fare_Y";

/** Uploads `csv` as a form whose body arrives in 1 KiB chunks, as from a network. */
async function upload(db: Database, csv: string, maxBytes: number) {
  const form = new FormData();
  form.append("file", new File([csv], "flights.csv"));
  const req = new Request("http://test/", { method: "POST", body: form });
  const bytes = new Uint8Array(await req.arrayBuffer());
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at += 1024));
    },
  });
  const deps = {
    sql: db.sql,
    log: createLogger({ level: "error", sink: () => {} }),
    clock: manualClock("2030-03-01T06:00:00Z"),
  };
  return await stageFlightCsv(deps, {
    body,
    contentType: req.headers.get("content-type") ?? undefined,
    maxBytes,
    batchSize: 10,
  });
}

const row = (n: number) => `${n},LHR,CDG,2030-06-01T09:00,2030-06-01T11:20,A20N,30000`;

testOnEachBackend(
  "flight csv upload: records are staged with their lines, unreadable ones with the reason",
  async (db) => {
    const csv = [HEADER, row(1), '2,"LHR"x,CDG', `3,LH\0R,CDG`, "", row(5)].join("\r\n");
    const { jobId, total } = await upload(db, csv, 1 << 20);
    assert.equal(total, 4);
    const rows = await db.sql`
      SELECT line, fields, parse_error FROM job_rows WHERE job_id = ${jobId} ORDER BY line`;
    assert.deepEqual(rows.map((r) => r.line), [2, 3, 4, 6]);
    assert.deepEqual(rows[0].fields, row(1).split(","));
    assert.match(rows[1].parse_error, /text after the closing quote/);
    assert.equal(rows[2].parse_error, "the row contains a NUL character");
    const [job] = await db.sql`SELECT status, total, input, locked_until FROM jobs`;
    assert.deepEqual([job.status, job.total, job.locked_until], ["queued", 4, null]);
    assert.deepEqual(job.input.columns, [
      "flight_number",
      "origin",
      "destination",
      "departure_local",
      "arrival_local",
      "aircraft_type",
      "fare_Y",
    ]);
  },
);

testOnEachBackend(
  "flight csv upload: a body that grows past the limit while streaming fails its job",
  async (db) => {
    const csv = [HEADER, ...Array.from({ length: 400 }, (_, i) => row(i + 1))].join("\n");
    await assert.rejects(
      upload(db, csv, 8 * 1024),
      (e) => e instanceof AppError && e.status === 413 && e.code === "payload_too_large",
    );
    const [job] = await db.sql`
      SELECT status, failure, (SELECT count(*)::int FROM job_rows) AS staged FROM jobs`;
    assert.equal(job.status, "failed", "some batches were staged before the limit was hit");
    assert.equal(job.staged, 0);
    assert.match(job.failure, /too large.*Nothing was imported/);
  },
);
