import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, launchBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { fillPassengers, signUpInstead } from "../support/booking_browser.ts";

const ADA = [["Ada", "Lovelace", "1985-12-10"]];

Deno.test({
  name:
    "browser: a seat picked on the map, held, Back and submitted again lands on a checkout for that seat with one held booking; a seat changed there shows in the passengers table at once",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 1);
      const t = await testApp(db, "2030-02-25T00:00:00Z");
      const [flight] = await db.sql`
        SELECT id FROM flights ORDER BY departure_at, flight_number LIMIT 1`;
      const server = Deno.serve(
        { port: 0, hostname: "127.0.0.1", onListen: () => {} },
        t.app.fetch,
      );
      const base = `http://127.0.0.1:${server.addr.port}`;
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const problems = watchErrors(page);
        await page.goto(`${base}/flights/${flight.id}?cabin=Y&passengers=1`);
        await page.getByText("Live: seats change here as others book.").waitFor();
        const free = page.locator(".seat-grid button.seat-free");
        const seat = (await free.nth(3).getAttribute("data-seat"))!;
        await free.nth(3).click();
        await page.getByText(`Your seat: ${seat}`).waitFor();
        await page.getByRole("button", { name: "Book this flight" }).click();
        await signUpInstead(page);
        await page.waitForURL(/\/book\//);
        await fillPassengers(page, ADA);
        await page.getByRole("button", { name: "Hold seats and continue" }).click();
        await page.waitForURL(/\/checkout\//);
        const first = page.url();
        const paxSeat = page.locator('section[aria-labelledby="pax-title"] tbody td').first();
        assert.equal(await paxSeat.textContent(), seat);
        // The passenger chose this seat: nobody "seated the party together".
        assert.equal(await page.getByText(/We seated your party together/).count(), 0);

        // Back to the details and submit again: on to a checkout for the same seat.
        await page.goBack();
        await page.waitForURL(/\/book\//);
        await fillPassengers(page, ADA);
        await page.getByRole("button", { name: "Hold seats and continue" }).click();
        await page.waitForURL(/\/checkout\//);
        await page.locator(`.seat-grid button.seat-mine[data-seat="${seat}"]`).waitFor();
        assert.equal(await paxSeat.textContent(), seat);
        assert.equal(await page.getByText(/already taken/).count(), 0);
        const rows = await db.sql`SELECT id, status FROM bookings ORDER BY created_at`;
        const held = rows.filter((r) => r.status === "held");
        assert.equal(held.length, 1, JSON.stringify(rows));
        assert.ok(page.url().endsWith(held[0].id), "the checkout is the held booking's");
        if (page.url() !== first) {
          // A new hold replaced the first: that booking ended, it is not left held.
          assert.deepEqual(rows.map((r) => r.status), ["cancelled", "held"]);
        }
        const checkout = page.url();

        // Another seat on the checkout's map: the passengers table follows without a reload.
        await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
        const other = page.locator(".seat-grid button.seat-free").nth(5);
        const moved = (await other.getAttribute("data-seat"))!;
        await other.click();
        await page.locator(".seat-notice").getByText(`Seat ${moved} is now yours.`).waitFor();
        await page.locator('section[aria-labelledby="pax-title"] tbody td', { hasText: moved })
          .waitFor();
        assert.equal(await paxSeat.textContent(), moved);
        assert.equal(
          await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument),
          true,
        );
        await assertAccessible(page, "checkout after a seat change");
        await screenshot(page, "checkout-seat-changed");

        // My trips: one held booking, the one being paid for.
        await page.goto(`${base}/trips`);
        const heldRows = page.getByRole("row", { name: /Held, waiting for payment/ });
        assert.equal(await heldRows.count(), 1);
        assert.ok(checkout.endsWith(held[0].id));
        assert.deepEqual(problems, []);
      } finally {
        await browser.close();
        await server.shutdown();
        await t.close();
      }
    }, { seededDays: 1 }),
});
