import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { runDueJobs } from "../../workers/job_runner.ts";
import { deliverToMailbox } from "../../db/email_outbox_repo.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { DESKTOP, IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot } from "../support/pages.ts";

const CSV = [
  "flight_number,origin,destination,departure_local,arrival_local,aircraft_type,fare_J,fare_Y",
  "901,LHR,CDG,2030-04-01T08:00,2030-04-01T10:15,A20N,30000,9000",
  "902,CDG,LHR,2030-04-01T11:00,2030-04-01T11:20,A20N,30000,9000",
  "903,LHR,QQQ,2030-04-01T12:00,2030-04-01T14:00,A20N,30000,9000",
  "904,LHR,CDG,2030-04-02T08:00,2030-04-02T10:15,A20N,30000,9000",
].join("\n");

Deno.test({
  name: "browser: an operator's charts, flights, editor, live recurring preview, CSV import and " +
    "mailbox work and are accessible, CSP intact",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql);
      const t = await testApp(db);
      await deliverToMailbox(db.sql, {
        dedupeKey: "browser-mail",
        from: "Contrail <noreply@contrail.test>",
        to: "pat@example.test",
        subject: "Your flight CT 100 is delayed",
        html: '<h1 style="font-size:20px">Delayed</h1><p>New time <b>11:30</b>.</p>',
        text: "Delayed\nNew time 11:30.",
        attachments: [],
      });
      const { headers } = await staffHeaders(t, db, "operator");
      const { base, signedInPage, close } = await serveWithBrowser(t);
      let importing = true;
      // The job runner the app would have: a pass every 200 ms while the page polls.
      const runner = (async () => {
        while (importing) {
          await runDueJobs({ sql: db.sql, log: t.deps.log, clock: t.clock });
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
      try {
        const { page, problems } = await signedInPage(headers, DESKTOP);

        await page.goto(`${base}/admin`);
        await page.waitForFunction(() => document.querySelectorAll(".chart canvas").length === 3);
        assert.equal(await page.locator("details[open]").count(), 0, "tables fold once charted");
        await assertAccessible(page, "dashboard");
        await screenshot(page, "admin-dashboard");

        await page.goto(`${base}/admin/flights?origin=LHR`);
        const rows = page.locator("table.data tbody tr");
        assert.ok(await rows.count() > 5);
        await assertAccessible(page, "flights");
        await screenshot(page, "admin-flights");
        await rows.first().locator("a").click();
        await page.waitForURL(/\/admin\/flights\/[0-9a-f-]{36}$/);
        await page.getByRole("heading", { name: "Change the status" }).waitFor();
        await assertAccessible(page, "flight editor");
        await screenshot(page, "admin-flight-edit");

        await page.goto(`${base}/admin/flights/recurring`);
        await page.getByLabel("Flight number").fill("777");
        await page.getByLabel("From (IATA)").fill("LHR");
        await page.getByLabel("To (IATA)").fill("CDG");
        await page.getByLabel("Aircraft type").selectOption("A20N");
        await page.getByLabel("Business (J)").fill("300");
        await page.getByLabel("Economy (Y)").fill("90");
        await page.getByLabel("Departs at").fill("07:30");
        await page.getByLabel("Arrives at").fill("09:45");
        await page.getByLabel("First day").fill("2030-03-25");
        await page.getByLabel("Last day").fill("2030-04-07");
        await page.getByLabel("Tue").check();
        await page.getByLabel("Sat").check();
        await page.getByText("4 flights would be created.").waitFor();
        // Clocks go forward in Paris and London on 31 March: the UTC time moves, not the local.
        await page.getByText("2030-03-30 07:30 UTC").waitFor();
        await page.getByText("2030-04-02 06:30 UTC").waitFor();
        await assertAccessible(page, "recurring");
        await screenshot(page, "admin-recurring");

        await page.goto(`${base}/admin/flights/upload`);
        await page.getByLabel("CSV file").setInputFiles({
          name: "april.csv",
          mimeType: "text/csv",
          buffer: Buffer.from(CSV),
        });
        await page.getByRole("button", { name: "Upload and import" }).click();
        await page.waitForURL(/\/admin\/jobs\/[0-9a-f-]{36}$/);
        await page.getByText("Done: 4 rows read; 3 imported, 1 rejected.").waitFor();
        // The island's table of rejected rows comes first; the reasons counted follow it.
        const rejected = page.locator("table.data").first().locator("tbody tr");
        assert.equal(await rejected.count(), 1);
        assert.match(await rejected.first().innerText(), /^4\s+destination: unknown airport$/);
        assert.equal(await page.locator("progress").getAttribute("aria-valuenow"), "4");
        await assertAccessible(page, "upload job");
        await screenshot(page, "admin-upload-job");

        await page.goto(`${base}/admin/mailbox`);
        await page.getByRole("link", { name: "Your flight CT 100 is delayed" }).click();
        await page.getByText("New time 11:30.").waitFor();
        await page.getByText("HTML version").click();
        await assertAccessible(page, "mailbox");
        await screenshot(page, "admin-mailbox");
        assert.deepEqual(problems, []);
      } finally {
        importing = false;
        await runner;
        await close();
      }
    }, { seededDays: 1 }),
});
