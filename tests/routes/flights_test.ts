import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";

testOnEachBackend(
  "airports: the IATA code first, then served airports, matched on words of names, max 10",
  async (db) => {
    await seedTestSchedule(db.sql);
    const { app, close } = await testApp(db);
    try {
      const lhr = await (await app.request("/api/airports?q=lhr")).json();
      assert.equal(lhr.data[0].iata, "LHR");
      assert.equal(lhr.data[0].tz, "Europe/London");
      assert.equal(lhr.data[0].served, true);
      const london = await (await app.request("/api/airports?q=London")).json();
      assert.ok(london.data.length > 1 && london.data.length <= 10);
      assert.ok(
        london.data.every((a: { city: string; name: string }) =>
          /\blondon/i.test(a.city) || /\blondon/i.test(a.name)
        ),
      );
      assert.equal(london.data[0].served, true, "served airports rank first");
      // By a word of the airport's name, whatever the case and accents.
      for (const [q, iata] of [["heathrow", "LHR"], ["Kennedy", "JFK"], ["zürich", "ZRH"]]) {
        const found = await (await app.request(`/api/airports?q=${encodeURIComponent(q)}`)).json();
        assert.equal(found.data[0].iata, iata, q);
      }
      const wild = await (await app.request("/api/airports?q=%25")).json();
      assert.deepEqual(wild.data, [], "% is a character, not a wildcard");
      const empty = await app.request("/api/airports?q=");
      assert.equal(empty.status, 400);
      const long = await app.request(`/api/airports?q=${"x".repeat(65)}`);
      assert.equal(long.status, 400);
    } finally {
      close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "flights: details carry live seats left and price; the seat map shows holds live",
  async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const [flight] = await db.sql`SELECT id FROM flights WHERE aircraft_type = 'A20N' LIMIT 1`;
      const details = await (await t.app.request(`/api/flights/${flight.id}`)).json();
      assert.equal(details.id, flight.id);
      const economy = details.cabins.find((c: { code: string }) => c.code === "Y");
      assert.equal(economy.seatsLeft, 154, "156 economy seats less 2 blocked");
      assert.ok(economy.price > 0);
      const held = await t.deps.registry.send(flight.id, {
        type: "HoldSeats",
        holdId: "h1",
        owner: "u",
        cabin: "Y",
        seats: ["5A"],
      });
      assert.ok(held.ok);
      const map = await (await t.app.request(`/api/flights/${flight.id}/seats`)).json();
      const y = map.cabins.find((c: { code: string }) => c.code === "Y");
      const seat = (id: string) =>
        y.rows.flatMap((r: { seats: { id: string }[] }) => r.seats).find((s: { id: string }) =>
          s.id === id
        );
      assert.equal(seat("5A").status, "held");
      assert.equal(seat("5B").status, "free");
      assert.equal(seat("30C").status, "blocked");
      assert.equal(seat("11A").exitRow, true);
      assert.equal(y.seatsLeft, 153);
      assert.doesNotMatch(JSON.stringify(map), /"h1"|"u"/, "no hold ids or owners leak");
      assert.equal((await t.app.request("/api/flights/not-a-uuid")).status, 404);
      assert.equal((await t.app.request(`/api/flights/${crypto.randomUUID()}/seats`)).status, 404);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "admin: staff see a flight's KV/Postgres reconciliation; passengers may not",
  async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const { signAccessToken } = await import("../../adapters/tokens.ts");
      const [op] = await db.sql`SELECT id FROM users WHERE role = 'operator'`;
      const token = await signAccessToken(
        { sub: op.id, role: "operator", email: "operator@contrail.test" },
        t.deps.config.jwtSecret!,
        t.clock.now(),
      );
      const [flight] = await db.sql`SELECT id FROM flights LIMIT 1`;
      // A writer whose commits nobody projected yet (the app's own projects at once).
      const { testRegistry } = await import("../support/inventory.ts");
      const unprojected = testRegistry(t.deps.kv, db.sql, t.clock);
      assert.ok(
        (await unprojected.send(flight.id, {
          type: "HoldSeats",
          holdId: "h",
          owner: "u",
          cabin: "Y",
          count: 1,
        })).ok,
      );
      await unprojected.close();
      const url = `/api/admin/flights/${flight.id}/reconcile`;
      const auth = { headers: { Authorization: `Bearer ${token}` } };
      const before = await (await t.app.request(url, auth)).json();
      assert.equal(before.inSync, false);
      const after = await (await t.app.request(`${url}?project=true`, auth)).json();
      assert.equal(after.inSync, true);
      assert.equal(after.projected.applied, 1);
      const [pax] = await db.sql`SELECT id FROM users WHERE role = 'passenger'`;
      const paxToken = await signAccessToken(
        { sub: pax.id, role: "passenger", email: "p@x" },
        t.deps.config.jwtSecret!,
        t.clock.now(),
      );
      assert.equal(
        (await t.app.request(url, { headers: { Authorization: `Bearer ${paxToken}` } })).status,
        403,
      );
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
