import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { bookAndPay, signUp } from "../support/http.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot } from "../support/pages.ts";

Deno.test({
  name:
    "browser: on their trip page the owner unticks one of two passengers and checks in the other alone; the page then offers only the one left",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 1);
      const [flight] = await db.sql`
        SELECT id, departure_at FROM flights WHERE aircraft_type = 'A20N'
        ORDER BY departure_at, flight_number LIMIT 1`;
      // 23 hours before departure: check-in is open.
      const t = await testApp(
        db,
        new Date(flight.departure_at.getTime() - 23 * 3600_000).toISOString(),
      );
      const { base, signedInPage, close } = await serveWithBrowser(t);
      try {
        const ada = await signUp(t.app);
        const booking = await bookAndPay(t.app, ada.headers, flight.id);

        const { page, problems } = await signedInPage(ada.headers);
        await page.goto(`${base}/trips/${booking.id}`);
        const who = page.getByRole("group", { name: "Check-in is open. Who is checking in?" });
        const ada1 = who.getByRole("checkbox", { name: "Ada Lovelace" });
        const charles = who.getByRole("checkbox", { name: "Charles Babbage" });
        assert.equal(await ada1.isChecked(), true, "everyone is ticked to begin with");
        assert.equal(await charles.isChecked(), true);
        await assertAccessible(page, "trip with check-in open");

        await ada1.uncheck();
        await page.getByRole("button", { name: "Check in" }).click();
        await page.getByText("You are checked in. Your boarding passes are below.").waitFor();
        assert.equal(await page.locator("#boarding-passes li.pass").count(), 1);
        await page.locator("#boarding-passes").getByText("Charles Babbage", { exact: false })
          .first().waitFor();
        // Charles is shown as checked in and cannot be ticked again; Ada is still offered.
        await who.getByText("Charles Babbage (checked in)").waitFor();
        assert.equal(await charles.isDisabled(), true);
        assert.equal(await ada1.isChecked(), true);
        assert.equal(await ada1.isDisabled(), false);
        await assertAccessible(page, "trip with one passenger checked in");
        await screenshot(page, "trip-check-in-one");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
