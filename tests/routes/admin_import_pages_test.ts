import assert from "node:assert/strict";
import { runDueJobs } from "../../workers/job_runner.ts";
import { importUndoSteps } from "../../services/schedule/import_undo.ts";
import { adminDeps } from "../../routes/deps.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { staffPages } from "../support/staff_pages.ts";

const CSV = [
  "flight_number,origin,destination,departure_local,arrival_local,aircraft_type,fare_J,fare_W,fare_Y,carrier",
  "31,LHR,JFK,2030-06-01T09:00,2030-06-01T12:00,B789,250000,90000,45000,ZZ",
  "32,LHR,XXX,2030-06-01T09:00,2030-06-01T12:00,B789,250000,90000,45000,ZZ",
].join("\n");

testOnEachBackend(
  "import pages: validate only without JavaScript, then import, see reasons, download and undo",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const op = await staffPages(t, db);
      const page = await op.html("/admin/flights/upload");
      assert.match(page, /formaction="\/admin\/flights\/upload\?dryRun=true"/);
      const post = async (path: string) => {
        const form = new FormData();
        form.append("_csrf", op.jar.get("ct_csrf")!);
        form.append("file", new File([CSV], "june.csv", { type: "text/csv" }));
        const res = await t.app.request(path, {
          method: "POST",
          headers: { Cookie: op.jar.header() },
          body: form,
        });
        assert.equal(res.status, 303, await res.clone().text());
        await runDueJobs({ sql: db.sql, log: t.deps.log, clock: t.clock });
        return res.headers.get("location")!;
      };
      const dry = await op.html(await post("/admin/flights/upload?dryRun=true"));
      assert.match(dry, /<h1>Validation of june.csv<\/h1>/);
      assert.match(dry, /Validated: 2 rows read; 1 would be imported, 1 rejected\. Nothing/);
      assert.doesNotMatch(dry, /Undo the import/, "a validation has nothing to undo");
      const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM flights WHERE carrier = 'ZZ'`;
      assert.equal(n, 0);

      const location = await post("/admin/flights/upload");
      const done = await op.html(location);
      assert.match(done, /<td>destination: unknown airport<\/td><td class="num">1<\/td>/);
      assert.match(done, /href="\/api\/admin\/jobs\/[0-9a-f-]{36}\/rejected-rows\.csv"/);
      const csv = await op.get(`/api${location}/rejected-rows.csv`);
      assert.equal(csv.status, 200, "the download works with the page session");
      assert.match(
        await csv.text(),
        /destination: unknown airport,1,3,"32,LHR,XXX,[^"]+",false,32,LHR,XXX/,
      );

      const undo = await op.post(`${location}/undo`, {});
      assert.equal(undo.status, 303, (await undo.text()).slice(0, 300));
      const undoPage = undo.headers.get("location")!;
      assert.match(undoPage, /^\/admin\/jobs\/[0-9a-f-]{36}$/);
      const queued = await op.html(undoPage);
      assert.match(queued, /<h1>Undo of the import of june.csv<\/h1>/);
      assert.match(queued, /Queued: 1 flight to go through\./);
      assert.match(queued, /data-island="JobProgress"/, "the progress island shows it");
      const steps = importUndoSteps({ ...adminDeps(t.deps), clock: t.clock });
      await runDueJobs({ sql: db.sql, log: t.deps.log, clock: t.clock, steps });
      assert.match(await op.html(undoPage), /Done: 1 flight gone through; 1 deleted, 0 kept\./);
      const [{ n: left }] = await db.sql`
        SELECT count(*)::int AS n FROM flights WHERE carrier = 'ZZ'`;
      assert.equal(left, 0);
      const undone = await op.html(location);
      assert.match(undone, new RegExp(`href="${undoPage}">follow its progress`));
      assert.match(
        await op.html("/admin/flights/upload"),
        /Undo of june\.csv/,
      );
      const twice = await op.post(`${location}/undo`, {});
      assert.equal(twice.status, 409);
      assert.match(await twice.text(), /already asked for/);
    } finally {
      await t.close();
    }
  },
);
