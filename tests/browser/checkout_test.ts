import assert from "node:assert/strict";
import { holdSeatForSomeoneElse } from "../support/inventory.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { fillPassengers, holdAsNewPassenger, signUpInstead } from "../support/booking_browser.ts";
import { BOOKING_NOW } from "../support/booking_pages.ts";

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
      const t = await testApp(db, BOOKING_NOW);
      const [flight] = await db.sql`
        SELECT id FROM flights ORDER BY departure_at, flight_number LIMIT 1`;
      const { base, browser, close } = await serveWithBrowser(t);
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

        // Back to the details and submit again: on to a checkout for the same seat. The form
        // is reloaded, as a browser that keeps no form state would show it: a new form token,
        // so a new hold (a restored token leads to the first booking, as any double submit).
        await page.goBack();
        await page.waitForURL(/\/book\//);
        await page.reload();
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
        assert.notEqual(page.url(), first);
        // The new hold replaced the first: that booking ended, it is not left held.
        assert.deepEqual(rows.map((r) => r.status), ["cancelled", "held"]);
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
        await close();
      }
    }, { seededDays: 1 }),
});

Deno.test({
  name:
    "browser: an expired hold shows one expired state without the card form; 'Hold these seats again' goes to a new checkout for the same seats, and a seat taken meanwhile is named with the seat map",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 1);
      const t = await testApp(db, BOOKING_NOW, { env: { HOLD_TTL_SECONDS: "30" } });
      const [flight] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'A20N'
        ORDER BY departure_at, flight_number LIMIT 1`;
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        const context = await browser.newContext();
        const page = await context.newPage();
        const problems = watchErrors(page);
        await page.clock.install();
        await holdAsNewPassenger(page, `${base}/book/${flight.id}?cabin=Y&passengers=2`, [
          ...ADA,
          ["Charles", "Babbage", "1979-12-26"],
        ]);
        const first = page.url();
        const [{ seats }] = await db.sql`SELECT seats FROM booking_segments`;
        await page.getByRole("timer").waitFor();
        await page.locator(".seat-map").waitFor();

        // The 30 s hold runs out on the page's clock (and on the server's).
        t.clock.advance(31_000);
        await page.clock.fastForward("00:31");
        await page.getByRole("heading", { name: "The hold has expired" }).waitFor();
        assert.equal(await page.getByText("Seats held for you").count(), 0, "one state");
        assert.equal(await page.getByRole("button", { name: /^Pay / }).count(), 0);
        // The seat map and the card form go with the hold.
        await page.locator(".seat-map").waitFor({ state: "hidden" });
        await page.getByRole("heading", { name: /^Pay / }).waitFor({ state: "hidden" });
        await assertAccessible(page, "expired checkout");
        await screenshot(page, "checkout-expired");

        // A context's fake clock runs on into the next document (a real one starts again at
        // zero), so the held-again checkout opens in a context with a clock of its own and the
        // same session; there the expired checkout is the server's page.
        const tab = await (await browser.newContext({ storageState: await context.storageState() }))
          .newPage();
        const tabProblems = watchErrors(tab);
        await tab.clock.install();
        await tab.goto(first);
        await tab.getByRole("heading", { name: "The hold has expired" }).waitFor();
        assert.equal(await tab.getByText("Seats held for you").count(), 0, "one state");
        await tab.getByRole("button", { name: "Hold these seats again" }).click();
        await tab.waitForURL((u) => /\/checkout\//.test(u.pathname) && u.href !== first);
        await tab.getByRole("timer").waitFor();
        const cells = tab.locator('section[aria-labelledby="pax-title"] tbody td');
        assert.deepEqual(await cells.allTextContents(), seats, "the same seats");
        await tab.getByRole("button", { name: /^Pay / }).waitFor();

        // It runs out again; meanwhile someone else takes one of the seats.
        t.clock.advance(31_000);
        await t.deps.registry.sweepExpiredHolds();
        await holdSeatForSomeoneElse(t.deps.registry, flight.id, seats[0]);
        await tab.clock.fastForward("00:31");
        await tab.getByRole("button", { name: "Hold these seats again" }).click();
        await tab.getByText(`Seat ${seats[0]} is no longer free`).waitFor();
        await tab.getByRole("link", { name: "Open the seat map" }).click();
        await tab.waitForURL(new RegExp(`/flights/${flight.id}\\?cabin=Y&passengers=2$`));
        await tab.locator(`.seat-grid button.seat-taken[data-seat="${seats[0]}"]`).waitFor();
        problems.push(...tabProblems);
        // Chrome logs the refused form's 409 answer.
        assert.deepEqual(problems.filter((p) => !/status of 409/.test(p)), []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
