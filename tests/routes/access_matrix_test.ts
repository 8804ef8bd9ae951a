import assert from "node:assert/strict";
import { declaredOperations } from "../../routes/declare.ts";
import { ROLES } from "../../adapters/tokens.ts";
import { signAccessToken } from "../../adapters/tokens.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";

// Every declared endpoint × every role: a role its declaration does not list is refused (401
// for a guest, 403 otherwise) before the handler runs; a listed role gets past the check,
// whatever the handler then says about the (deliberately empty) input.
testOnEachBackend(
  "access: each endpoint × each role is allowed or refused as its declaration says",
  async (db) => {
    const t = await testApp(db);
    try {
      const tokens: Record<string, string | undefined> = { guest: undefined };
      for (const role of ["passenger", "operator", "admin"] as const) {
        const [user] = await db.sql`
        INSERT INTO users (email, name, role) VALUES (${
          role + "@example.test"
        }, ${role}, ${role}) RETURNING id`;
        tokens[role] = await signAccessToken(
          { sub: user.id, role, email: `${role}@example.test` },
          t.deps.config.jwtSecret!,
          t.clock.now(),
        );
      }
      // Erasing an account goes last, so the other requests still have a user behind them.
      const declared = declaredOperations(t.app);
      assert.ok(declared.length >= 96, `only ${declared.length} endpoints declared`);
      for (const op of declared) {
        assert.ok(op.roles.length > 0, `${op.method} ${op.path}: no roles`);
      }
      // Erasure ends the account's tokens at once: it goes last of all.
      const rank = (op: { method: string; path: string }) =>
        op.method === "DELETE" ? (op.path === "/api/me" ? 2 : 1) : 0;
      const rows = [...declared].sort((a, b) => rank(a) - rank(b));
      let checked = 0;
      for (const { method, path: pattern, roles: allowed } of rows) {
        const path = pattern.replace(/:\w+/g, crypto.randomUUID());
        for (const role of ROLES) {
          const headers: Record<string, string> = { "Content-Type": "application/json" };
          if (tokens[role]) headers.Authorization = `Bearer ${tokens[role]}`;
          const res = await t.app.request(path, {
            method,
            headers,
            body: method === "GET" ? undefined : "{}",
          });
          const isJson = res.headers.get("content-type")?.includes("json");
          const body = isJson ? await res.json() : {};
          // Event streams never end on their own: hang up like a client would.
          if (!isJson) await res.body?.cancel();
          const refused = body.code === "unauthenticated" || body.code === "forbidden";
          if (allowed.includes(role)) {
            assert.ok(!refused, `${method} ${pattern} as ${role} was refused (${res.status})`);
          } else {
            assert.equal(
              res.status,
              role === "guest" ? 401 : 403,
              `${method} ${pattern} as ${role}`,
            );
            assert.ok(refused);
          }
          assert.notEqual(res.status, 500, `${method} ${pattern} as ${role} crashed`);
          checked++;
        }
      }
      assert.equal(checked, declared.length * ROLES.length);
    } finally {
      await t.close();
    }
  },
);

// Bad input on every endpoint: malformed JSON, wrong ids, junk queries. Whatever the route,
// the answer is a 4xx problem, never a 500 and never a change.
testOnEachBackend("access: every endpoint answers bad input with a 4xx problem", async (db) => {
  const t = await testApp(db);
  try {
    const [admin] = await db.sql`
      INSERT INTO users (email, name, role) VALUES ('root@example.test', 'Root', 'admin') RETURNING id`;
    const token = await signAccessToken(
      { sub: admin.id, role: "admin", email: "root@example.test" },
      t.deps.config.jwtSecret!,
      t.clock.now(),
    );
    const rows = declaredOperations(t.app)
      .filter(({ method, path }) => !(method === "DELETE" && path === "/api/me"));
    for (const { method, path: pattern } of rows) {
      for (const id of ["not-an-id", "00000000-0000-0000-0000-000000000000"]) {
        const path = pattern.replace(/:\w+/g, id) +
          (method === "GET" ? "?limit=-1&page=x&q=&from=12&date=tomorrow" : "");
        const res = await t.app.request(path, {
          method,
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
          body: method === "GET" ? undefined : '{"broken": ',
        });
        const ok = res.status < 300;
        if (ok) await res.body?.cancel();
        if (ok) {
          // A few reads have no required input; they may answer 200 to anything.
          assert.ok(["GET"].includes(method), `${method} ${path} accepted junk (${res.status})`);
          continue;
        }
        assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} → ${res.status}`);
        assert.equal(
          res.headers.get("content-type"),
          "application/problem+json",
          `${method} ${path}`,
        );
      }
    }
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM bookings`;
    assert.equal(n, 0);
  } finally {
    await t.close();
  }
});
