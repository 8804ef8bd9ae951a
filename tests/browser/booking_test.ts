import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { formatInZone } from "../../domain/time.ts";
import { fillCard, fillPassengers, signUpInstead } from "../support/booking_browser.ts";

Deno.test({
  name:
    "browser: a passenger books two seats, watches the hold count down, is declined, pays and sees a delay arrive live",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 3);
      const t = await testApp(db, "2030-02-25T00:00:00Z");
      const [flight] = await db.sql`
        SELECT id, departure_at FROM flights WHERE aircraft_type = 'A20N'
        ORDER BY departure_at, flight_number LIMIT 1`;
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        const page = await browser.newPage();
        const problems = watchErrors(page);
        // The page's own timers run on a clock the test can move (the server keeps its own).
        await page.clock.install();

        // A guest is sent to sign in, signs up, and comes back to the details form.
        await page.goto(`${base}/book/${flight.id}?cabin=Y&passengers=2`);
        await signUpInstead(page);
        await page.waitForURL(/\/book\//);
        await page.getByRole("heading", { name: "Who is flying?" }).waitFor();
        await assertAccessible(page, "book");
        await screenshot(page, "booking-details");
        const people = [["Ada", "Lovelace", "1985-12-10"], ["Charles", "Babbage", "1979-12-26"]];
        await fillPassengers(page, people);
        await page.getByRole("button", { name: "Hold seats and continue" }).click();
        await page.waitForURL(/\/checkout\//);

        // The countdown starts at the server's ten minutes and runs once hydrated.
        const timer = page.getByRole("timer");
        const first = (await timer.textContent())!;
        assert.match(first, /^(10:00|9:[0-5]\d)$/);
        await page.waitForFunction(
          (shown) => document.querySelector('[role="timer"]')?.textContent !== shown,
          first,
        );
        await page.clock.fastForward("05:00");
        await page.getByText("5 minutes left to pay before the seats are released.").waitFor({
          state: "attached",
        });
        assert.match((await timer.textContent())!, /^4:\d\d$/);
        await page.locator(".seat-map").waitFor();
        await assertAccessible(page, "checkout");
        await screenshot(page, "booking-checkout");

        await fillCard(page, "4000000000000002");
        const pay = page.getByRole("button", { name: /^Pay / });
        await pay.click();
        await page.getByText(/Your bank declined this card\. Try another card/).waitFor();
        assert.equal(await pay.isEnabled(), true, "a decline lets the passenger try again");

        const stream = page.waitForResponse((r) => r.url().includes("/status/stream"));
        await fillCard(page, "4242424242424242");
        await pay.click();
        await page.waitForURL(/\/trips\/[0-9a-f-]{36}\?paid=1$/);
        await stream;
        const [booking] = await db.sql`SELECT pnr FROM bookings`;
        await page.getByRole("heading", { name: `Trip ${booking.pnr}` }).waitFor();
        const tickets = await page.locator(".trip-table td.mono").allTextContents();
        assert.equal(tickets.filter((x) => /^914\d{10}$/.test(x)).length, 2, "two e-tickets");
        const ics = page.getByRole("link", { name: "Add to calendar (.ics file)" });
        assert.match(
          (await ics.getAttribute("href"))!,
          /\/api\/bookings\/[0-9a-f-]{36}\/itinerary\.ics$/,
        );
        await assertAccessible(page, "trip");
        await screenshot(page, "booking-trip");

        // An operator delays the flight: the trip page shows it without a reload.
        await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
        const op = await staffHeaders(t, db, "operator");
        const later = new Date(flight.departure_at.getTime() + 95 * 60_000).toISOString();
        const res = await fetch(`${base}/api/admin/flights/${flight.id}/status`, {
          method: "POST",
          headers: { ...op.headers, "Content-Type": "application/json" },
          body: JSON.stringify({
            type: "delayed",
            estimatedDepartureAt: later,
            reason: "Late inbound aircraft",
          }),
        });
        assert.equal(res.status, 200, await res.text());
        await page.getByText("Reason: Late inbound aircraft").waitFor();
        await page.locator(".live-status .status-delayed").waitFor();
        // The status names the new departure, local to the airport with its zone.
        const [{ tz }] = await db.sql`
          SELECT a.tz FROM flights f JOIN airports a ON a.iata = f.origin WHERE f.id = ${flight.id}`;
        assert.equal(
          await page.locator(".live-status .status-delayed").textContent(),
          `Delayed to ${formatInZone(later, tz)}`,
        );
        assert.match(
          (await page.locator(".live-status [aria-live]").textContent())!,
          /Flight delayed\. New departure .*: Late inbound aircraft\./,
        );
        assert.equal(
          await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument),
          true,
          "no reload happened",
        );
        // Chrome logs every 4xx answer to a fetch; the declined card's 402 was the point.
        const expected = /status of 402 \(Payment Required\)/;
        assert.deepEqual(problems.filter((p) => !expected.test(p)), []);
        assert.equal(problems.length, 1, problems.join("\n"));
      } finally {
        await close();
      }
    }, { seededDays: 3 }),
});
