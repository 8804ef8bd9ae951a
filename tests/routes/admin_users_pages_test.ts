import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { PageClient, staffClient } from "../support/pages.ts";
import { seedTestSchedule } from "../support/seed.ts";

const NOW = "2030-02-25T00:00:00Z";

/** The user links of a list page, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<a href="\/admin\/users\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
}

function nextLink(html: string): string | undefined {
  const m = /<a href="([^"]+)" rel="next">/.exec(html);
  return m?.[1].replaceAll("&amp;", "&");
}

testOnEachBackend(
  "user pages: admins only; search by name, role filter and keyset pages that neither skip nor repeat",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const guest = await new PageClient(t.app).get("/admin/users");
      assert.equal(guest.status, 303);
      const { client: operator } = await staffClient(t, db, "operator");
      await operator.html("/admin/users", 403);
      const opHome = await operator.html("/admin/flights");
      assert.doesNotMatch(opHome, /href="\/admin\/users"/, "operators get no Users link");

      // 60 users made in one statement share one created_at: the id breaks the tie.
      await db.sql`
        INSERT INTO users (email, name, role)
        SELECT 'crowd' || n || '@example.test', 'Crowd Member ' || n,
          CASE WHEN n % 3 = 0 THEN 'operator' ELSE 'passenger' END
        FROM generate_series(1, 60) AS n`;
      const { client: admin } = await staffClient(t, db, "admin");
      const first = await admin.html("/admin/users?q=CROWD+member");
      assert.match(first, /<a href="\/admin\/users" aria-current="page">Users<\/a>/);
      const seen = listed(first);
      assert.equal(seen.length, 25);
      assert.doesNotMatch(first, />First page</);
      let next = nextLink(first);
      while (next) {
        assert.match(next, /q=CROWD\+member/);
        const page = await admin.html(next);
        assert.match(page, />First page</);
        seen.push(...listed(page));
        next = nextLink(page);
      }
      assert.equal(seen.length, 60);
      assert.equal(new Set(seen).size, 60, "no user is listed twice");

      const operators = listed(await admin.html("/admin/users?q=crowd&role=operator"));
      assert.equal(operators.length, 20);
      const none = await admin.html("/admin/users?q=%25nobody%25");
      assert.match(none, /No users match/);
      await admin.html("/admin/users?role=pilot", 400);
      await admin.html("/admin/users?after=not-an-id", 400);
      await admin.html(`/admin/users/${crypto.randomUUID()}`, 404);
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "user page: profile and bookings; role change, disable and enable need a reason and are audited; no self-lockout",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const { client: admin, userId: adminId } = await staffClient(t, db, "admin");
      const [pat] = await db.sql`
        INSERT INTO users (email, name, role) VALUES ('pat@example.test', 'Pat <b>Doe</b>',
          'passenger') RETURNING id`;
      const path = `/admin/users/${pat.id}`;
      const view = await admin.html(path);
      assert.match(view, /Pat &lt;b>Doe&lt;\/b>/, "names are escaped");
      assert.doesNotMatch(view, /<b>Doe/);
      assert.match(view, /<dd>0 \(0 confirmed\)<\/dd>/);
      assert.match(view, /Changes to this user[\s\S]*None\./);

      const noReason = await admin.post(path, { action: "disable", reason: "  " });
      assert.equal(noReason.status, 422);
      assert.match(await noReason.text(), /give a reason/);
      const bad = await admin.post(path, { action: "role", role: "pilot", reason: "x" });
      assert.equal(bad.status, 422);

      const promoted = await admin.post(path, {
        action: "role",
        role: "operator",
        reason: "joins the ops desk",
      });
      assert.equal(promoted.status, 303);
      assert.equal(promoted.headers.get("location"), `${path}?notice=role`);
      const disabled = await admin.post(path, { action: "disable", reason: "left the company" });
      assert.equal(disabled.headers.get("location"), `${path}?notice=disable`);
      const after = await admin.html(`${path}?notice=disable`);
      assert.match(after, /signed out everywhere/);
      assert.match(after, /status-disabled/);
      assert.match(after, /user\.disabled<\/td><td>user [0-9a-f]{8}<\/td><td>left the company/);
      assert.match(
        after,
        /user\.role_changed<\/td><td>user [0-9a-f]{8}<\/td><td>joins the ops desk/,
      );
      assert.match(after, /Enable the account/);
      const enabled = await admin.post(path, { action: "enable", reason: "came back" });
      assert.equal(enabled.headers.get("location"), `${path}?notice=enable`);
      const audit = await db.sql`
        SELECT action, actor_user_id, details->>'reason' AS reason FROM audit_log
        WHERE entity_type = 'user' AND entity_id = ${pat.id} ORDER BY id`;
      assert.deepEqual(audit.map((a) => [a.action, a.actor_user_id, a.reason]), [
        ["user.role_changed", adminId, "joins the ops desk"],
        ["user.disabled", adminId, "left the company"],
        ["user.enabled", adminId, "came back"],
      ]);

      // The admin's own trail lists what they did; their own page has no controls.
      const own = await admin.html(`/admin/users/${adminId}`);
      assert.match(own, /Changes made by this user[\s\S]*user\.enabled/);
      assert.match(own, /another admin must change its role/);
      assert.doesNotMatch(own, /Disable the account/);
      const self = await admin.post(`/admin/users/${adminId}`, {
        action: "disable",
        reason: "oops",
      });
      assert.equal(self.status, 409);
      assert.match(await self.text(), /cannot change their own role or disable themselves/);
      const [me] = await db.sql`SELECT disabled_at, role FROM users WHERE id = ${adminId}`;
      assert.deepEqual([me.disabled_at, me.role], [null, "admin"]);

      const { client: operator } = await staffClient(t, db, "operator");
      const refused = await operator.post(path, { action: "disable", reason: "x" });
      assert.equal(refused.status, 403);
    } finally {
      await t.close();
    }
  },
);
