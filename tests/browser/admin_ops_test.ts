import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot } from "../support/pages.ts";

async function live(page: Page) {
  await page.locator(".live-state", { hasText: /^Live$/ }).waitFor();
}

Deno.test({
  name:
    "browser: operators run the ops board live, staff a flight and edit a seat layout by keyboard",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 2);
      const t = await testApp(db, "2030-03-01T06:00:00Z");
      const { base, signedInPage, close } = await serveWithBrowser(t);
      try {
        const a = await signedInPage((await staffHeaders(t, db, "operator")).headers);
        const b = await signedInPage((await staffHeaders(t, db, "operator")).headers);

        // Two operators watch FRA's departures; one delays a flight from the board.
        await a.page.goto(`${base}/admin/ops?origin=FRA`);
        await b.page.goto(`${base}/admin/ops?origin=FRA`);
        await Promise.all([live(a.page), live(b.page)]);
        await assertAccessible(a.page, "ops board");
        await screenshot(a.page, "admin-ops");
        const row = a.page.locator("tbody tr[id^=flight-]").first();
        const rowId = (await row.getAttribute("id"))!;
        const name = (await row.locator("th").textContent())!;
        await row.getByRole("button", { name: `Update status of ${name}` }).click();
        const dialog = a.page.getByRole("dialog", { name: `Update ${name}` });
        await dialog.getByLabel("Change").selectOption("delayed");
        const local = await dialog.getByLabel(/New departure/).inputValue();
        await dialog.getByLabel("Reason").fill("Late inbound aircraft");
        await assertAccessible(a.page, "status dialog");
        await dialog.getByRole("button", { name: "Apply" }).click();
        await dialog.waitFor({ state: "hidden" });
        await a.page.locator(`#${rowId} .status-delayed`).waitFor();
        // The other board hears of it over the ops stream, without reloading.
        await b.page.locator(`#${rowId} .status-delayed`).waitFor();
        // The departure column: scheduled, then the new time.
        assert.match(
          (await b.page.locator(`#${rowId} td`).nth(1).textContent())!,
          new RegExp(`→ ${local.slice(11)}`),
        );
        await b.page.locator("[aria-live=polite]", { hasText: `${name}: delayed` }).waitFor();
        // A delay of 30 minutes or more is an operations alert: both boards' panels show it live.
        for (const p of [a.page, b.page]) {
          await p.locator(".ops-alerts li", { hasText: `${name} delayed` }).waitFor();
        }
        await assertAccessible(b.page, "ops board with an alert");
        // The crew board: a legal assignment, then an illegal one, overridden with a reason.
        await a.page.goto(`${base}/admin/crew?origin=FRA`);
        await assertAccessible(a.page, "crew board");
        await screenshot(a.page, "admin-crew");
        await a.page.getByRole("link", { name: /^Assign crew to / }).first().click();
        const flightId = a.page.url().split("/").at(-1)!;
        const [f] = await db.sql`SELECT aircraft_type FROM flights WHERE id = ${flightId}`;
        const [captain] = await db.sql`
          SELECT id, name FROM crew_members WHERE role = 'captain' AND home_base = 'FRA'
            AND ${f.aircraft_type} = ANY (type_ratings) ORDER BY employee_number LIMIT 1`;
        const [officer] = await db.sql`
          SELECT id, name FROM crew_members WHERE role = 'first_officer' AND home_base = 'FRA'
            AND NOT (${f.aircraft_type} = ANY (type_ratings)) ORDER BY employee_number LIMIT 1`;
        await a.page.getByLabel("Crew member", { exact: true }).selectOption(captain.id);
        await a.page.getByLabel("Position").selectOption("captain");
        await a.page.getByRole("button", { name: "Assign", exact: true }).click();
        await a.page.getByText("Crew member assigned.").waitFor();
        await a.page.getByLabel("Crew member", { exact: true }).selectOption(officer.id);
        await a.page.getByLabel("Position").selectOption("captain");
        await a.page.getByRole("button", { name: "Assign", exact: true }).click();
        const alert = a.page.getByRole("alert").filter({ hasText: "breaks 2 rule(s)" });
        await alert.waitFor();
        // The refused form comes back as a 422 page, which Chromium logs (as it logs the 400
        // below); nothing else may be.
        assert.deepEqual(a.problems.splice(0), [
          "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)",
        ]);
        assert.match((await alert.textContent())!, /type rating/i);
        await assertAccessible(a.page, "crew assignment refused");
        await alert.getByLabel("Reason for overriding these rules").fill(
          "Supervised line training",
        );
        await alert.getByRole("button", { name: "Assign anyway" }).click();
        await a.page.getByText("Override: Supervised line training").waitFor();
        // The captain's duty timeline shows the flight just assigned.
        await a.page.goto(`${base}/admin/crew/timeline/${captain.id}`);
        await a.page.getByRole("heading", { name: `Duties of ${captain.name}` }).waitFor();
        await a.page.getByRole("link", { name: /^CT \d+ FRA → / }).first().waitFor();
        await assertAccessible(a.page, "crew duty timeline");
        // A new aircraft type, its seats changed by keyboard in the visual editor.
        await a.page.goto(`${base}/admin/aircraft-types`);
        await assertAccessible(a.page, "aircraft types");
        await screenshot(a.page, "admin-aircraft");
        await a.page.getByRole("link", { name: "New aircraft type" }).click();
        await a.page.getByRole("grid").waitFor();
        await a.page.getByLabel("Type code").fill("T7X");
        await a.page.getByLabel("Name", { exact: true }).fill("Test jet");
        await a.page.getByLabel("Manufacturer").fill("Acme");
        await a.page.getByLabel("Cruise speed (km/h)").fill("820");
        await a.page.getByLabel("Range (km)").fill("5");
        await a.page.getByRole("button", { name: "Seat 1A: for sale" }).focus();
        const said = a.page.locator("form [aria-live=polite]");
        await a.page.keyboard.press("ArrowRight");
        await a.page.keyboard.press("Enter");
        await said.filter({ hasText: "Seat 1B blocked" }).waitFor();
        await a.page.keyboard.press("Enter");
        await said.filter({ hasText: "Seat 1B missing" }).waitFor();
        await a.page.keyboard.press("ArrowDown");
        await a.page.keyboard.press(" ");
        await a.page.keyboard.press("Home");
        await a.page.keyboard.press("Enter");
        await said.filter({ hasText: "Row 2: exit row" }).waitFor();
        assert.equal(await a.page.getByLabel("Blocked seats").inputValue(), "2B");
        await assertAccessible(a.page, "layout editor");
        await screenshot(a.page, "admin-layout-editor");
        // The API's problems are shown per field, and focus moves to their summary.
        await a.page.getByRole("button", { name: "Create aircraft type" }).click();
        await a.page.getByRole("link", { name: "Range" }).waitFor();
        assert.equal(await a.page.getByLabel("Range (km)").getAttribute("aria-invalid"), "true");
        // Focus moves in the effect after the summary renders (a frame later under load).
        await a.page.waitForFunction(() => document.activeElement?.className === "alert-slot");
        assert.deepEqual(a.problems.splice(0), [
          "Failed to load resource: the server responded with a status of 400 (Bad Request)",
        ]);
        await a.page.getByLabel("Range (km)").fill("5200");
        await a.page.getByRole("button", { name: "Create aircraft type" }).click();
        await a.page.waitForURL(`${base}/admin/aircraft-types/T7X?saved=1`);
        // Then edited in place: row 3 gets extra legroom (two presses), saved with the API.
        await a.page.getByRole("button", { name: "Row 3: standard row" }).focus();
        await a.page.keyboard.press("Enter");
        await a.page.keyboard.press("Enter");
        await said.filter({ hasText: "Row 3: extra legroom" }).waitFor();
        // The page still shows the creation's "Saved." (from ?saved=1): wait for this save's
        // own answer, then for the editor's notice, before reading the row.
        const saved = a.page.waitForResponse((r) =>
          r.request().method() === "PUT" && r.url().endsWith("/api/admin/aircraft-types/T7X")
        );
        await a.page.getByRole("button", { name: "Save changes" }).click();
        assert.equal((await saved).status(), 200);
        await a.page.locator("form.layout-editor [role=status]").filter({ hasText: "Saved." })
          .waitFor();
        const [type] = await db
          .sql`SELECT layout, seat_count FROM aircraft_configurations WHERE type_code = 'T7X'`;
        const cabin = type.layout.cabins[0];
        assert.deepEqual(
          [cabin.blockedSeats, cabin.missingSeats, cabin.exitRows, cabin.extraLegroomRows],
          [["2B"], ["1B"], [2], [3]],
        );
        assert.equal(type.seat_count, 20 * 6 - 1);
        assert.deepEqual([...a.problems, ...b.problems], []);
      } finally {
        await close();
      }
    }, { seededDays: 2 }),
});
