import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { json } from "../support/http.ts";
import { DESKTOP, IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot } from "../support/pages.ts";

Deno.test({
  name: "browser: an operator opens an airframe from the fleet list and refits it with another " +
    "configuration of its type; its flight moves with it; every page accessible",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 1);
      const t = await testApp(db, "2030-03-01T00:00:00Z");
      const { headers } = await staffHeaders(t, db, "operator");
      const call = async (path: string, body: unknown) => {
        const res = await t.app.request(path, json("POST", body, headers));
        assert.ok(res.ok, await res.text());
      };
      const std = await (await t.app.request(
        "/api/admin/aircraft-types/A20N/configurations/STD",
        { headers },
      )).json();
      await call("/api/admin/aircraft-types/A20N/configurations", {
        code: "XL",
        name: "Extra legroom",
        layout: std.layout,
      });
      const [plane] = await db.sql`SELECT registration FROM aircraft
        WHERE type_code = 'A20N' AND active ORDER BY registration LIMIT 1`;
      const [flight] = await db.sql`SELECT id FROM flights WHERE aircraft_type = 'A20N'
        AND departure_at > '2030-03-01T08:00Z' ORDER BY departure_at LIMIT 1`;
      await call(`/api/admin/flights/${flight.id}/aircraft`, {
        aircraftRegistration: plane.registration,
      });

      const { base, signedInPage, close } = await serveWithBrowser(t);
      try {
        const { page, problems } = await signedInPage(headers, DESKTOP);

        await page.goto(`${base}/admin`);
        await page.getByRole("navigation", { name: "Admin" })
          .getByRole("link", { name: "Airframes" }).click();
        await page.waitForURL(/\/admin\/aircraft$/);
        await assertAccessible(page, "airframes");
        await page.getByRole("link", { name: plane.registration, exact: true }).click();
        await page.getByRole("heading", { name: `Airframe ${plane.registration}` }).waitFor();
        await assertAccessible(page, "airframe");
        await page.getByLabel("Configuration", { exact: true }).selectOption("XL");
        await page.getByRole("button", { name: "Change configuration" }).click();
        await page.getByRole("heading", { name: "Refitted with configuration XL" }).waitFor();
        await page.getByText("1 flight(s) moved onto it:").waitFor();
        assert.equal(await page.getByLabel("Configuration", { exact: true }).inputValue(), "XL");
        await assertAccessible(page, "airframe refitted");
        await screenshot(page, "admin-airframe-refit");
        const [row] = await db.sql`SELECT aircraft_config FROM flights WHERE id = ${flight.id}`;
        assert.equal(row.aircraft_config, "XL");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
