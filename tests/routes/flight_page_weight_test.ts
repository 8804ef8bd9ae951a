import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { BOOKING_NOW } from "../support/booking_pages.ts";

/** Elements in an HTML document (what the browser's DOM node count is made of). */
function elements(html: string): number {
  return html.match(/<[a-z][a-z0-9-]*/gi)?.length ?? 0;
}

/** The JSON the page's islands carry in their `data-props`, in bytes. */
function propsBytes(html: string): number {
  return [...html.matchAll(/data-props="([^"]*)"/g)].reduce((n, m) => n + m[1].length, 0);
}

testOnEachBackend(
  "the flight page of a 304-seat widebody stays light: small HTML, few elements, compact island props",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, BOOKING_NOW);
    try {
      const [flight] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'B789' ORDER BY departure_at LIMIT 1`;
      const res = await t.app.request(`/flights/${flight.id}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      const figures = {
        htmlKB: +(new TextEncoder().encode(html).length / 1024).toFixed(1),
        elements: elements(html),
        propsKB: +(propsBytes(html) / 1024).toFixed(1),
        seats: html.match(/data-seat=/g)?.length ?? 0,
      };
      console.log(JSON.stringify(figures));
      assert.equal(figures.seats, 304, "every seat of the B789 is a button");
      // Before the compact map: 193 KB, 3,441 elements, 70 KB of props.
      assert.ok(figures.htmlKB < 64, `HTML ${figures.htmlKB} KB`);
      assert.ok(figures.elements < 700, `${figures.elements} elements`);
      assert.ok(figures.propsKB < 3, `props ${figures.propsKB} KB`);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
