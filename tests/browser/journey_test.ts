import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { fillCard, fillPassengers, signUpInstead } from "../support/booking_browser.ts";

Deno.test({
  name:
    "browser: a round trip is chosen way out then way back, booked after signing up, paid once and shown flight by flight",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 3);
      const t = await testApp(db, "2030-02-25T00:00:00Z");
      const [route] = await db.sql`
        SELECT a.origin, a.destination FROM flights a
        JOIN flights b ON b.origin = a.destination AND b.destination = a.origin
          AND b.departure_date = '2030-03-02'
        WHERE a.departure_date = '2030-03-01' ORDER BY a.departure_at LIMIT 1`;
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        const page = await browser.newPage();
        const problems = watchErrors(page);
        await page.goto(
          `${base}/search?from=${route.origin}&to=${route.destination}&date=2030-03-01` +
            "&returnDate=2030-03-02&passengers=2",
        );
        await page.getByRole("heading", { name: "1. Choose your outbound flight" }).waitFor();
        assert.equal(await page.getByLabel("Return (optional)").inputValue(), "2030-03-02");
        await assertAccessible(page, "round trip, ways out");
        await screenshot(page, "journey-outbound");

        await page.getByRole("link", { name: /^Select / }).first().click();
        await page.getByRole("heading", { name: "2. Choose your return flight" }).waitFor();
        await page.getByRole("heading", { name: "Your outbound flight" }).waitFor();
        await assertAccessible(page, "round trip, ways back");
        await screenshot(page, "journey-return");

        // A guest is sent to sign up and comes back to the journey's details form.
        await page.getByRole("link", { name: /^Book / }).first().click();
        await signUpInstead(page);
        await page.waitForURL(/\/book\/journey\?flights=/);
        await page.getByRole("heading", { name: /^Outbound flight: / }).waitFor();
        await page.getByRole("heading", { name: /^Return flight: / }).waitFor();
        await assertAccessible(page, "journey details");
        await screenshot(page, "journey-details");
        const people = [["Ada", "Lovelace", "1985-12-10"], ["Charles", "Babbage", "1979-12-26"]];
        await fillPassengers(page, people);
        await page.getByRole("button", { name: "Hold seats and continue" }).click();
        await page.waitForURL(/\/checkout\//);
        await page.getByRole("heading", { name: /^Return flight: / }).waitFor();
        await assertAccessible(page, "journey checkout");
        await screenshot(page, "journey-checkout");

        await fillCard(page, "4242424242424242");
        await page.getByRole("button", { name: /^Pay / }).click();
        await page.waitForURL(/\/trips\/[0-9a-f-]{36}\?paid=1$/);
        await page.getByRole("heading", { name: /^Return flight: / }).waitFor();
        const seats = await page.locator(".trip-table tbody td").first().textContent();
        assert.match(seats!, /^\d+[A-K] · \d+[A-K]$/, "a seat on each flight");
        await assertAccessible(page, "journey trip");
        await screenshot(page, "journey-trip");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 3 }),
});
