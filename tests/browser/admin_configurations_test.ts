import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { json, signUp, VISA } from "../support/http.ts";
import { DESKTOP, IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot } from "../support/pages.ts";

Deno.test({
  name: "browser: an operator adds a configuration in the layout editor, previews and confirms " +
    "a flight onto it with its captain still rated, then previews and confirms a cancellation; " +
    "every page accessible",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 1);
      const t = await testApp(db, "2030-03-01T00:00:00Z");
      const { headers } = await staffHeaders(t, db, "operator");
      // An A20N flight with a paying passenger and a captain rated on the A20N.
      const [flight] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'A20N' AND departure_at > '2030-03-01T08:00Z'
        ORDER BY departure_at LIMIT 1`;
      const ada = await signUp(t.app, "ada@example.test");
      const booked = await (await t.app.request(
        "/api/bookings",
        json("POST", {
          flightId: flight.id,
          cabin: "Y",
          passengers: [{ firstName: "Ada", lastName: "Lovelace" }],
        }, ada.headers),
      )).json();
      await t.app.request(
        `/api/bookings/${booked.id}/pay`,
        json("POST", { card: VISA }, { ...ada.headers, "Idempotency-Key": "pay-ada" }),
      );
      const [captain] = await db.sql`
        SELECT id FROM crew_members WHERE role = 'captain' AND 'A20N' = ANY (type_ratings)
        ORDER BY employee_number LIMIT 1`;
      const assigned = await t.app.request(
        `/api/admin/flights/${flight.id}/crew`,
        json("POST", {
          crewId: captain.id,
          role: "captain",
          override: { reason: "Browser test of ratings after a change" },
        }, headers),
      );
      assert.equal(assigned.status, 201, await assigned.text());

      const { base, signedInPage, close } = await serveWithBrowser(t);
      try {
        const { page, problems } = await signedInPage(headers, DESKTOP);

        await page.goto(`${base}/admin/aircraft-types/A20N`);
        await page.getByRole("link", { name: "Add a configuration" }).click();
        await page.waitForURL(/\/configurations\/new$/);
        await page.getByRole("button", { name: "Add a cabin" }).waitFor(); // hydrated
        await page.getByLabel("Configuration code").fill("HD");
        await page.getByLabel("Name", { exact: true }).fill("High density");
        await page.locator("#f-cabins-1-lastRow").fill("32");
        await assertAccessible(page, "new configuration");
        await screenshot(page, "admin-configuration-new");
        await page.getByRole("button", { name: "Create configuration" }).click();
        await page.waitForURL(/\/admin\/aircraft-types\/A20N\/configurations\/HD\?saved=1$/);
        await page.getByText("Saved.").waitFor();

        await page.goto(`${base}/admin/flights/${flight.id}`);
        await page.getByLabel("Type and configuration").selectOption("A20N/HD");
        await page.getByRole("button", { name: "Preview the change" }).click();
        await page.getByRole("heading", { name: /Preview: .* to A20N configuration HD/ })
          .waitFor();
        await page.getByText("All assigned crew are rated on the A20N.").waitFor();
        await assertAccessible(page, "aircraft change preview");
        await screenshot(page, "admin-aircraft-preview");
        await page.getByRole("button", { name: "Confirm the aircraft change" }).click();
        await page.getByText(/Now A20N configuration HD\. No passenger changed seats\./).waitFor();
        await page.getByText("All assigned crew are rated on the A20N.").waitFor();
        assert.equal(await page.getByText("new times").count(), 0);
        await assertAccessible(page, "aircraft change outcome");

        await page.goto(`${base}/admin/flights/${flight.id}`);
        const cancel = page.locator('form[aria-labelledby="status-cancelled-title"]');
        await cancel.getByLabel("Reason").fill("Strike");
        await cancel.getByRole("button", { name: "Preview the cancellation" }).click();
        await page.getByText(/An estimate: nothing is held yet/).waitFor();
        await page.getByText(/1 passenger affected/).waitFor();
        await assertAccessible(page, "cancellation preview");
        await screenshot(page, "admin-cancel-preview");
        await page.getByRole("button", { name: "Confirm the cancellation" }).click();
        await page.getByText(/^Flight cancelled: \d+ bookings moved/).waitFor();
        await assertAccessible(page, "cancellation outcome");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
