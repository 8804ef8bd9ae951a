import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { bearer, CookieJar, json } from "../support/http.ts";
import { declaredOperations } from "../../routes/declare.ts";
import { REFRESH_GRACE_MS } from "../../services/accounts/sessions.ts";

const ADA = { email: "ada@example.test", password: "correct horse battery", name: "Ada Lovelace" };

async function register(app: Awaited<ReturnType<typeof testApp>>["app"], who = ADA) {
  const res = await app.request("/api/auth/register", json("POST", who));
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

testOnEachBackend(
  "auth: register returns tokens, sets HttpOnly SameSite cookies, refuses weak and duplicate",
  async (db) => {
    const { app, close } = await testApp(db);
    try {
      const res = await app.request("/api/auth/register", json("POST", ADA));
      assert.equal(res.status, 201);
      const body = await res.json();
      assert.equal(body.user.email, ADA.email);
      assert.equal(body.user.role, "passenger");
      assert.equal(body.user.passwordHash, undefined);
      assert.match(body.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      const cookies = res.headers.getSetCookie();
      const access = cookies.find((c) => c.startsWith("ct_access="))!;
      assert.match(access, /HttpOnly/);
      assert.match(access, /SameSite=Lax/);
      assert.match(
        cookies.find((c) => c.startsWith("ct_refresh="))!,
        /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/,
      );
      assert.doesNotMatch(cookies.find((c) => c.startsWith("ct_csrf="))!, /HttpOnly/);

      const again = await app.request(
        "/api/auth/register",
        json("POST", { ...ADA, email: "ADA@example.test" }),
      );
      assert.equal(again.status, 409);
      const weak: [string, string][] = [
        ["short", "at least 10"],
        ["1234567890", "too common"],
        ["QwertyUiop", "too common"],
        ["aaaaaaaaaaaa", "too common"],
        ["bob.smith-rocks-2026", "email address"],
      ];
      for (const [password, why] of weak) {
        const res = await app.request(
          "/api/auth/register",
          json("POST", { email: "bob.smith@example.test", name: "Bob", password }),
        );
        assert.equal(res.status, 400, password);
        const problem = await res.json();
        assert.equal(problem.code, "weak_password");
        assert.match(problem.detail, new RegExp(why));
      }
      const bad = await app.request(
        "/api/auth/register",
        json("POST", { email: "nope", password: 5 }),
      );
      assert.equal(bad.status, 400);
      assert.deepEqual((await bad.json()).errors.map((e: { path: string }) => e.path).sort(), [
        "email",
        "name",
        "password",
      ]);
    } finally {
      close();
    }
  },
);

testOnEachBackend(
  "auth: login answers an unknown email exactly like a wrong password",
  async (db) => {
    const { app, close } = await testApp(db);
    try {
      await register(app);
      const ok = await app.request(
        "/api/auth/login",
        json("POST", { email: "Ada@Example.test", password: ADA.password }),
      );
      assert.equal(ok.status, 200);
      const wrong = await app.request(
        "/api/auth/login",
        json("POST", { email: ADA.email, password: "not the password" }),
      );
      const unknown = await app.request(
        "/api/auth/login",
        json("POST", { email: "who@example.test", password: "not the password" }),
      );
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      const [a, b] = [await wrong.json(), await unknown.json()];
      assert.deepEqual({ ...a, requestId: 0 }, { ...b, requestId: 0 });
      await db.sql`UPDATE users SET disabled_at = now() WHERE email = ${ADA.email}`;
      const disabled = await app.request(
        "/api/auth/login",
        json("POST", { email: ADA.email, password: ADA.password }),
      );
      assert.equal(disabled.status, 403);
    } finally {
      close();
    }
  },
);

testOnEachBackend(
  "auth: /api/me by bearer or cookie; guests get 401, bad tokens 401",
  async (db) => {
    const { app, close } = await testApp(db);
    try {
      const jar = new CookieJar();
      jar.take(await app.request("/api/auth/register", json("POST", ADA)));
      const { accessToken } = await (await app.request("/api/auth/login", json("POST", ADA)))
        .json();
      const viaBearer = await app.request("/api/me", { headers: bearer(accessToken) });
      assert.equal((await viaBearer.json()).user.email, ADA.email);
      const viaCookie = await app.request("/api/me", { headers: { Cookie: jar.header() } });
      assert.equal(viaCookie.status, 200);
      const guest = await app.request("/api/me");
      assert.equal(guest.status, 401);
      assert.equal((await guest.json()).code, "unauthenticated");
      const forged = await app.request("/api/me", {
        headers: bearer(accessToken.slice(0, -4) + "AAAA"),
      });
      assert.equal(forged.status, 401);
      assert.equal((await forged.json()).code, "invalid_token");
    } finally {
      close();
    }
  },
);

testOnEachBackend(
  "auth: refresh rotates; replaying a rotated token revokes the whole family",
  async (db) => {
    const { app, close, clock } = await testApp(db);
    try {
      const first = await register(app);
      const r1 = await app.request(
        "/api/auth/refresh",
        json("POST", { refreshToken: first.refreshToken }),
      );
      assert.equal(r1.status, 200);
      const second = await r1.json();
      assert.notEqual(second.refreshToken, first.refreshToken);
      // Past the grace time for a concurrent refresh, presenting it again is a replay.
      clock.advance(REFRESH_GRACE_MS + 1);
      const replay = await app.request(
        "/api/auth/refresh",
        json("POST", { refreshToken: first.refreshToken }),
      );
      assert.equal(replay.status, 401);
      assert.equal((await replay.json()).code, "token_reused");
      const afterReplay = await app.request(
        "/api/auth/refresh",
        json("POST", { refreshToken: second.refreshToken }),
      );
      assert.equal(afterReplay.status, 401, "the legitimate successor died with the family");
      // A fresh login starts a new family that still works.
      const again = await (await app.request("/api/auth/login", json("POST", ADA))).json();
      const ok = await app.request(
        "/api/auth/refresh",
        json("POST", { refreshToken: again.refreshToken }),
      );
      assert.equal(ok.status, 200);
    } finally {
      close();
    }
  },
);

testOnEachBackend("auth: logout revokes the refresh token and clears the cookies", async (db) => {
  const { app, close } = await testApp(db);
  try {
    const session = await register(app);
    const out = await app.request(
      "/api/auth/logout",
      json("POST", { refreshToken: session.refreshToken }),
    );
    assert.equal(out.status, 204);
    assert.ok(
      out.headers.getSetCookie().some((c) =>
        c.startsWith("ct_access=;") || /ct_access=.*Max-Age=0/.test(c)
      ),
    );
    const r = await app.request(
      "/api/auth/refresh",
      json("POST", { refreshToken: session.refreshToken }),
    );
    assert.equal(r.status, 401);
  } finally {
    close();
  }
});

testOnEachBackend(
  "auth: cookie sessions need the CSRF header for changes; bearer clients do not",
  async (db) => {
    const { app, close } = await testApp(db);
    try {
      const jar = new CookieJar();
      jar.take(await app.request("/api/auth/register", json("POST", ADA)));
      const noToken = await app.request("/api/me", {
        method: "DELETE",
        headers: { Cookie: jar.header() },
      });
      assert.equal(noToken.status, 403);
      assert.equal((await noToken.json()).code, "csrf_failed");
      const wrongToken = await app.request("/api/me", {
        method: "DELETE",
        headers: { Cookie: jar.header(), "X-CSRF-Token": "x".repeat(43) },
      });
      assert.equal(wrongToken.status, 403);
      const refresh = await app.request("/api/auth/refresh", {
        method: "POST",
        headers: { Cookie: jar.header() },
      });
      assert.equal(
        refresh.status,
        403,
        "refreshing from the cookie is a cookie-session change too",
      );
      const ok = await app.request("/api/me", {
        method: "DELETE",
        headers: { Cookie: jar.header(), "X-CSRF-Token": jar.get("ct_csrf")! },
      });
      assert.equal(ok.status, 204);
      const other = await register(app, { ...ADA, email: "bob@example.test" });
      const viaBearer = await app.request("/api/me", {
        method: "DELETE",
        headers: bearer(other.accessToken),
      });
      assert.equal(viaBearer.status, 204);
    } finally {
      close();
    }
  },
);

testOnEachBackend(
  "auth: export returns what is held; erasure anonymizes and ends sign-in",
  async (db) => {
    const { app, close } = await testApp(db);
    try {
      const session = await register(app);
      const exported = await app.request("/api/me/export", {
        headers: bearer(session.accessToken),
      });
      assert.equal(exported.status, 200);
      const data = await exported.json();
      assert.equal(data.user.email, ADA.email);
      assert.deepEqual(data.bookings, []);
      assert.equal(data.sessions.length, 1);
      const erased = await app.request("/api/me", {
        method: "DELETE",
        headers: bearer(session.accessToken),
      });
      assert.equal(erased.status, 204);
      const [row] = await db
        .sql`SELECT email, name, password_hash, anonymized_at FROM users WHERE id = ${session.user.id}`;
      // The erased address is a random id (its hex may spell anything, "ada" included).
      assert.match(row.email, /^erased-[0-9a-f-]{36}@invalid\.contrail$/);
      assert.equal(row.name, "Erased user");
      assert.equal(row.password_hash, null);
      assert.ok(row.anonymized_at);
      assert.equal((await app.request("/api/auth/login", json("POST", ADA))).status, 401);
      assert.equal(
        (await app.request("/api/me", { headers: bearer(session.accessToken) })).status,
        401,
      );
      const refresh = await app.request(
        "/api/auth/refresh",
        json("POST", { refreshToken: session.refreshToken }),
      );
      assert.equal(refresh.status, 401);
    } finally {
      close();
    }
  },
);

testOnEachBackend("auth: a burst of logins is cut off with 429 and Retry-After", async (db) => {
  const { app, close } = await testApp(db);
  try {
    const statuses = [];
    for (let i = 0; i < 22; i++) {
      const res = await app.request(
        "/api/auth/login",
        // Another account each time: this is the per-address limit, not the per-account one.
        json("POST", { email: `x${i}@example.test`, password: "whatever-123" }),
      );
      statuses.push(res.status);
      if (res.status === 429) {
        assert.ok(Number(res.headers.get("retry-after")) >= 1);
        assert.equal((await res.json()).code, "rate_limited");
      }
    }
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
    assert.deepEqual(statuses.slice(20), [429, 429]);
  } finally {
    close();
  }
});

testOnEachBackend(
  "access: every /api route is declared with its roles, and every declaration is routed",
  async (db) => {
    const { app, close } = await testApp(db);
    try {
      const routes = app.routes
        .filter((r) => (r.path.startsWith("/api") || r.path === "/metrics") && r.method !== "ALL")
        .map((r) => `${r.method} ${r.path.replace(/\/$/, "")}`);
      const table = declaredOperations(app).map((op) => `${op.method} ${op.path}`);
      for (const r of routes) assert.ok(table.includes(r), `${r} has no declaration`);
      for (const t of table) assert.ok(routes.includes(t), `declaration ${t} has no route`);
    } finally {
      close();
    }
  },
);
