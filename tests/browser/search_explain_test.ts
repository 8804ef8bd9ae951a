import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";

Deno.test({
  name:
    "browser: 'heathrow' finds LHR by name; an empty First search explains itself and links to Business; the month view goes month to month and to a day",
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

        // An airport with a long name still takes one line: one box per part, at one height.
        const from = page.getByRole("combobox", { name: "Flying from" });
        await from.click();
        await page.keyboard.type("guarulhos");
        const options = page.locator("#search-from-list").getByRole("option");
        await options.filter({ hasText: "GRU" }).waitFor();
        const lines = await options.evaluateAll((lis) =>
          lis.map((li) => {
            const parts = [...li.children].flatMap((c) => [...c.getClientRects()]);
            return new Set(parts.map((r) => Math.round(r.top))).size;
          })
        );
        assert.ok(lines.length >= 1 && lines.every((n) => n === 1), `lines: ${lines}`);

        // An airport by a word of its name, chosen by keyboard.
        await page.keyboard.press("Control+A");
        await page.keyboard.type("heathrow");
        const first = options.first();
        await options.filter({ hasText: "LHR" }).waitFor();
        assert.match(
          (await first.textContent())!,
          /^LHR\s*London Heathrow Airport, United Kingdom/,
        );
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Enter");
        assert.equal(await from.inputValue(), "London (LHR)");
        await page.keyboard.press("Tab");
        await page.keyboard.type("dublin");
        await page.locator("#search-to-list").getByRole("option").first().waitFor();
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Enter");
        assert.equal(
          await page.getByRole("combobox", { name: "Flying to" }).inputValue(),
          "Dublin (DUB)",
        );
        await page.getByLabel("Date").fill("2030-03-02");
        await page.getByLabel("Cabin").selectOption("F");
        await page.getByRole("button", { name: "Search flights" }).click();
        await page.waitForURL(/\/search\?.*cabin=F/);

        // Nothing in First: why, and the cabins there are, each a link to its search.
        const why = page.locator("[data-reason=cabin_not_offered]");
        await why.getByText(
          /^No First on this route; Business from \$[\d,]+, Economy from \$[\d,]+\.$/,
        )
          .waitFor();
        await assertAccessible(page, "empty search");
        await screenshot(page, "search-empty-explained");
        const business = why.getByRole("link", { name: /^Business from \$/ });
        const quoted = (await business.textContent())!.replace("Business from ", "");
        await business.click();
        await page.waitForURL(/cabin=J/);
        assert.ok(await page.locator("li.itinerary").count() > 0);
        const prices = await page.locator("li.itinerary .price strong").allTextContents();
        assert.ok(prices.includes(quoted), `${quoted} among ${prices.join(", ")}`);

        // The month view: from the strip, month to month and back, then a day's search.
        await page.getByRole("link", { name: "The whole month" }).click();
        await page.waitForURL(/\/search\/month\?.*month=2030-03/);
        await page.getByRole("heading", { name: "March 2030" }).waitFor();
        await assertAccessible(page, "month view");
        await screenshot(page, "search-month");
        const priced = page.locator("td[data-date] a");
        assert.equal(await priced.count(), 3, "the three seeded days");
        await page.getByRole("link", { name: "Next month" }).click();
        await page.getByRole("heading", { name: "April 2030" }).waitFor();
        assert.equal(await priced.count(), 0);
        await page.getByRole("link", { name: "Previous month" }).click();
        await page.getByRole("heading", { name: "March 2030" }).waitFor();
        await page.locator('td[data-date="2030-03-03"] a').click();
        await page.waitForURL(/\/search\?from=LHR&to=DUB&cabin=J&passengers=1&date=2030-03-03$/);
        assert.ok(await page.locator("li.itinerary").count() > 0);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 3 }),
});
