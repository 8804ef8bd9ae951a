import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { PageClient } from "../support/pages.ts";
import type { Sql } from "../../db/postgres.ts";
import { DEMO_HUBS } from "../../db/demo/airports.ts";

const NOW = "2030-02-25T00:00:00Z";
const DAY = "2030-03-02";

interface Found {
  total: number;
  data: { legs: { id: string }[]; price: { perPassenger: number } }[];
  empty?: Record<string, unknown> & { kind: string; message: string };
}

type Request = { request(path: string): Response | Promise<Response> };

async function search(app: Request, query: string, status = 200): Promise<Found> {
  const res = await app.request(`/api/flights/search?${query}`);
  const body = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  return body;
}

/**
 * A direct route between two airports that are not hubs: only short-haul aircraft fly from
 * and to them, so no journey between them that day has a First cabin.
 */
async function withoutFirst(sql: Sql): Promise<string> {
  const [route] = await sql`
    SELECT origin, destination FROM flights
    WHERE departure_date = ${DAY} AND origin NOT IN ${sql(DEMO_HUBS)}
      AND destination NOT IN ${sql(DEMO_HUBS)}
    ORDER BY 1, 2 LIMIT 1`;
  assert.ok(route, "the demo network has a route between two airports that are not hubs");
  return `from=${route.origin}&to=${route.destination}`;
}

/** Two served airports with connections between them on DAY but no direct flight ever. */
async function connectionOnly(sql: Sql): Promise<{ from: string; to: string }> {
  const [route] = await sql`
    SELECT a.origin AS "from", b.destination AS "to"
    FROM flights a JOIN flights b ON b.origin = a.destination
    WHERE a.departure_date = ${DAY} AND b.destination <> a.origin
      AND b.departure_at >= a.arrival_at + interval '60 minutes'
      AND b.departure_at <= a.arrival_at + interval '6 hours'
      AND NOT EXISTS (SELECT 1 FROM flights d WHERE d.origin = a.origin
                      AND d.destination = b.destination)
    ORDER BY 1, 2 LIMIT 1`;
  assert.ok(route, "the demo network has a connection-only route");
  return route as unknown as { from: string; to: string };
}

