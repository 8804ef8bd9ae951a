import assert from "node:assert/strict";
import { z } from "zod";
import { seedTestSchedule } from "../support/seed.ts";
import { openDatabase } from "../../db/postgres.ts";
import { validate } from "../../routes/problem.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";

async function problem(res: Response) {
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  return await res.json();
}

testOnEachBackend("app: /health and /ready answer when KV and Postgres are up", async (db) => {
  const t = await testApp(db);
  try {
    const health = await t.app.request("/health");
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: "ok" });
    const ready = await t.app.request("/ready");
    assert.equal(ready.status, 200);
    const body = await ready.json();
    assert.equal(body.status, "ready");
    assert.equal(body.checks.kv.ok, true);
    assert.equal(body.checks.postgres.ok, true);
  } finally {
    await t.close();
  }
});

testOnEachBackend("app: /ready is 503 when Postgres is unreachable", async (db) => {
  const t = await testApp(db);
  // A port nothing listens on: connecting fails at once.
  const dead = await openDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:9/none" });
  t.deps.db = dead;
  try {
    const res = await t.app.request("/ready");
    assert.equal(res.status, 503);
    const body = await res.json();
    assert.equal(body.status, "unavailable");
    assert.equal(body.checks.postgres.ok, false);
    assert.equal(body.checks.kv.ok, true);
    assert.equal((await t.app.request("/health")).status, 200);
  } finally {
    await t.close();
    await dead.close();
  }
});

testOnEachBackend("app: unknown routes get a problem+json 404 with the request id", async (db) => {
  const t = await testApp(db);
  try {
    const res = await t.app.request("/api/nowhere", {
      headers: { "X-Request-Id": "req-12345678" },
    });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("x-request-id"), "req-12345678");
    const body = await problem(res);
    assert.equal(body.code, "route_not_found");
    assert.equal(body.status, 404);
    assert.equal(body.requestId, "req-12345678");
    assert.equal(body.instance, "/api/nowhere");
  } finally {
    await t.close();
  }
});

testOnEachBackend("app: malformed JSON and invalid fields are 400 problems", async (db) => {
  const t = await testApp(db);
  // Any JSON route goes through the same validate() and onError; mount one to exercise them.
  t.app.post(
    "/api/echo",
    validate("json", z.object({ name: z.string().min(2) })),
    (c) => c.json(c.req.valid("json")),
  );
  try {
    const post = (body: string) =>
      t.app.request("/api/echo", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
      });
    const bad = await post('{"name": "x",');
    assert.equal(bad.status, 400);
    const p = await problem(bad);
    assert.equal(p.code, "bad_request");
    assert.match(p.detail, /JSON/i);
    const invalid = await post('{"name": "x"}');
    assert.equal(invalid.status, 400);
    const q = await problem(invalid);
    assert.equal(q.code, "invalid_input");
    assert.equal(q.errors[0].path, "name");
    const ok = await post('{"name": "Ada"}');
    assert.deepEqual(await ok.json(), { name: "Ada" });
  } finally {
    await t.close();
  }
});

testOnEachBackend(
  "app: an unexpected error is a generic 500, logged with its request id",
  async (db) => {
    const t = await testApp(db);
    t.app.get("/api/boom", () => {
      throw new Error("secret internals: password=hunter2");
    });
    try {
      const res = await t.app.request("/api/boom", {
        headers: { "X-Request-Id": "boom-request-1" },
      });
      assert.equal(res.status, 500);
      const body = await problem(res);
      assert.equal(body.code, "internal");
      assert.doesNotMatch(JSON.stringify(body), /secret|hunter2/);
      const logged = t.logs.find((l) => l.msg === "unhandled error");
      assert.ok(logged);
      assert.equal(logged.requestId, "boom-request-1");
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend("app: a NUL character in text is a 400, never a database crash", async (db) => {
  const t = await testApp(db);
  try {
    // Postgres cannot store NUL in text; such input reached a query and failed it with a 500.
    // (The public airport search now matches in memory, so the operators' list is the probe.)
    const admin = await staffHeaders(t, db, "admin");
    const res = await t.app.request("/api/admin/airports?q=nul%00byte", {
      headers: admin.headers,
    });
    assert.equal(res.status, 400);
    assert.equal((await problem(res)).code, "invalid_text");
  } finally {
    await t.close();
  }
});

testOnEachBackend(
  "app: a valid token whose account row is gone gets a 401 on a write, not a database crash",
  async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db);
    try {
      const admin = await staffHeaders(t, db, "admin");
      await db.sql`DELETE FROM users WHERE id = ${admin.userId}`;
      const res = await t.app.request(
        "/api/admin/airports/LHR",
        json("PUT", { name: "Heathrow" }, admin.headers),
      );
      assert.equal(res.status, 401, await res.clone().text());
      assert.equal((await problem(res)).code, "account_gone");
      const [lhr] = await db.sql`SELECT name FROM airports WHERE iata = 'LHR'`;
      assert.notEqual(lhr.name, "Heathrow", "nothing changed");
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend("app: oversized bodies are refused with 413", async (db) => {
  const t = await testApp(db);
  t.app.post("/api/echo", (c) => c.text("ok"));
  try {
    const res = await t.app.request("/api/echo", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": String(2 * 1024 * 1024) },
      body: "x".repeat(2 * 1024 * 1024),
    });
    assert.equal(res.status, 413);
    assert.equal((await problem(res)).code, "payload_too_large");
  } finally {
    await t.close();
  }
});

testOnEachBackend(
  "app: GET /api/flights lists upcoming flights and validates its query",
  async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db);
    try {
      const res = await t.app.request("/api/flights?from=lhr&limit=5");
      assert.equal(res.status, 200);
      const { data } = await res.json();
      assert.ok(data.length > 0 && data.length <= 5);
      for (const f of data) {
        assert.equal(f.origin.iata, "LHR");
        assert.equal(f.origin.tz, "Europe/London");
        assert.ok(f.departureAt > "2030-03-01T06:00:00Z");
      }
      const sorted = [...data].sort((a, b) => a.departureAt.localeCompare(b.departureAt));
      assert.deepEqual(data, sorted);
      const bad = await t.app.request("/api/flights?from=LONDON&limit=0");
      assert.equal(bad.status, 400);
      const p = await problem(bad);
      assert.deepEqual(p.errors.map((e: { path: string }) => e.path).sort(), ["from", "limit"]);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend("app: the home page lists upcoming demo flights, escaped", async (db) => {
  await seedTestSchedule(db.sql);
  const t = await testApp(db);
  try {
    const res = await t.app.request("/?from=JFK");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    const html = await res.text();
    assert.match(html, /Upcoming departures/);
    assert.match(html, /CT \d+/);
    assert.match(html, /JFK/);
    // The table is an island: server-rendered, marked with its props, and its bundle loaded.
    assert.match(html, /<contrail-island data-island="DepartureBoard" data-props="\{/);
    assert.match(
      html,
      /<script type="module" src="\/static\/build\/DepartureBoard-[A-Z0-9]{8}\.js"><\/script><\/body>/,
    );
    const evil = await (await t.app.request("/?from=%3Cscript%3E")).text();
    assert.doesNotMatch(evil, /<script>/);
  } finally {
    await t.close();
  }
}, { seededDays: 1 });
