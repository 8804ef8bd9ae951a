import assert from "node:assert/strict";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { assertAccessible, screenshot, watchErrors } from "../support/pages.ts";
import { submitSignUp } from "../support/booking_browser.ts";
import { notifyUser } from "../../notifications/notifier.ts";
import { newVapidKeys } from "../../platform/config.ts";

Deno.test({
  name:
    "browser: the bell counts a new notification live, opens by keyboard; account pages pass axe",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      const [publicKey, privateKey] = (await newVapidKeys()).split(" ");
      const t = await testApp(db, "2030-02-25T00:00:00Z", {
        env: { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey },
      });
      const { base, browser, close } = await serveWithBrowser(t);
      try {
        const page = await browser.newPage();
        const problems = watchErrors(page);
        await page.goto(`${base}/register?next=/account`);
        await submitSignUp(page, "Ada Lovelace");
        await page.waitForURL(`${base}/account`);

        const bell = page.locator("button.bell");
        await bell.waitFor();
        assert.equal(await bell.locator(".bell-count").textContent(), "0");

        // A notification arrives; the count follows without a reload.
        await page.evaluate(() => Object.assign(globalThis, { samePage: true }));
        const [user] = await db.sql`SELECT id FROM users WHERE email = 'ada@example.test'`;
        await notifyUser(t.deps.notifier, {
          userId: user.id,
          kind: "flight_delayed",
          title: "CT 101 is delayed",
          body: "New departure 10:40 local time.",
          dedupeKey: "browser-test:1",
        });
        await page.waitForFunction(() =>
          document.querySelector("button.bell .bell-count")?.textContent === "1"
        );
        assert.equal(await page.evaluate(() => "samePage" in globalThis), true, "no reload");
        await page.locator("[aria-live=polite]", { hasText: "1 unread notification" }).waitFor();

        // Keyboard: open the panel, open the notification (read), Escape back to the bell.
        await bell.focus();
        await page.keyboard.press("Enter");
        assert.equal(await bell.getAttribute("aria-expanded"), "true");
        const item = page.getByRole("button", { name: /CT 101 is delayed/ });
        await item.waitFor();
        await page.keyboard.press("Tab");
        await page.keyboard.press("Tab");
        assert.equal(await item.evaluate((e) => e === document.activeElement), true);
        await page.keyboard.press("Enter");
        await page.getByText("New departure 10:40 local time.").waitFor();
        await page.waitForFunction(() =>
          document.querySelector("button.bell .bell-count")?.textContent === "0"
        );
        await page.keyboard.press("Escape");
        assert.equal(await bell.getAttribute("aria-expanded"), "false");
        assert.equal(await page.locator("#bell-panel").isHidden(), true);
        assert.equal(await bell.evaluate((e) => e === document.activeElement), true);

        // One unread notification for the pages below, and the panel with both.
        await notifyUser(t.deps.notifier, {
          userId: user.id,
          kind: "booking_confirmed",
          title: "Booking K7QX2M confirmed",
          body: "Your e-ticket 9141234567890 is ready.",
          dedupeKey: "browser-test:2",
        });
        await page.locator("button.bell .bell-count", { hasText: "1" }).waitFor();
        await page.keyboard.press("Enter");
        await page.getByRole("button", { name: /Booking K7QX2M confirmed/ }).waitFor();
        await assertAccessible(page, "bell panel");
        await screenshot(page, "account-bell");
        await page.keyboard.press("Escape");

        for (
          const [path, shot] of [
            ["/account", "account"],
            ["/account/notifications", "account-notifications"],
            ["/account/preferences", "account-preferences"],
          ]
        ) {
          await page.goto(`${base}${path}`);
          await bell.waitFor();
          if (shot === "account-preferences") {
            // The push toggle hydrated and found no subscription in this browser.
            await page.getByRole("button", { name: "Turn on push in this browser" }).waitFor();
          }
          await assertAccessible(page, path);
          await screenshot(page, shot);
        }
        assert.equal(
          await page.getByRole("checkbox", { name: "Email for Flight delayed" }).isDisabled(),
          true,
        );

        await page.context().clearCookies();
        for (const path of ["/login", "/register"]) {
          await page.goto(`${base}${path}`);
          await assertAccessible(page, path);
        }
        await page.goto(`${base}/login`);
        await screenshot(page, "login");
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }),
});
