import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { fillCard, fillPassengers, signUpInstead } from "../support/booking_browser.ts";

Deno.test({
  name:
    "browser: search by keyboard autosuggest, results with badges, a seat taken live in a second browser; the passenger books the seat they picked, pays and sees the ticket",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 3);
      const t = await testApp(db, "2030-02-25T00:00:00Z");
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        const page = await (await browser.newContext()).newPage();
        const problems = watchErrors(page);
        await page.goto(`${base}/`);
        await assertAccessible(page, "home");
        await screenshot(page, "search-home");

        // The autosuggest, by keyboard only: type, arrow down, Enter; Escape closes the list.
        const from = page.getByRole("combobox", { name: "Flying from" });
        await from.click();
        await page.keyboard.type("Amsterd");
        const fromList = page.locator("#search-from-list");
        await fromList.getByRole("option").first().waitFor();
        await page.keyboard.press("ArrowDown");
        assert.equal(await from.getAttribute("aria-activedescendant"), "search-from-opt-0");
        assert.equal(await from.getAttribute("aria-expanded"), "true");
        await page.keyboard.press("Enter");
        assert.equal(await from.inputValue(), "Amsterdam (AMS)");
        assert.equal(await from.getAttribute("aria-expanded"), "false");
        await page.keyboard.press("Tab");
        const to = page.getByRole("combobox", { name: "Flying to" });
        await page.keyboard.type("Pari");
        await page.locator("#search-to-list").getByRole("option").first().waitFor();
        await page.keyboard.press("Escape");
        assert.equal(await to.getAttribute("aria-expanded"), "false");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Enter");
        assert.equal(await to.inputValue(), "Paris (CDG)");
        await page.getByLabel("Date").fill("2030-03-02");
        await page.getByLabel("Date").press("Enter");
        await page.waitForURL(/\/search\?/);

        const results = page.locator("li.itinerary");
        assert.ok((await results.count()) > 1);
        for (const badge of ["best", "cheapest", "fastest"]) {
          assert.ok(await page.locator(`.badge-${badge}`).count() >= 1, badge);
        }
        await assertAccessible(page, "results");
        await screenshot(page, "search-results");

        await page.getByRole("link", { name: /^Choose seats/ }).first().click();
        await page.waitForURL(/\/flights\/[0-9a-f-]{36}\?cabin=Y&passengers=1$/);
        const flightId = new URL(page.url()).pathname.split("/")[2];
        await page.getByText("Live: seats change here as others book.").waitFor();
        await assertAccessible(page, "flight");
        await screenshot(page, "flight-seatmap");

        // Arrow keys move between seats on the map.
        const economy = page.getByRole("group", { name: "Economy seats" });
        const first = economy.locator("button[tabindex='0']");
        const seat = (await first.getAttribute("data-seat"))!;
        await first.focus();
        await page.keyboard.press("ArrowRight");
        const moved = await page.evaluate(() => document.activeElement?.getAttribute("data-seat"));
        assert.notEqual(moved, seat);

        // Another viewer in a second context; a second user holds the seat through the API.
        const other = await (await browser.newContext()).newPage();
        const otherProblems = watchErrors(other);
        await other.goto(`${base}/flights/${flightId}`);
        await other.getByText("Live: seats change here as others book.").waitFor();
        await page.evaluate(() => Object.assign(globalThis, { samePage: true }));
        const bea = await staffHeaders(t, db, "passenger", "bea@example.test");
        const res = await t.app.request(
          "/api/bookings",
          json("POST", {
            flightId,
            cabin: "Y",
            seats: [seat],
            passengers: [{ firstName: "Bea", lastName: "Other" }],
          }, bea.headers),
        );
        assert.equal(res.status, 201, await res.text());
        for (const viewer of [page, other]) {
          await viewer.locator(`button[data-seat="${seat}"].seat-taken`).waitFor();
          await viewer.getByRole("status").filter({ hasText: `Seat ${seat} was just taken.` })
            .waitFor();
        }
        const label = await page.locator(`button[data-seat="${seat}"]`).getAttribute("aria-label");
        assert.match(label!, /^Row \d+, seat [A-K], (window|aisle|middle).*, taken$/);
        assert.equal(await page.evaluate(() => "samePage" in globalThis), true, "no reload");
        assert.deepEqual([...problems, ...otherProblems], []);

        // The passenger picks a free seat, books it, signs up, pays and gets a ticket for it.
        const mine = economy.locator(`button[data-seat="${moved}"]`);
        await mine.click();
        await page.getByRole("status").filter({ hasText: "Your seat chosen" }).waitFor();
        assert.match((await mine.getAttribute("class"))!, /seat-selected/);
        await page.getByText(`Your seat: ${moved}`).waitFor();
        await page.getByRole("button", { name: "Book this flight" }).click();
        await signUpInstead(page);
        await page.waitForURL(new RegExp(`/book/${flightId}\\?.*seat=${moved}`));
        await page.getByText(`We hold seat ${moved} for a few minutes`).waitFor();
        await fillPassengers(page, [["Ada", "Lovelace", "1985-12-10"]]);
        await page.getByRole("button", { name: "Hold seats and continue" }).click();
        await page.waitForURL(/\/checkout\//);
        await fillCard(page, "4242 4242 4242 4242");
        await page.getByRole("button", { name: /^Pay / }).click();
        await page.waitForURL(/\/trips\/[0-9a-f-]{36}\?paid=1$/);
        const ticket = page.locator(".trip-table tbody tr").filter({ hasText: "Ada Lovelace" });
        await ticket.waitFor();
        const cells = await ticket.locator("td").allTextContents();
        assert.ok(cells.includes(moved!), `seat ${moved} in ${cells.join(" | ")}`);
        assert.ok(cells.some((x) => /^914\d{10}$/.test(x)), "an e-ticket number");
        await other.locator(`button[data-seat="${moved}"].seat-taken`).waitFor();
        assert.deepEqual([...problems, ...otherProblems], []);
      } finally {
        await close();
      }
    }, { seededDays: 3 }),
});
