import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, signUp } from "../support/http.ts";
import { IGNORE_BROWSER, launchBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";

Deno.test({
  name:
    "browser: search by keyboard autosuggest, results with badges, a flight's seat map taken live",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 3);
console.log("T1", Math.round(performance.now()), 'await seedTestSchedule(db.sql, 3);');
      const t = await testApp(db, "2030-02-25T00:00:00Z");
      const server = Deno.serve(
        { port: 0, hostname: "127.0.0.1", onListen: () => {} },
        t.app.fetch,
      );
      const base = `http://127.0.0.1:${server.addr.port}`;
      const browser = await launchBrowser();
      try {
        const page = await (await browser.newContext()).newPage();
        const problems = watchErrors(page);
        await page.goto(`${base}/`);
console.log("T2", Math.round(performance.now()), 'await page.goto(`${base}/`);');
        await assertAccessible(page, "home");
console.log("T3", Math.round(performance.now()), 'await assertAccessible(page, "home");');
        await screenshot(page, "search-home");
console.log("T4", Math.round(performance.now()), 'await screenshot(page, "search-home");');

        // The autosuggest, by keyboard only: type, arrow down, Enter; Escape closes the list.
        const from = page.getByRole("combobox", { name: "Flying from" });
        await from.click();
console.log("T5", Math.round(performance.now()), 'await from.click();');
        await page.keyboard.type("Amsterd");
console.log("T6", Math.round(performance.now()), 'await page.keyboard.type("Amsterd");');
        const fromList = page.locator("#search-from-list");
        await fromList.getByRole("option").first().waitFor();
console.log("T7", Math.round(performance.now()), 'await fromList.getByRole("option").first().waitFor');
        await page.keyboard.press("ArrowDown");
console.log("T8", Math.round(performance.now()), 'await page.keyboard.press("ArrowDown");');
        assert.equal(await from.getAttribute("aria-activedescendant"), "search-from-opt-0");
        assert.equal(await from.getAttribute("aria-expanded"), "true");
        await page.keyboard.press("Enter");
console.log("T9", Math.round(performance.now()), 'await page.keyboard.press("Enter");');
        assert.equal(await from.inputValue(), "Amsterdam (AMS)");
        assert.equal(await from.getAttribute("aria-expanded"), "false");
        await page.keyboard.press("Tab");
console.log("T10", Math.round(performance.now()), 'await page.keyboard.press("Tab");');
        const to = page.getByRole("combobox", { name: "Flying to" });
        await page.keyboard.type("Pari");
console.log("T11", Math.round(performance.now()), 'await page.keyboard.type("Pari");');
        await page.locator("#search-to-list").getByRole("option").first().waitFor();
console.log("T12", Math.round(performance.now()), 'await page.locator("#search-to-list").getByRole("o');
        await page.keyboard.press("Escape");
console.log("T13", Math.round(performance.now()), 'await page.keyboard.press("Escape");');
        assert.equal(await to.getAttribute("aria-expanded"), "false");
        await page.keyboard.press("ArrowDown");
console.log("T14", Math.round(performance.now()), 'await page.keyboard.press("ArrowDown");');
        await page.keyboard.press("Enter");
console.log("T15", Math.round(performance.now()), 'await page.keyboard.press("Enter");');
        assert.equal(await to.inputValue(), "Paris (CDG)");
        await page.getByLabel("Date").fill("2030-03-02");
console.log("T16", Math.round(performance.now()), 'await page.getByLabel("Date").fill("2030-03-02");');
        await page.getByLabel("Date").press("Enter");
console.log("T17", Math.round(performance.now()), 'await page.getByLabel("Date").press("Enter");');
        await page.waitForURL(/\/search\?/);
console.log("T18", Math.round(performance.now()), 'await page.waitForURL(/\\/search\\?/);');

        const results = page.locator("li.itinerary");
        assert.ok((await results.count()) > 1);
        for (const badge of ["best", "cheapest", "fastest"]) {
          assert.ok(await page.locator(`.badge-${badge}`).count() >= 1, badge);
        }
        await assertAccessible(page, "results");
console.log("T19", Math.round(performance.now()), 'await assertAccessible(page, "results");');
        await screenshot(page, "search-results");
console.log("T20", Math.round(performance.now()), 'await screenshot(page, "search-results");');

        await page.getByRole("link", { name: /^Choose seats/ }).first().click();
console.log("T21", Math.round(performance.now()), 'await page.getByRole("link", { name: /^Choose seat');
        await page.waitForURL(/\/flights\/[0-9a-f-]{36}\?cabin=Y&passengers=1$/);
console.log("T22", Math.round(performance.now()), 'await page.waitForURL(/\\/flights\\/[0-9a-f-]{36}\\?c');
        const flightId = new URL(page.url()).pathname.split("/")[2];
        await page.getByText("Live: seats change here as others book.").waitFor();
console.log("T23", Math.round(performance.now()), 'await page.getByText("Live: seats change here as o');
        await assertAccessible(page, "flight");
console.log("T24", Math.round(performance.now()), 'await assertAccessible(page, "flight");');
        await screenshot(page, "flight-seatmap");
console.log("T25", Math.round(performance.now()), 'await screenshot(page, "flight-seatmap");');

        // Arrow keys move between seats in the grid.
        const economy = page.getByRole("grid", { name: "Economy seats" });
        const first = economy.locator("button[tabindex='0']");
        const seat = (await first.getAttribute("data-seat"))!;
        await first.focus();
console.log("T26", Math.round(performance.now()), 'await first.focus();');
        await page.keyboard.press("ArrowRight");
console.log("T27", Math.round(performance.now()), 'await page.keyboard.press("ArrowRight");');
        const moved = await page.evaluate(() => document.activeElement?.getAttribute("data-seat"));
        assert.notEqual(moved, seat);

        // Another viewer in a second context; a second user holds the seat through the API.
        const other = await (await browser.newContext()).newPage();
        const otherProblems = watchErrors(other);
        await other.goto(`${base}/flights/${flightId}`);
console.log("T28", Math.round(performance.now()), 'await other.goto(`${base}/flights/${flightId}`);');
        await other.getByText("Live: seats change here as others book.").waitFor();
console.log("T29", Math.round(performance.now()), 'await other.getByText("Live: seats change here as ');
        await page.evaluate(() => Object.assign(globalThis, { samePage: true }));
console.log("T30", Math.round(performance.now()), 'await page.evaluate(() => Object.assign(globalThis');
        const bea = await signUp(t.app, "bea@example.test");
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
console.log("T31", Math.round(performance.now()), 'await viewer.locator(`button[data-seat="${seat}"].');
          await viewer.getByRole("status").filter({ hasText: `Seat ${seat} was just taken.` })
            .waitFor();
        }
        const label = await page.locator(`button[data-seat="${seat}"]`).getAttribute("aria-label");
        assert.match(label!, /^Row \d+, seat [A-K], (window|aisle|middle).*, taken$/);
        assert.equal(await page.evaluate(() => "samePage" in globalThis), true, "no reload");
        assert.deepEqual([...problems, ...otherProblems], []);
      } finally {
        await browser.close();
console.log("T32", Math.round(performance.now()), 'await browser.close();');
        await server.shutdown();
console.log("T33", Math.round(performance.now()), 'await server.shutdown();');
        t.close();
      }
    }),
});
