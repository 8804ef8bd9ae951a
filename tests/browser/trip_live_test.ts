import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { bookAndPay, signUp } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot } from "../support/pages.ts";

Deno.test({
  name:
    "browser: the open trip page follows its booking: after the flight is cancelled and the passenger rebooked, it shows the new flight, seats, status and check-in without a reload",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 1);
      // A short A320neo route flown several times a day: there is a later flight to move to.
      const [f] = await db.sql`
        SELECT a.id, a.carrier, a.flight_number, a.departure_at FROM flights a
        WHERE a.aircraft_type = 'A20N' AND a.departure_date = '2030-03-01' AND EXISTS (
          SELECT 1 FROM flights b WHERE b.origin = a.origin AND b.destination = a.destination
            AND b.departure_at > a.departure_at AND b.departure_date = '2030-03-01')
        ORDER BY a.departure_at LIMIT 1`;
      // Five hours before departure: check-in is open.
      const t = await testApp(db, new Date(f.departure_at.getTime() - 5 * 3600_000).toISOString());
      const { base, signedInPage, close } = await serveWithBrowser(t);
      try {
        const ada = await signUp(t.app);
        const booking = await bookAndPay(t.app, ada.headers, f.id);

        const { page, problems } = await signedInPage(ada.headers);
        const bell = page.waitForResponse((r) => r.url().includes("/notifications/stream"));
        await page.goto(`${base}/trips/${booking.id}`);
        await bell;
        const oldName = `${f.carrier} ${f.flight_number}`;
        await page.getByRole("heading", { name: `Flight: ${oldName}` }).waitFor();
        await page.getByRole("button", { name: "Check in" }).waitFor();
        await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));

        // The swapped-in status section is hydrated: it opens the new flight's status stream.
        const newStream = page.waitForResponse((r) =>
          /\/api\/flights\/[0-9a-f-]{36}\/status\/stream/.test(r.url()) && !r.url().includes(f.id)
        );
        // An operator cancels the flight; the passengers are moved to the next one.
        const op = await staffHeaders(t, db, "operator");
        const cancel = await fetch(`${base}/api/admin/flights/${f.id}/status`, {
          method: "POST",
          headers: { ...op.headers, "Content-Type": "application/json" },
          body: JSON.stringify({ type: "cancelled", reason: "Crew shortage" }),
        });
        const outcome = await cancel.json();
        assert.equal(cancel.status, 200, JSON.stringify(outcome));
        assert.equal(outcome.reaccommodation.rebooked.length, 1, JSON.stringify(outcome));
        const [moved] = await db.sql`
          SELECT f.id, g.seats, f.carrier, f.flight_number FROM booking_segments g
          JOIN flights f ON f.id = g.flight_id
          WHERE g.booking_id = ${booking.id} AND g.status = 'confirmed'`;
        const newName = `${moved.carrier} ${moved.flight_number}`;
        assert.notEqual(newName, oldName);

        await page.getByRole("heading", { name: `Flight: ${newName}` }).waitFor();
        assert.match((await newStream).url(), new RegExp(`/api/flights/${moved.id}/status/stream`));
        await page.getByRole("heading", { name: "Your flight was cancelled" }).waitFor();
        const seats = page.locator('section[aria-labelledby="pax-title"] tbody td:nth-child(2)');
        assert.deepEqual(await seats.allTextContents(), moved.seats);
        assert.equal(await page.getByRole("heading", { name: `Flight: ${oldName}` }).count(), 0);
        // The status is the new flight's, and check-in is about the new flight.
        await page.locator(".live-status .status-scheduled").waitFor();
        assert.equal(await page.locator(".live-status .status-cancelled").count(), 0);
        const checkIn = page.locator('section[aria-labelledby="checkin-title"]');
        await checkIn.getByText(`For ${newName},`).waitFor();
        assert.equal(await checkIn.getByText(oldName).count(), 0);
        assert.equal(
          await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument),
          true,
          "no reload happened",
        );
        await assertAccessible(page, "trip after a rebooking");
        await screenshot(page, "trip-rebooked-live");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
