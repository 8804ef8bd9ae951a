import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { DESKTOP, IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible } from "../support/pages.ts";
import { refreshCrewPlans } from "../../services/crew/stored_plans.ts";

Deno.test({
  name: "browser: the crew plan page waits for the background planner and shows the plan when " +
    "it is stored; a stale plan offers the newer one with a link; accessible",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql, 1);
      const t = await testApp(db, "2030-03-01T00:00:00Z");
      const { headers } = await staffHeaders(t, db, "operator");
      const planner = { sql: db.sql, clock: t.clock, log: t.deps.log };
      const { base, signedInPage, close } = await serveWithBrowser(t);
      try {
        const { page, problems } = await signedInPage(headers, DESKTOP);
        await page.goto(`${base}/admin/crew/plan?date=2030-03-01&origin=FRA`);
        const waiting = page.getByRole("status");
        await waiting.getByText("Computing the proposal for this day").waitFor();
        assert.equal(await page.locator('input[name="item"]').count(), 0);
        await assertAccessible(page, "crew plan, computing");

        // The refresher stores the day; the page reloads itself with the proposal.
        await refreshCrewPlans(planner);
        await page.getByText(/Computed at 2030-03-01 00:00 UTC/).waitFor({ timeout: 15_000 });
        assert.ok(await page.locator('input[name="item"]').count() > 0);
        assert.ok(page.url().endsWith("/admin/crew/plan?date=2030-03-01&origin=FRA"));

        // A change makes it stale: the page keeps the plan and offers the new one once stored.
        await db.sql`UPDATE crew_members SET active = active WHERE employee_number = (
          SELECT min(employee_number) FROM crew_members)`;
        await page.reload();
        await page.getByText(/Crew or flights changed since/).waitFor();
        t.clock.advance(60_000);
        await refreshCrewPlans(planner);
        await page.getByRole("link", { name: "Show it" }).click({ timeout: 15_000 });
        await page.getByText(/Computed at 2030-03-01 00:01 UTC/).waitFor();
        await assertAccessible(page, "crew plan, stored");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }),
});
