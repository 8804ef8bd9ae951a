import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { seedTestSchedule } from "../support/seed.ts";

testOnEachBackend(
  "admin flights API: keyset pages by load factor walk every flight once, back and forth",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    // Varied load factors (many ties at 0 too): sales on every third flight.
    await db.sql`
      INSERT INTO inventory_sales (flight_id, booking_ref, hold_id, owner, cabin, seats,
        seat_count, unit_price, updated_seq)
      SELECT id, 'r-' || id, 'h-' || id, 'u', 'Y', '{}', (abs(hashtext(id::text)) % 40) + 1, 1, 1
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM flights) f WHERE n % 3 = 0`;
    const t = await testApp(db);
    try {
      const { headers } = await staffHeaders(t, db, "operator");
      const base = "/api/admin/flights?from=2030-03-01&to=2030-03-01&sort=loadFactor&order=desc" +
        "&limit=100";
      const get = async (extra = "") => {
        const res = await t.app.request(base + extra, { headers });
        assert.equal(res.status, 200);
        return await res.json() as {
          data: { id: string; loadFactor: number }[];
          total: number;
          next?: string;
          prev?: string;
        };
      };
      const seen: string[] = [];
      const pages = [];
      let page = await get();
      assert.equal(page.prev, undefined);
      for (;;) {
        pages.push(page);
        seen.push(...page.data.map((f) => f.id));
        if (!page.next) break;
        page = await get(`&after=${page.next}`);
      }
      assert.equal(seen.length, page.total, "every flight");
      assert.equal(new Set(seen).size, seen.length, "once each");
      const factors = pages.flatMap((p) => p.data.map((f) => f.loadFactor));
      assert.deepEqual(factors, [...factors].sort((a, b) => b - a), "highest first");
      // Previous from the last page is the page before it, row for row.
      const back = await get(`&before=${pages.at(-1)!.prev}`);
      assert.deepEqual(back.data.map((f) => f.id), pages.at(-2)!.data.map((f) => f.id));
      const last = await get("&last=1");
      assert.equal(last.next, undefined);
      assert.deepEqual(last.data.map((f) => f.id), seen.slice(-100));
      const bad = await t.app.request(`${base}&after=bm90LWEtY3Vyc29y`, { headers });
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get("content-type"), "application/problem+json");
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