testOnEachBackend(
  "search API: an empty answer says why (past date refused, schedule end, route, cabin, filters, seats)",
  async (db) => {
    await seedTestSchedule(db.sql, 3);
    const route = await withoutFirst(db.sql);
    const t = await testApp(db, NOW);
    try {
      // A past date is refused with a problem naming the date.
      const past = await t.app.request("/api/flights/search?from=LHR&to=CDG&date=2030-02-20");
      assert.equal(past.status, 422);
      assert.match(past.headers.get("content-type")!, /application\/problem\+json/);
      const problem = await past.json();
      assert.equal(problem.code, "date_in_past");
      assert.equal(problem.errors[0].path, "date");
      assert.match(problem.detail, /That date has passed: choose Mon 25 Feb or later/);

      // Beyond the last scheduled date: the date the schedule is open until.
      const beyond = await search(t.app, "from=LHR&to=CDG&date=2030-04-10");
      assert.equal(beyond.total, 0);
      assert.deepEqual(
        { kind: beyond.empty?.kind, openUntil: beyond.empty?.openUntil },
        { kind: "beyond_schedule", openUntil: "2030-03-03" },
      );
      assert.match(beyond.empty!.message, /open until Sun 3 Mar/);

      // An unserved airport: the served airports near it, nearest first.
      const lgw = await search(t.app, `from=LGW&to=JFK&date=${DAY}`);
      assert.equal(lgw.empty?.kind, "route_not_served");
      const nearFrom = lgw.empty!.nearbyFrom as { iata: string; km: number }[];
      assert.equal(nearFrom[0].iata, "LHR");
      assert.ok(nearFrom[0].km > 20 && nearFrom[0].km < 60, `${nearFrom[0].km} km`);
      assert.match(
        lgw.empty!.message,
        /Contrail does not fly from LGW to JFK\. Airports near LGW: London \(LHR, \d+ km\)/,
      );

      // A cabin the route does not have: the cabins it has, each from its cheapest fare.
      const first = await search(t.app, `${route}&date=${DAY}&cabin=F`);
      assert.equal(first.empty?.kind, "cabin_not_offered");
      const offered = first.empty!.offered as { cabin: string; price: number }[];
      assert.deepEqual(offered.map((c) => c.cabin), ["J", "Y"]);
      for (const c of offered) {
        const cheapest = await search(
          t.app,
          `${route}&date=${DAY}&cabin=${c.cabin}&sort=price`,
        );
        assert.equal(c.price, cheapest.data[0].price.perPassenger, c.cabin);
      }
      assert.match(
        first.empty!.message,
        /^No First on this route; Business from \$[\d,]+, Economy from \$[\d,]+\.$/,
      );

      // Filters that hide every journey: how many there are without them.
      const all = await search(t.app, `${route}&date=${DAY}&limit=50`);
      const late = await search(t.app, `${route}&date=${DAY}&departAfter=23:59`);
      assert.deepEqual(
        { kind: late.empty?.kind, total: late.empty?.total },
        { kind: "filtered", total: all.total },
      );

      // Every journey of the day without seats: the next dates that have them.
      for (const r of all.data) {
        const sent = await t.deps.registry.send(r.legs[0].id, {
          type: "ConfigureFlight",
          authorized: { Y: 0 },
        });
        assert.ok(sent.ok);
      }
      const full = await search(t.app, `${route}&date=${DAY}&cabin=Y&passengers=2`);
      assert.equal(full.empty?.kind, "sold_out");
      const next = full.empty!.nextDates as { date: string; price: number }[];
      assert.deepEqual(next.map((d) => d.date), ["2030-03-03"]);
      assert.match(
        full.empty!.message,
        /No seats left in Economy for 2 passengers that day\. Next dates with seats: Sun 3 Mar from \$/,
      );
      // A round trip without a way out says why too.
      const trip = await search(t.app, `${route}&date=${DAY}&returnDate=2030-03-03`);
      assert.equal(trip.empty?.kind, "sold_out");

      // A found search carries no explanation.
      const fine = await search(t.app, `${route}&date=2030-03-03`);
      assert.ok(fine.total > 0 && fine.empty === undefined);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "search API: no departures that day: when connections run, or the next dates with seats",
  async (db) => {
    await seedTestSchedule(db.sql, 3);
    const route = await connectionOnly(db.sql);
    const [direct] = await db.sql`
      SELECT origin, destination FROM flights
      WHERE departure_date = ${DAY} AND origin <> ${route.from} ORDER BY 1, 2 LIMIT 1`;
    await db.sql`UPDATE flights SET status = 'cancelled'
                 WHERE origin IN (${route.from}, ${direct.origin}) AND departure_date = ${DAY}`;
    const t = await testApp(db, NOW);
    try {
      const none = await search(t.app, `from=${route.from}&to=${route.to}&date=${DAY}`);
      assert.equal(none.empty?.kind, "route_not_served");
      assert.equal(none.empty?.nextConnection, "2030-03-03", "the first on or after the day");
      assert.match(none.empty!.message, /Connections run on other dates, the first on Sun 3 Mar\./);
      // A route flown direct, with nothing leaving that day: the next dates with seats.
      const query = `from=${direct.origin}&to=${direct.destination}`;
      const gone = await search(t.app, `${query}&date=${DAY}`);
      assert.equal(gone.empty?.kind, "no_flights_on_date");
      const next = await search(t.app, `${query}&date=2030-03-03&sort=price`);
      assert.deepEqual(gone.empty?.nextDates, [
        { date: "2030-03-03", price: next.data[0].price.perPassenger },
      ]);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "search pages: an empty search explains itself with links; the month view links each day",
  async (db) => {
    await seedTestSchedule(db.sql, 3);
    const route = await withoutFirst(db.sql);
    const t = await testApp(db, NOW);
    try {
      const browser = new PageClient(t.app);
      const first = await browser.html(`/search?${route}&date=${DAY}&cabin=F`);
      assert.match(first, /data-reason="cabin_not_offered"/);
      assert.match(first, /No First on this route; Business from \$/);
      assert.match(first, /<a href="\/search\?[^"]*cabin=J[^"]*">Business from \$[\d,]+<\/a>/);
      const monthLink = `/search/month?${route}&month=2030-03&cabin=F&passengers=1`;
      assert.ok(first.includes(`href="${monthLink.replaceAll("&", "&amp;")}"`), "month link");

      const lgw = await browser.html(`/search?from=LGW&to=JFK&date=${DAY}`);
      assert.match(
        lgw,
        /<a href="\/search\?from=LHR&amp;to=JFK[^"]*">Fly from London \(LHR\), \d+ km away<\/a>/,
      );

      const past = await browser.html("/search?from=LHR&to=CDG&date=2030-02-20", 400);
      assert.match(past, /id="search-date-error" class="field-error">That date has passed/);

      const beyond = await browser.html("/search?from=LHR&to=CDG&date=2030-04-10");
      assert.match(beyond, /<a href="\/search\?[^"]*date=2030-03-03[^"]*">Search Sun 3 Mar<\/a>/);

      // The month view: the calendar API's days, each linked to that day's search.
      const api = await (await t.app.request(
        "/api/flights/calendar?from=LHR&to=CDG&month=2030-03&cabin=Y&passengers=2",
      )).json();
      assert.deepEqual(api.days.map((d: { date: string }) => d.date), [
        "2030-03-01",
        "2030-03-02",
        "2030-03-03",
      ]);
      for (const d of api.days) assert.ok(d.stops >= 0 && d.flights.length === d.stops + 1);
      const month = await browser.html(
        "/search/month?from=London+%28LHR%29&to=CDG&month=2030-03&passengers=2",
      );
      assert.match(month, /Cheapest journeys from London \(LHR\) to Paris \(CDG\)/);
      assert.match(month, /<h2 id="month-title">March 2030<\/h2>/);
      for (const d of api.days) {
        const price = `$${(d.price / 100).toLocaleString("en-US")}`;
        assert.match(
          month,
          new RegExp(
            `<td data-date="${d.date}"><a href="/search\\?from=LHR&amp;to=CDG&amp;cabin=Y&amp;passengers=2&amp;date=${d.date}"[^>]*>` +
              `<span class="month-day">${
                Number(d.date.slice(8))
              }</span><span class="month-price">\\${price}</span>`,
          ),
        );
      }
      assert.match(month, /<td data-date="2030-03-10"><span class="month-none">/);
      assert.match(month, /href="\/search\/month\?[^"]*month=2030-04[^"]*" rel="next">Next month/);
      assert.match(
        month,
        /href="\/search\/month\?[^"]*month=2030-02[^"]*" rel="prev">Previous month/,
      );
      await browser.html("/search/month?from=LHR&to=CDG&month=2030-13", 400);
      await browser.html("/search/month?from=LHR&to=LHR", 400);
      const bad = await t.app.request(
        "/api/flights/calendar?from=LHR&to=CDG&month=2030-03&passengers=10",
      );
      assert.equal(bad.status, 400);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);
