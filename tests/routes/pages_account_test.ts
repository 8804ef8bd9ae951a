import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { PageClient } from "../support/pages.ts";
import { notifyUser } from "../../notifications/notifier.ts";
import type { NotificationKind } from "../../domain/notification_kinds.ts";

const NOW = "2030-02-25T00:00:00Z";

/** A signed-up browser and its user id. */
async function signedUp(t: TestApp, email = "ada@example.test") {
  const browser = new PageClient(t.app);
  await browser.register(email);
  const [row] = await t.deps.db.sql`SELECT id FROM users WHERE email = ${email}`;
  return { browser, userId: row.id as string };
}

function notify(t: TestApp, userId: string, n: number, kind: NotificationKind = "crew_assignment") {
  return notifyUser(t.deps.notifier, {
    userId,
    kind,
    title: `Notice ${n}`,
    body: `Body of notice ${n}`,
    dedupeKey: `test:${userId}:${n}`,
  });
}

/** The unread count the header bell shows (server-rendered). */
function bellCount(html: string): number {
  const m = /class="bell-count[^"]*">(\d+)</.exec(html);
  assert.ok(m, "the page has a bell");
  return Number(m[1]);
}

async function apiJson(t: TestApp, browser: PageClient, path: string) {
  const res = await t.app.request(path, { headers: { Cookie: browser.jar.header() } });
  assert.equal(res.status, 200, path);
  return await res.json();
}

