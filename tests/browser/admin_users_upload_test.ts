import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { DESKTOP, IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot } from "../support/pages.ts";

/** A valid flight CSV of about `mb` megabytes: padded cells, trimmed on import. */
function bigCsv(mb: number): string {
  const head = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
    "fare_J,fare_W,fare_Y,carrier";
  const pad = " ".repeat(1000);
  const rows = Array.from(
    { length: Math.ceil((mb * 1024 * 1024) / 1100) },
    (_, i) => `${i + 1},LHR,JFK,2030-06-01T09:00,2030-06-01T12:00${pad},B789,250000,90000,45000,ZZ`,
  );
  return [head, ...rows].join("\n");
}

Deno.test({
  name: "browser: an admin finds a user, disables them with a reason, and a large upload shows " +
    "the megabytes sent; pages accessible",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql);
      const t = await testApp(db);
      await db.sql`
        INSERT INTO users (email, name, role) VALUES ('grace@example.test', 'Grace Hopper',
          'passenger')`;
      const { headers } = await staffHeaders(t, db, "admin");
      const { base, signedInPage, close } = await serveWithBrowser(t);
      try {
        const { context, page, problems } = await signedInPage(headers, DESKTOP);

        await page.goto(`${base}/admin`);
        await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Users" })
          .click();
        await page.getByLabel("Email or name").fill("hopper");
        await page.getByRole("button", { name: "Search" }).click();
        await page.getByRole("link", { name: "grace@example.test" }).waitFor();
        await assertAccessible(page, "users");
        await screenshot(page, "admin-users");
        await page.getByRole("link", { name: "grace@example.test" }).click();
        await page.getByRole("heading", { name: "Role and access" }).waitFor();
        await assertAccessible(page, "user");
        await page.locator("#access-reason").fill("Account shared with others");
        await page.getByRole("button", { name: "Disable the account" }).click();
        await page.getByText("The account was disabled and signed out everywhere.").waitFor();
        await page.getByRole("cell", { name: "Account shared with others" }).waitFor();
        await page.getByRole("button", { name: "Enable the account" }).waitFor();
        await assertAccessible(page, "user disabled");
        await screenshot(page, "admin-user");

        // About 4 MB sent at 2 MB/s: the status line counts the megabytes as they go.
        await page.goto(`${base}/admin/flights/upload`);
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.emulateNetworkConditions", {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: 2 * 1024 * 1024,
        });
        // The status texts go to the test as they change: the page is gone once the job opens.
        const seen: string[] = [];
        await page.exposeFunction("reportStatus", (text: string) => void seen.push(text));
        await page.evaluate(() => {
          const status = document.querySelector(".upload-status")!;
          const report = (globalThis as unknown as { reportStatus(t: string): void }).reportStatus;
          new MutationObserver(() => report(status.textContent ?? "")).observe(status, {
            childList: true,
            characterData: true,
            subtree: true,
          });
        });
        await page.getByLabel("CSV file").setInputFiles({
          name: "big.csv",
          mimeType: "text/csv",
          buffer: Buffer.from(bigCsv(4)),
        });
        await page.getByRole("button", { name: "Validate only" }).click();
        await page.waitForURL(/\/admin\/jobs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
        const progress = seen.map((text) =>
          /^Uploading… (\d+\.\d) MB of (\d+\.\d) MB \((\d+)%\)$/.exec(text)
        ).filter((m) => m !== null);
        assert.ok(progress.length >= 2, JSON.stringify(seen));
        assert.ok(progress.every((m) => Number(m[2]) >= 3.8), "the total is the whole body");
        const percents = progress.map((m) => Number(m[3]));
        assert.ok(percents.some((p) => p > 0 && p < 100), JSON.stringify(seen));
        assert.deepEqual(percents, [...percents].sort((a, b) => a - b), "it only goes up");
        await page.getByRole("heading", { name: "Validation of big.csv" }).waitFor();
        await assertAccessible(page, "validation job");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
