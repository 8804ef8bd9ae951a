import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { fillPassengers, signUpInstead } from "../support/booking_browser.ts";

const LIVE = "Live: seats change here as others book.";

/** Waits until seat `id` on `page`'s map shows as `kind` (taken, free, mine). */
async function seatShows(page: Page, id: string, kind: string, scope = "") {
  await page.locator(`${scope} .seat-grid button.seat-${kind}[data-seat="${id}"]`).waitFor();
}

Deno.test({
  name:
    "browser: a connection's checkout shows a live seat map per flight; a seat changed on the second flight is held, and a second browser sees both flights' seats turn taken live",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 1);
      const t = await testApp(db, "2030-02-25T00:00:00Z");
      const [route] = await db.sql`
        SELECT a.id AS first, b.id AS second FROM flights a
        JOIN flights b ON b.origin = a.destination AND b.destination <> a.origin
          AND b.departure_at BETWEEN a.arrival_at + interval '90 minutes'
            AND a.arrival_at + interval '4 hours'
        WHERE a.departure_date = '2030-03-01' ORDER BY a.departure_at, b.departure_at LIMIT 1`;
      assert.ok(route, "the schedule has a connection");
      const flights = [route.first as string, route.second as string];
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        // Someone else watches both flights' seat maps in another browser context.
        const watcher = await browser.newContext();
        const watching = await Promise.all(flights.map(async (id) => {
          const page = await watcher.newPage();
          await page.goto(`${base}/flights/${id}`);
          await page.getByText(LIVE).waitFor();
          await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
          return page;
        }));
        const watchProblems = watching.flatMap((p) => watchErrors(p));

        const page = await (await browser.newContext()).newPage();
        const problems = watchErrors(page);
        await page.goto(`${base}/book/journey?flights=${flights.join(",")}&cabin=Y&passengers=2`);
        await signUpInstead(page);
        await page.waitForURL(/\/book\/journey\?flights=/);
        await fillPassengers(page, [["Ada", "Lovelace", "1985-12-10"], [
          "Charles",
          "Babbage",
          "1979-12-26",
        ]]);
        await page.getByRole("button", { name: "Hold seats and continue" }).click();
        await page.waitForURL(/\/checkout\//);
        const segments = await db.sql`
          SELECT g.flight_id, g.seats FROM booking_segments g JOIN flights f ON f.id = g.flight_id
          ORDER BY f.departure_at`;
        assert.deepEqual(segments.map((g) => g.flight_id), flights);

        // The hold shows as taken on both flights in the other browser, without a reload.
        for (const [i, g] of segments.entries()) {
          for (const seat of g.seats) await seatShows(watching[i], seat, "taken");
        }

        // One countdown, one map per flight, each live and marking the party's seats.
        assert.equal(await page.getByRole("timer").count(), 1);
        const maps = [1, 2].map((n) =>
          page.locator(`section[aria-labelledby="leg${n}-seats-title"]`)
        );
        for (const [i, map] of maps.entries()) {
          await map.getByRole("heading", { name: /^Your seats on \w+ \d+ [A-Z]{3} → [A-Z]{3}$/ })
            .waitFor();
          await map.getByText(LIVE).waitFor();
          for (const seat of segments[i].seats) {
            await seatShows(
              page,
              seat,
              "mine",
              `section[aria-labelledby="leg${i + 1}-seats-title"]`,
            );
          }
        }
        await assertAccessible(page, "journey checkout with seat maps");
        await screenshot(page, "journey-seat-maps");

        // Passenger 1 moves to another seat on the second flight.
        const [oldSeat, keptSeat] = segments[1].seats as string[];
        const free = maps[1].locator(".seat-grid button.seat-free");
        const newSeat = (await free.last().getAttribute("data-seat"))!;
        await free.last().click();
        await maps[1].locator(".seat-notice").getByText(
          new RegExp(`^Seats ${newSeat} and ${keptSeat} are now yours\\.$`),
        ).waitFor();
        await seatShows(page, newSeat, "mine", 'section[aria-labelledby="leg2-seats-title"]');
        const after = await db.sql`
          SELECT g.flight_id, g.seats FROM booking_segments g JOIN flights f ON f.id = g.flight_id
          ORDER BY f.departure_at`;
        assert.deepEqual(after[0].seats, segments[0].seats, "the first flight is unchanged");
        assert.deepEqual(after[1].seats, [newSeat, keptSeat]);

        // The other browser sees the new seat taken and the old one free again.
        await seatShows(watching[1], newSeat, "taken");
        await seatShows(watching[1], oldSeat, "free");
        for (const seat of segments[0].seats) await seatShows(watching[0], seat, "taken");
        for (const w of watching) {
          const same = await w.evaluate(() =>
            (globalThis as { sameDocument?: boolean }).sameDocument
          );
          assert.equal(same, true, "the other browser never reloaded");
        }
        assert.deepEqual([...problems, ...watchProblems], []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
