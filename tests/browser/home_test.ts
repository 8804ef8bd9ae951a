import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, launchBrowser } from "../support/browser.ts";

Deno.test({
  name: "browser: the departures page hydrates and its filter narrows the table, CSP intact",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql);
      const t = await testApp(db);
      const server = Deno.serve(
        { port: 0, hostname: "127.0.0.1", onListen: () => {} },
        t.app.fetch,
      );
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
        page.on("pageerror", (e) => problems.push(e.message));
        await page.goto(`http://127.0.0.1:${server.addr.port}/`);
        const rows = page.locator("table.flights tbody tr");
        const before = await rows.count();
        assert.ok(before > 10, `only ${before} rows`);
        // Filter by the first row's destination city: present, and absent from other rows.
        const city = (await rows.first().locator("td").nth(2).textContent())!.slice(4).trim();
        await page.getByLabel("Filter these flights").fill(city);
        await page.waitForFunction(
          (n) => document.querySelectorAll("table.flights tbody tr").length < n,
          before,
        );
        const texts = await rows.allTextContents();
        assert.ok(texts.length > 0);
        for (const text of texts) assert.ok(text.includes(city), `${text} lacks ${city}`);
        await page.getByLabel("Filter these flights").fill("no such place zzz");
        await page.getByText("No upcoming flights match.").waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await browser.close();
        await server.shutdown();
        await t.close();
      }
    }, { seededDays: 1 }),
});
