import assert from "node:assert/strict";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { bumpScheduleVersion } from "../../services/flights/cache_keys.ts";
import { cancelLateReturns, DAY, NOW, routes } from "../support/return_routes.ts";

Deno.test({
  name:
    "browser: a round trip whose ways back all leave before the way out lands says so, and its link to an earlier way out leads to ways back to book",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      const [route] = await routes(db.sql, 1);
      const t = await testApp(db, NOW);
      await cancelLateReturns(t.app, db.sql, route);
      await bumpScheduleVersion(t.deps.store);
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        const page = await (await browser.newContext()).newPage();
        const problems = watchErrors(page);
        await page.goto(
          `${base}/search?from=${route.from}&to=${route.to}&date=${DAY}&returnDate=${DAY}`,
        );
        const why = page.locator("[data-reason=no_return_after_outbound]");
        await why.getByText(/^No return on Sat 2 Mar connects: the earliest outbound flight/)
          .waitFor();
        await assertAccessible(page, "round trip without a way back");
        await screenshot(page, "search-return-explained");
        assert.ok(await why.getByRole("link", { name: /^Return Sun 3 Mar, from \$/ }).count());
        await why.getByRole("link", { name: /^Fly out Fri 1 Mar at \d\d:\d\d/ }).click();
        await page.waitForURL(/date=2030-03-01.*out=/);
        await page.getByRole("heading", { name: "Your outbound flight" }).waitFor();
        await page.getByRole("heading", { name: "2. Choose your return flight" }).waitFor();
        assert.ok(await page.getByRole("link", { name: "Book" }).count() > 0);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 3 }),
});
