import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { fillPassengers, signUpInstead } from "../support/booking_browser.ts";

// The A20N's economy: row 4 has extra legroom (a $15 fee here); rows 20 and on have none.
const FEES = { Y: { exitRow: 2500, extraLegroom: 1500 } };

Deno.test({
  name:
    "browser: on a phone the seat map has 44 px seats and a summary with Book that stays in view; a seat's fee shows on the map and in the checkout total; a selected seat says so",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 1);
      const t = await testApp(db, "2030-02-25T00:00:00Z");
      const [flight] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
      const op = await staffHeaders(t, db, "operator");
      const set = await t.app.request(
        "/api/admin/aircraft-types/A20N/configurations/STD/seat-fees",
        {
          method: "PUT",
          headers: { ...op.headers, "Content-Type": "application/json" },
          body: JSON.stringify(FEES),
        },
      );
      assert.equal(set.status, 200, await set.text());
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
        const problems = watchErrors(page);
        await page.goto(`${base}/flights/${flight.id}?cabin=Y&passengers=1`);
        await page.getByText("Live: seats change here as others book.").waitFor();
        await assertAccessible(page, "flight on a phone");

        // Every seat is at least a 44 × 44 px touch target.
        const smallest = await page.evaluate(() => {
          const boxes = [...document.querySelectorAll(".seat-grid button.seat")]
            .map((b) => b.getBoundingClientRect());
          return {
            count: boxes.length,
            width: Math.min(...boxes.map((b) => b.width)),
            height: Math.min(...boxes.map((b) => b.height)),
          };
        });
        assert.ok(smallest.count > 100, `${smallest.count} seats`);
        assert.ok(smallest.width >= 44 && smallest.height >= 44, JSON.stringify(smallest));

        // The fee is on the seat: its label, and the fares table.
        const economy = page.getByRole("group", { name: "Economy seats" });
        const legroom = economy.locator('button[data-seat="4A"]');
        assert.match(
          (await legroom.getAttribute("aria-label"))!,
          /^Row 4, seat A, window, extra legroom, available, \$\d[\d,]* plus \$15 seat fee$/,
        );
        await page.locator(".fare-table").getByText(/\+ \$15 seat fee/).first().waitFor();

        // Picking it: the seat reads "selected" and is pressed; the summary says the fee.
        await legroom.click();
        const chosen = economy.getByRole("button", {
          name: /^Row 4, seat A, window, extra legroom, selected, /,
          pressed: true,
        });
        await chosen.waitFor();
        const summary = page.locator(".seat-summary");
        await summary.getByText("Your seat: 4A").waitFor();
        await summary.getByText("· Seat fees $15").waitFor();
        const fare = Number(
          (await summary.locator("strong").textContent())!.replace(/[^\d]/g, ""),
        );

        // Scrolled to the back of the cabin, Book is still on screen, within reach.
        await economy.locator('button[data-seat="28C"]').scrollIntoViewIfNeeded();
        const book = summary.getByRole("button", { name: "Book this flight" });
        const box = (await book.boundingBox())!;
        assert.ok(box.y >= 0 && box.y + box.height <= 844, `Book at ${JSON.stringify(box)}`);
        assert.ok(box.height >= 44, `Book is ${box.height} px high`);
        await screenshot(page, "flight-seatmap-phone");

        // Booking the seat: checkout's total includes its fee.
        await book.click();
        await signUpInstead(page);
        await page.waitForURL(/\/book\/.*seat=4A/);
        await fillPassengers(page, [["Ada", "Lovelace", "1985-12-10"]]);
        await page.getByRole("button", { name: "Hold seats and continue" }).click();
        await page.waitForURL(/\/checkout\//);
        const lead = (await page.locator(".lead").textContent())!;
        assert.match(
          lead,
          new RegExp(`total \\$${fare.toLocaleString("en-US")}, of which \\$15 in seat fees`),
        );
        const pay = page.getByRole("button", { name: /^Pay / });
        assert.equal(await pay.textContent(), `Pay $${fare.toLocaleString("en-US")}`);
        await page.locator(".seat-map .seat-summary").getByText("· Seat fees $15").waitFor();
        await assertAccessible(page, "checkout on a phone");

        // Moving to a seat without a fee lowers the total before paying.
        await page.locator('.seat-grid button.seat-free[data-seat="25A"]').click();
        await page.locator(".seat-notice").getByText("Seat 25A is now yours.").waitFor();
        const lower = `Pay $${(fare - 15).toLocaleString("en-US")}`;
        await page.getByRole("button", { name: lower }).waitFor();
        const [row] = await db.sql`SELECT total_amount FROM bookings`;
        assert.equal(row.total_amount, (fare - 15) * 100);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