testOnEachBackend(
  "account page: shows the profile and a bell with the unread count; guests sign in first",
  async (db) => {
    const t = await testApp(db, NOW);
    try {
      const guest = new PageClient(t.app);
      const away = await guest.get("/account");
      assert.equal(away.status, 303);
      assert.equal(away.headers.get("location"), "/login?next=%2Faccount");
      assert.doesNotMatch(await guest.html("/"), /class="bell/, "no bell for guests");

      const { browser, userId } = await signedUp(t);
      const page = await browser.html("/account");
      assert.match(page, /<dd>Ada<\/dd>/);
      assert.match(page, /<dd>ada@example\.test<\/dd>/);
      assert.match(page, /<dd class="acct-role">passenger<\/dd>/);
      assert.match(page, /href="\/api\/me\/export" download/);
      assert.equal(bellCount(page), 0);
      // Without JavaScript the bell is a link to the notifications page.
      assert.match(page, /<a class="bell" href="\/account\/notifications">/);
      assert.match(page, /\/static\/build\/NotificationBell-[A-Z0-9]{8}\.js/);

      await notify(t, userId, 1);
      await notify(t, userId, 2);
      const home = await browser.html("/");
      assert.equal(bellCount(home), 2);
      assert.match(home, /data-props="\{&quot;unread&quot;:2,&quot;lastSeq&quot;:\d+\}"/);
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "notifications page: pages of 20 newest first; mark one and all read with plain forms",
  async (db) => {
    const t = await testApp(db, NOW);
    try {
      const { browser, userId } = await signedUp(t);
      for (let n = 1; n <= 25; n++) await notify(t, userId, n);
      const first = await browser.html("/account/notifications");
      assert.equal(bellCount(first), 25);
      assert.match(first, /25 unread\./);
      const titles = [...first.matchAll(/Notice (\d+)<span class="acct-badge">/g)].map((m) => m[1]);
      assert.equal(titles.length, 20);
      assert.equal(titles[0], "25");
      assert.equal(titles[19], "6");
      const older = /href="\/account\/notifications\?before=(\d+)"/.exec(first);
      assert.ok(older, "a link to older notifications");
      const second = await browser.html(`/account/notifications?before=${older[1]}`);
      assert.equal([...second.matchAll(/Notice \d+<span/g)].length, 5);
      assert.match(second, /href="\/account\/notifications">Newest/);

      // Mark one read from the second page: back to that page, with a status message.
      const action = /action="(\/account\/notifications\/[0-9a-f-]+\/read)"/.exec(second)!;
      const read = await browser.post(action[1], { before: older[1] });
      assert.equal(read.status, 303);
      assert.equal(
        read.headers.get("location"),
        `/account/notifications?before=${older[1]}&done=read`,
      );
      const after = await browser.html(read.headers.get("location")!);
      assert.match(after, /Marked as read\. 24 unread\./);
      assert.equal(bellCount(after), 24);

      const unknown = await browser.post(`/account/notifications/${crypto.randomUUID()}/read`, {});
      assert.equal(unknown.status, 404);
      assert.equal((await browser.post("/account/notifications/not-an-id/read", {})).status, 404);

      // "Mark all read" stops at what the page showed; a later arrival stays unread.
      const upTo = /name="upTo" value="(\d+)"/.exec(first)![1];
      await notify(t, userId, 26);
      const all = await browser.post("/account/notifications/read-all", { upTo });
      assert.equal(all.status, 303);
      const done = await browser.html(all.headers.get("location")!);
      assert.match(done, /All notifications marked as read\. 1 unread\./);
      const api = await apiJson(t, browser, "/api/me/notifications?limit=2");
      assert.deepEqual(
        api.data.map((n: { title: string; readAt: string | null }) => [
          n.title,
          n.readAt === null,
        ]),
        [["Notice 26", true], ["Notice 25", false]],
      );
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "preferences page: saves email and push per kind; operational kinds stay on and locked",
  async (db) => {
    const t = await testApp(db, NOW);
    try {
      const { browser } = await signedUp(t);
      const page = await browser.html("/account/preferences");
      // Operational: checked, disabled, explained, and posted through a hidden field.
      assert.match(
        page,
        /<input type="checkbox" name="email" value="flight_delayed" checked disabled aria-describedby="locked-note"\/>/,
      );
      assert.match(page, /<input type="hidden" name="email" value="flight_delayed"\/>/);
      assert.match(page, /id="locked-note"[^>]*>[^<]*cannot be turned off/);
      assert.match(page, /name="push" value="booking_confirmed" checked\/>/);

      // Everything the form shows as locked, plus booking_confirmed by email only.
      const locked = [...page.matchAll(/type="hidden" name="(email|push)" value="(\w+)"/g)];
      const form = new URLSearchParams({ _csrf: browser.jar.get("ct_csrf")! });
      for (const [, channel, kind] of locked) form.append(channel, kind);
      form.append("email", "booking_confirmed");
      const saved = await t.app.request("/account/preferences", {
        method: "POST",
        headers: {
          Cookie: browser.jar.header(),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: form,
      });
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get("location"), "/account/preferences?saved=1");
      assert.match(await browser.html("/account/preferences?saved=1"), /Preferences saved\./);
      const prefs = (await apiJson(t, browser, "/api/me/notification-preferences")).preferences;
      assert.deepEqual(prefs.booking_confirmed, {
        inApp: true,
        email: true,
        push: false,
        locked: false,
      });
      assert.equal(prefs.hold_expiring.email, false);
      assert.equal(prefs.flight_delayed.email, true);

      // Leaving an operational kind out (a doctored form) is refused and changes nothing.
      const refused = await browser.post("/account/preferences", { email: "hold_expiring" });
      assert.equal(refused.status, 422);
      assert.match(
        await refused.text(),
        /role="alert">[^<]*cannot be turned off\. Nothing was changed\./,
      );
      const unchanged = (await apiJson(t, browser, "/api/me/notification-preferences")).preferences;
      assert.deepEqual(unchanged, prefs);
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "export and deletion: the export downloads as a file; deleting needs the account's email",
  async (db) => {
    const t = await testApp(db, NOW);
    try {
      const { browser, userId } = await signedUp(t, "grace@example.test");
      await notify(t, userId, 1);
      const exported = await t.app.request("/api/me/export", {
        headers: { Cookie: browser.jar.header() },
      });
      assert.equal(exported.status, 200);
      assert.equal(
        exported.headers.get("content-disposition"),
        `attachment; filename="contrail-export-${userId}.json"`,
      );
      const data = await exported.json();
      assert.equal(data.user.email, "grace@example.test");
      assert.equal(data.notifications.length, 1);

      const confirm = await browser.html("/account/delete");
      assert.match(confirm, /Type your email address to confirm/);
      const wrong = await browser.post("/account/delete", { confirm: "ada@example.test" });
      assert.equal(wrong.status, 422);
      assert.match(await wrong.text(), /role="alert"[^>]*>That is not your account/);
      assert.match(await browser.html("/account"), /grace@example\.test/, "nothing was deleted");

      const right = await browser.post("/account/delete", { confirm: " Grace@Example.test " });
      assert.equal(right.status, 303);
      assert.equal(right.headers.get("location"), "/account/deleted");
      assert.equal(browser.jar.get("ct_access"), undefined, "signed out");
      assert.equal(browser.jar.get("ct_refresh"), undefined);
      const bye = await browser.html("/account/deleted");
      assert.match(bye, /Your account is deleted/);
      assert.doesNotMatch(bye, /Sign out/);
      assert.equal((await browser.get("/account")).status, 303);

      const [row] = await db.sql`
        SELECT email, anonymized_at FROM users WHERE id = ${userId}`;
      assert.equal(row.email, `erased-${userId}@invalid.contrail`);
      assert.ok(row.anonymized_at);
      const [{ n }] = await db.sql`
        SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId}`;
      assert.equal(n, 0);
      const login = await browser.post("/login", {
        email: "grace@example.test",
        password: "correct horse battery",
        next: "/",
      });
      assert.equal(login.status, 401);
    } finally {
      await t.close();
    }
  },
);
