import assert from "node:assert/strict";
import { decode } from "bcbp";
import bwipjs from "bwip-js";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, PAX, signUp, VISA } from "../support/http.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { svgDataUri } from "../../services/check_in/pass_cards.ts";

/** Pages in a PDF as Chromium prints it: one `/Type /Page` dictionary each. */
function pdfPages(pdf: Uint8Array): number {
  return new TextDecoder("latin1").decode(pdf).match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

Deno.test({
  name:
    "browser: a guest pastes a PNR with spaces, checks in, prints one boarding pass per page and cancels",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 3);
      const [flight] = await db.sql`
        SELECT f.id, f.departure_at, f.flight_number, o.city AS origin_city,
               d.city AS destination_city
        FROM flights f JOIN airports o ON o.iata = f.origin JOIN airports d ON d.iata = f.destination
        WHERE f.aircraft_type = 'A20N' ORDER BY f.departure_at, f.flight_number LIMIT 1`;
      // 23 hours before departure: check-in is open.
      const t = await testApp(
        db,
        new Date(flight.departure_at.getTime() - 23 * 3600_000).toISOString(),
      );
      // Someone else booked and paid for the party; the guest knows only the PNR and a name.
      const owner = (await signUp(t.app, "owner@example.test")).headers;
      const booking = await (await t.app.request(
        "/api/bookings",
        json("POST", { flightId: flight.id, cabin: "Y", passengers: PAX }, owner),
      )).json();
      const paid = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", { card: VISA }, { ...owner, "Idempotency-Key": "guest-browser" }),
      );
      assert.equal(paid.status, 200, await paid.text());
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        const page = await browser.newPage();
        const problems = watchErrors(page);
        await page.goto(`${base}/trips/lookup`);
        await assertAccessible(page, "lookup");
        // What a paste types: the whole text at once, spaces and all.
        await page.locator("#pnr").focus();
        await page.keyboard.insertText(` ${booking.pnr} `);
        await page.getByLabel("Last name of a passenger").fill("babbage");
        await page.getByRole("button", { name: "Find my trip" }).click();
        await page.waitForURL(`${base}/trips/lookup/trip`);
        await page.getByRole("heading", { name: `Trip ${booking.pnr}` }).waitFor();
        assert.equal(
          await page.evaluate(() => document.cookie.includes("ct_trip")),
          false,
          "HttpOnly",
        );
        await assertAccessible(page, "guest trip");

        await page.getByRole("button", { name: "Check in" }).click();
        await page.getByText("You are checked in. Your boarding passes are below.").waitFor();
        await page.getByRole("link", { name: /Open the boarding passes/ }).click();
        await page.waitForURL(`${base}/trips/lookup/boarding-passes`);
        const passes = page.locator("article.boarding-pass");
        assert.equal(await passes.count(), 2);
        const first = passes.first();
        const fact = async (label: string) =>
          (await first.locator(`dt:text-is("${label}") + dd`).textContent())?.trim();
        assert.equal(await fact("Flight"), `CT ${flight.flight_number}`);
        assert.equal(await fact("Gate"), "To be announced");
        assert.equal(await fact("Cabin"), "Economy");
        assert.match((await fact("Group"))!, /^[3-5]$/);
        assert.match((await fact("E-ticket"))!, /^914\d{10}$/);
        assert.match((await fact("Boarding"))!, /^\d\d:\d\d \S+$/);
        assert.match((await fact("Date"))!, /^\w{3} \d{1,2} \w{3}$/);
        const route = (await first.locator(".bp-route").textContent())!;
        assert.ok(
          route.includes(flight.origin_city) && route.includes(flight.destination_city),
          route,
        );
        await assertAccessible(page, "boarding passes");
        await screenshot(page, "guest-boarding-passes");

        // The barcode is the PDF417 of the BCBP text beside it, which decodes to this trip.
        const bcbp = (await first.locator(".bcbp").textContent())!;
        const legs = decode(bcbp).data?.legs;
        assert.equal(legs?.[0].operatingCarrierPNR, booking.pnr);
        assert.equal(legs?.[0].flightNumber?.trim().replace(/^0+/, ""), flight.flight_number);
        const src = await first.locator("img.bp-barcode").getAttribute("src");
        const svg = bwipjs.toSVG({ bcid: "pdf417", text: bcbp, scale: 2, height: 12 });
        assert.equal(src, svgDataUri(svg));

        // Printed: no site chrome, a page break after each pass, one sheet per pass.
        await page.emulateMedia({ media: "print" });
        assert.equal(await page.locator(".site-header").isVisible(), false);
        assert.equal(await first.evaluate((e) => getComputedStyle(e).breakAfter), "page");
        assert.equal(pdfPages(await page.pdf({ format: "A4" })), 2);
        await page.emulateMedia({ media: "screen" });

        // One passenger's own page prints one pass.
        await page.getByRole("link", { name: /only$/ }).first().click();
        await page.waitForURL(/\/trips\/lookup\/boarding-passes\/914\d{10}$/);
        assert.equal(await page.locator("article.boarding-pass").count(), 1);
        assert.equal(pdfPages(await page.pdf({ format: "A4" })), 1);

        await page.goto(`${base}/trips/lookup/trip`);
        await page.getByRole("link", { name: "Cancel this booking" }).click();
        await page.getByText(/Cancelling now refunds nothing/).waitFor();
        await page.getByRole("button", { name: "Cancel booking" }).click();
        // Cancelling ends the trip's grants, this browser's too: back to the form, which says so.
        await page.getByText("The booking is cancelled.").waitFor();
        assert.equal(new URL(page.url()).pathname, "/trips/lookup");
        await page.goto(`${base}/trips/lookup/trip`);
        await page.getByText("Your access to the trip ended.").waitFor();
        const [after] = await db.sql`SELECT status FROM bookings WHERE id = ${booking.id}`;
        assert.equal(after.status, "cancelled");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 3 }),
});
