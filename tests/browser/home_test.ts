import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { watchErrors } from "../support/pages.ts";

Deno.test({
  name: "browser: the departures page hydrates and its filter narrows the table, CSP intact",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql);
      const t = await testApp(db);
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        const page = await browser.newPage();
        const problems = watchErrors(page);
        await page.goto(`${base}/`);
        const rows = page.locator("table.flights tbody tr:not(.board-airport)");
        const before = await rows.count();
        assert.ok(before > 10, `only ${before} rows`);
        // What the reader sees is in order: one section per departure airport, headed by it,
        // whose local departure times ascend; the sections by their first departure instant.
        const sections = await page.locator("table.flights tbody").evaluateAll((bodies) =>
          bodies.map((b) => ({
            heading: b.querySelector("th[scope=rowgroup]")?.textContent ?? "",
            airport: b.getAttribute("data-airport") ?? "",
            shown: [...b.querySelectorAll("td:nth-child(3) time")].map((t) => t.textContent!),
            at: [...b.querySelectorAll("td:nth-child(3) time")].map((t) =>
              t.getAttribute("datetime")!
            ),
          }))
        );
        assert.ok(sections.length > 1, "several departure airports");
        const clock = (s: string) => s.slice(-5); // "Fri 1 Mar, 07:05": one day seeded
        for (const s of sections) {
          assert.match(s.heading, new RegExp(`^From .+ \\(${s.airport}\\) local time UTC`));
          assert.deepEqual(s.shown.map(clock), [...s.shown.map(clock)].sort(), s.heading);
          assert.deepEqual(s.at, [...s.at].sort(), s.heading);
        }
        const firsts = sections.map((s) => s.at[0]);
        assert.deepEqual(firsts, [...firsts].sort(), "sections by their first departure");
        // Filter by the first row's destination city: present, and absent from other rows.
        const city = (await rows.first().locator("td").nth(1).textContent())!.slice(4).trim();
        await page.getByLabel("Filter these flights").fill(city);
        await page.waitForFunction(
          (n) => document.querySelectorAll("table.flights tbody tr").length < n,
          before,
        );
        // A flight matches by its section's departure city or by its own row.
        const shown = await page.locator("table.flights tbody").evaluateAll((bodies) =>
          bodies.map((b) => [...b.querySelectorAll("tr")].map((r) => r.textContent ?? ""))
        );
        assert.ok(shown.length > 0);
        for (const [heading, ...texts] of shown) {
          if (heading.includes(city)) continue;
          for (const text of texts) assert.ok(text.includes(city), `${text} lacks ${city}`);
        }
        await page.getByLabel("Filter these flights").fill("no such place zzz");
        await page.getByText("No upcoming flights match.").waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
