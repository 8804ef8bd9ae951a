import assert from "node:assert/strict";
import type { Database } from "../../db/postgres.ts";
import { staffHeaders } from "../support/staff.ts";
import { testOnEachBackend } from "../support/db.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { bearer, json, signUp, TEST_PASSWORD } from "../support/http.ts";

const NOW = "2030-02-25T00:00:00Z";

/** A users row with `role` and a bearer header signed for it now. */
async function staff(
  t: TestApp,
  db: Database,
  role: "passenger" | "operator" | "admin",
  email: string,
) {
  const { userId, headers } = await staffHeaders(t, db, role, email);
  return { id: userId, headers };
}

async function login(t: TestApp, email: string) {
  const res = await t.app.request(
    "/api/auth/login",
    json("POST", { email, password: TEST_PASSWORD }),
  );
  return { status: res.status, body: await res.json() };
}

async function auditOf(db: Database, userId: string) {
  return await db.sql`
    SELECT action, actor_user_id, details FROM audit_log
    WHERE entity_type = 'user' AND entity_id = ${userId} ORDER BY id`;
}

testOnEachBackend(
  "admin users: search matches email or name in any case, filters, pages newest first and hides hashes and erased accounts",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const admin = await staff(t, db, "admin", "root@example.test");
      const rows = [
        ["ada@example.test", "Ada Lovelace", "passenger", null, null],
        ["grace@example.test", "Grace Zyx Hopper", "operator", null, null],
        ["percent@example.test", "100% Sure", "passenger", "2030-02-01", null],
        ["under_score@example.test", "Under Score", "passenger", null, null],
        ["gone-zyx@example.test", "Erased Zyx", "passenger", null, "2030-02-02"],
      ] as const;
      for (const [i, [email, name, role, disabled, anonymized]] of rows.entries()) {
        await db.sql`
        INSERT INTO users (email, name, role, password_hash, disabled_at, anonymized_at, created_at)
        VALUES (${email}, ${name}, ${role}, 'secret-hash', ${disabled}, ${anonymized},
                ${new Date(Date.UTC(2030, 0, 10 + i))})`;
      }
      const list = async (query: string) => {
        const res = await t.app.request(`/api/admin/users?${query}`, { headers: admin.headers });
        assert.equal(res.status, 200, query);
        return await res.json();
      };
      const emails = (body: { data: { email: string }[] }) => body.data.map((u) => u.email);

      assert.deepEqual(emails(await list("q=ZYX")), ["grace@example.test"], "by name, any case");
      assert.deepEqual(emails(await list("q=Ada@Ex")), ["ada@example.test"], "by email, any case");
      assert.deepEqual(emails(await list("q=%25")), ["percent@example.test"], "% is literal");
      assert.deepEqual(emails(await list("q=_")), ["under_score@example.test"], "_ is literal");
      assert.deepEqual(emails(await list("q=example&role=operator")), ["grace@example.test"]);
      assert.deepEqual(emails(await list("status=disabled")), ["percent@example.test"]);
      const active = await list("status=active&limit=100");
      assert.ok(!emails(active).includes("percent@example.test"));
      assert.ok(!emails(active).includes("gone-zyx@example.test"), "erased accounts are left out");

      const all = await list("limit=100");
      assert.equal(all.total, all.data.length);
      const created = all.data.map((u: { createdAt: string }) => u.createdAt);
      assert.deepEqual(created, [...created].sort().reverse(), "newest first");
      const page2 = await list("limit=2&page=2");
      assert.equal(page2.total, all.total);
      assert.deepEqual(emails(page2), emails(all).slice(2, 4));
      assert.doesNotMatch(JSON.stringify(all), /secret-hash|password/i);

      for (const bad of ["limit=101", "limit=0", "page=0", "status=gone", "role=pilot"]) {
        const res = await t.app.request(`/api/admin/users?${bad}`, { headers: admin.headers });
        assert.equal(res.status, 400, bad);
      }
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "admin users: a demoted operator's old token is refused at once and a new sign-in carries the new role",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const admin = await staff(t, db, "admin", "root@example.test");
      const { user } = await signUp(t.app, "olive@example.test");
      await db.sql`UPDATE users SET role = 'operator' WHERE id = ${user.id}`;
      const first = await login(t, "olive@example.test");
      assert.equal(first.body.user.role, "operator");
      const old = bearer(first.body.accessToken);
      assert.equal(
        (await t.app.request("/api/admin/airports?q=CDG", { headers: old })).status,
        200,
      );

      t.clock.advance(1_000);
      const res = await t.app.request(
        `/api/admin/users/${user.id}/role`,
        json("PUT", { role: "passenger", reason: "left operations" }, admin.headers),
      );
      assert.equal(res.status, 200);
      const changed = await res.json();
      assert.equal(changed.changed, true);
      assert.equal(changed.user.role, "passenger");

      const refused = await t.app.request("/api/me", { headers: old });
      assert.equal(refused.status, 401);
      assert.equal((await refused.json()).code, "token_revoked");
      const cookie = await t.app.request("/api/me", {
        headers: { Cookie: `ct_access=${first.body.accessToken}` },
      });
      assert.equal(cookie.status, 401, "a revoked cookie session is a guest");
      assert.equal((await cookie.json()).code, "unauthenticated");

      const again = await login(t, "olive@example.test");
      assert.equal(again.body.user.role, "passenger");
      const fresh = bearer(again.body.accessToken);
      assert.equal((await t.app.request("/api/me", { headers: fresh })).status, 200);
      assert.equal((await t.app.request("/api/admin/airports", { headers: fresh })).status, 403);
      const refreshed = await t.app.request(
        "/api/auth/refresh",
        json("POST", { refreshToken: first.body.refreshToken }),
      );
      assert.equal(
        refreshed.status,
        200,
        "a role change keeps sessions; refresh gets the new role",
      );
      assert.equal((await refreshed.json()).user.role, "passenger");

      const audit = await auditOf(db, user.id);
      assert.equal(audit.length, 1);
      assert.equal(audit[0].action, "user.role_changed");
      assert.equal(audit[0].actor_user_id, admin.id);
      assert.deepEqual(audit[0].details, {
        before: { role: "operator" },
        after: { role: "passenger" },
        reason: "left operations",
      });

      const same = await t.app.request(
        `/api/admin/users/${user.id}/role`,
        json("PUT", { role: "passenger" }, admin.headers),
      );
      assert.equal(same.status, 200);
      assert.equal((await same.json()).changed, false);
      assert.equal((await auditOf(db, user.id)).length, 1, "a no-op is not audited");
      assert.equal((await t.app.request("/api/me", { headers: fresh })).status, 200);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "admin users: disabling refuses the old token, sign-in and refresh; enabling lets the user sign in again",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const admin = await staff(t, db, "admin", "root@example.test");
      const { user, headers: old } = await signUp(t.app, "dave@example.test");
      const session = await login(t, "dave@example.test");

      t.clock.advance(1_000);
      const res = await t.app.request(
        `/api/admin/users/${user.id}/disable`,
        json("POST", { reason: "card fraud" }, admin.headers),
      );
      assert.equal(res.status, 200);
      assert.equal((await res.json()).user.disabled, true);

      for (const headers of [old, bearer(session.body.accessToken)]) {
        const me = await t.app.request("/api/me", { headers });
        assert.equal(me.status, 401);
        assert.equal((await me.json()).code, "token_revoked");
      }
      const denied = await login(t, "dave@example.test");
      assert.equal(denied.status, 403);
      assert.equal(denied.body.code, "account_disabled");
      const refresh = await t.app.request(
        "/api/auth/refresh",
        json("POST", { refreshToken: session.body.refreshToken }),
      );
      assert.equal(refresh.status, 401);

      const twice = await t.app.request(
        `/api/admin/users/${user.id}/disable`,
        json("POST", { reason: "again" }, admin.headers),
      );
      assert.equal(twice.status, 200);
      assert.equal((await twice.json()).changed, false);

      const enabled = await t.app.request(
        `/api/admin/users/${user.id}/enable`,
        json("POST", { reason: "cleared" }, admin.headers),
      );
      assert.equal(enabled.status, 200);
      assert.equal((await enabled.json()).user.disabled, false);
      const back = await login(t, "dave@example.test");
      assert.equal(back.status, 200);
      const me = await t.app.request("/api/me", { headers: bearer(back.body.accessToken) });
      assert.equal(
        me.status,
        200,
        "a token issued after the change works, even in the same instant",
      );
      const stale = await t.app.request(
        "/api/auth/refresh",
        json("POST", { refreshToken: session.body.refreshToken }),
      );
      assert.equal(stale.status, 401, "sessions revoked by the disabling stay revoked");

      const view = await t.app.request(`/api/admin/users/${user.id}`, { headers: admin.headers });
      assert.equal(view.status, 200);
      const { user: shown, audit } = await view.json();
      assert.equal(shown.email, "dave@example.test");
      assert.deepEqual(audit.map((a: { action: string }) => a.action), [
        "user.enabled",
        "user.disabled",
      ]);
      assert.equal(audit[1].details.reason, "card fraud");
      assert.equal(audit[1].details.refreshTokensRevoked, 2, "the sign-up's and the login's");
      assert.equal(audit[0].details.reason, "cleared");
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "admin users: admins cannot change themselves, and the last active admin cannot be demoted or disabled",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const [seeded] = await db.sql`SELECT id FROM users WHERE email = 'admin@contrail.test'`;
      const a = await staff(t, db, "admin", "a@example.test");
      const b = await staff(t, db, "admin", "b@example.test");
      const req = (who: { headers: Record<string, string> }, id: string, action: string) =>
        action === "demote"
          ? t.app.request(
            `/api/admin/users/${id}/role`,
            json("PUT", { role: "operator" }, who.headers),
          )
          : t.app.request(
            `/api/admin/users/${id}/disable`,
            json("POST", { reason: "test" }, who.headers),
          );

      for (const action of ["demote", "disable"]) {
        const res = await req(a, a.id, action);
        assert.equal(res.status, 409, action);
        assert.equal((await res.json()).code, "self_change");
      }
      // Three admins: a disables the seeded one and demotes b, leaving itself the last.
      assert.equal((await req(a, seeded.id, "disable")).status, 200);
      assert.equal((await req(a, b.id, "demote")).status, 200);
      // A token still saying admin while the account is no longer one (another process's
      // memo, a direct database change) must not remove the last admin either.
      const stale = await staff(t, db, "admin", "stale@example.test");
      await db.sql`UPDATE users SET role = 'operator' WHERE id = ${stale.id}`;
      for (const action of ["demote", "disable"]) {
        const res = await req(stale, a.id, action);
        assert.equal(res.status, 409, action);
        assert.equal((await res.json()).code, "last_admin");
      }
      const [{ n }] = await db.sql`
      SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL`;
      assert.equal(n, 1);
      // A disabled admin is not an active one: demoting it is allowed.
      const res = await req(a, seeded.id, "demote");
      assert.equal(res.status, 200);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "admin users: only admins may call, and bad input is a 400 or 404, never a 500",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const admin = await staff(t, db, "admin", "root@example.test");
      const operator = await staff(t, db, "operator", "op@example.test");
      const passenger = await staff(t, db, "passenger", "pax@example.test");
      const paths = [
        ["GET", "/api/admin/users"],
        ["GET", `/api/admin/users/${passenger.id}`],
        ["PUT", `/api/admin/users/${passenger.id}/role`],
        ["POST", `/api/admin/users/${passenger.id}/disable`],
        ["POST", `/api/admin/users/${passenger.id}/enable`],
      ];
      for (const [method, path] of paths) {
        const body = method === "GET" ? undefined : { role: "admin", reason: "x" };
        for (
          const [who, status] of [[operator.headers, 403], [passenger.headers, 403], [
            {},
            401,
          ]] as const
        ) {
          const res = await t.app.request(path, json(method, body, who));
          assert.equal(res.status, status, `${method} ${path}`);
          await res.body?.cancel();
        }
      }
      const unknown = crypto.randomUUID();
      const cases: [string, string, unknown, number][] = [
        ["GET", "/api/admin/users/not-a-uuid", undefined, 400],
        ["GET", `/api/admin/users/${unknown}`, undefined, 404],
        ["PUT", `/api/admin/users/${unknown}/role`, { role: "operator" }, 404],
        ["POST", `/api/admin/users/${unknown}/disable`, { reason: "x" }, 404],
        ["POST", `/api/admin/users/${unknown}/enable`, {}, 404],
        ["PUT", `/api/admin/users/${passenger.id}/role`, { role: "pilot" }, 400],
        ["PUT", `/api/admin/users/${passenger.id}/role`, { role: "admin", extra: 1 }, 400],
        ["POST", `/api/admin/users/${passenger.id}/disable`, {}, 400],
        ["POST", `/api/admin/users/${passenger.id}/disable`, { reason: "   " }, 400],
      ];
      for (const [method, path, body, status] of cases) {
        const res = await t.app.request(path, json(method, body, admin.headers));
        assert.equal(res.status, status, `${method} ${path} ${JSON.stringify(body)}`);
        assert.equal(res.headers.get("content-type"), "application/problem+json");
        await res.body?.cancel();
      }
      const bare = await t.app.request(`/api/admin/users/${unknown}/enable`, {
        method: "POST",
        headers: admin.headers,
      });
      assert.equal(bare.status, 404, "enable needs no body");
      await bare.body?.cancel();
      const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM audit_log`;
      assert.equal(n, 0, "nothing was changed");
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
