import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { PageClient } from "../support/pages.ts";
import type { Sql } from "../../db/postgres.ts";

const NOW = "2030-02-25T00:00:00Z";
const DAY = "2030-03-02";

/** A route with both a direct flight and a 1-stop connection on DAY. */
async function routeWithConnection(sql: Sql): Promise<{ from: string; to: string }> {
  const [route] = await sql`
    SELECT a.origin AS "from", b.destination AS "to"
    FROM flights a JOIN flights b ON b.origin = a.destination
    WHERE a.departure_date = ${DAY} AND b.destination <> a.origin
      AND b.departure_at >= a.arrival_at + interval '60 minutes'
      AND b.departure_at <= a.arrival_at + interval '6 hours'
      AND EXISTS (SELECT 1 FROM flights d WHERE d.origin = a.origin
                  AND d.destination = b.destination AND d.departure_date = ${DAY})
    ORDER BY 1, 2 LIMIT 1`;
  assert.ok(route, "the demo network has a route with a connection");
  return route as unknown as { from: string; to: string };
}

const count = (html: string, re: RegExp) => html.match(new RegExp(re, "g"))?.length ?? 0;

testOnEachBackend(
  "search pages: start page form, results like the API's with badges, layovers and nearby dates",
  async (db) => {
    await seedTestSchedule(db.sql, 3);
    const route = await routeWithConnection(db.sql);
    const t = await testApp(db, NOW);
    try {
      const browser = new PageClient(t.app);
      const home = await browser.html("/");
      assert.match(home, /<form[^>]*action="\/search"/);
      assert.match(home, /<input id="search-from" name="from"/);
      assert.match(home, /Upcoming departures/);
      assert.match(home, /\/static\/build\/AirportCombobox-[A-Z0-9]{8}\.js/);

      const query = `from=${route.from}&to=${route.to}&date=${DAY}`;
      const api = await (await t.app.request(`/api/flights/search?${query}&limit=50`)).json();
      const html = await browser.html(`/search?${query}`);
      assert.equal(count(html, /<li class="itinerary">/), Math.min(api.total, 20));
      assert.match(html, new RegExp(`${api.total} flights? on Saturday,? 2 March 2030`));
      for (const badge of ["Best", "Cheapest", "Fastest"]) {
        assert.match(html, new RegExp(`class="badge badge-\\w+">${badge}<`), badge);
      }
      assert.match(html, /Change at [A-Z]{3} \([^)]+\): \d+h \d\dm layover/);
      assert.match(html, /\d+ seats? left/);
      // Every local time names its airport's zone (the first leg's as its instant reads there).
      const times = count(html, /<time datetime="[^"]+">\d\d:\d\d<\/time>/);
      assert.ok(times >= 4 * count(html, /<li class="itinerary">/));
      assert.equal(count(html, /<\/time> (GMT[+-]\d+(:\d\d)?|[A-Z]{3,5}) /), times);
      const leg = api.data[0].legs[0];
      const [{ tz }] = await db.sql`SELECT tz FROM airports WHERE iata = ${leg.origin.iata}`;
      const zone = new Intl.DateTimeFormat("en-GB", { timeZone: tz, timeZoneName: "short" })
        .formatToParts(new Date(leg.departureAt)).find((p) => p.type === "timeZoneName")!.value;
      assert.ok(
        html.includes(
          `<time datetime="${leg.departureAt}">${leg.departureLocal.slice(11, 16)}</time> ${zone}`,
        ),
        zone,
      );
      assert.match(
        html,
        new RegExp(`href="/flights/${api.data[0].legs[0].id}\\?cabin=Y&amp;passengers=1"`),
      );
      // Seven nearby dates, the searched one current, days with a flight or connection priced.
      assert.equal(count(html, /<span class="fare-day">/), 7);
      assert.match(html, /aria-current="date" href="\/search\?[^"]*date=2030-03-02/);
      assert.match(
        html,
        /date=2030-03-03[^"]*"><span class="fare-day">Sun 3 Mar<\/span><span class="fare-price">from \$/,
      );
      assert.match(html, /Thu 28 Feb<\/span><span class="fare-price">No flights/);

      // The autosuggest's "City (CODE)" text, filters, and maxPrice in whole currency units.
      const cheapest = Math.min(...api.data.map((r: { totalPrice: number }) => r.totalPrice));
      const filtered = await browser.html(
        `/search?from=Somewhere+%28${route.from}%29&to=${route.to.toLowerCase()}&date=${DAY}` +
          `&maxStops=0&sort=price&maxPrice=${cheapest / 100}&departAfter=&departBefore=`,
      );
      const apiFiltered = await (await t.app.request(
        `/api/flights/search?${query}&maxStops=0&sort=price&maxPrice=${cheapest}`,
      )).json();
      assert.ok(apiFiltered.total >= 1);
      assert.equal(count(filtered, /<li class="itinerary">/), apiFiltered.total);
      assert.doesNotMatch(filtered, /Change at/);
      assert.match(filtered, /<option value="0" selected>Direct only/);
      const beyond = await browser.html(`/search?${query}&page=5`);
      assert.match(beyond, /There are fewer results than that\. <a href="\/search\?[^"]*">Back to/);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "search pages: bad input is shown inline with status 400, no results say so, no 500",
  async (db) => {
    await seedTestSchedule(db.sql, 3);
    const t = await testApp(db, NOW);
    try {
      const browser = new PageClient(t.app);
      const bad = await browser.html(
        "/search?from=London&to=JFK&date=2030-02-31&passengers=12&departAfter=25:00",
        400,
      );
      assert.match(bad, /role="alert"/);
      assert.match(bad, /id="search-from"[^>]*value="London"/);
      assert.match(bad, /aria-invalid="true" aria-describedby="search-from-error"/);
      assert.match(
        bad,
        /id="search-from-error" class="field-error">Choose the airport you fly from/,
      );
      assert.match(bad, /id="search-date-error"/);
      assert.match(bad, /id="search-passengers-error" class="field-error">Choose from 1 to 9/);
      const same = await browser.html(`/search?from=LHR&to=LHR&date=${DAY}`, 400);
      assert.match(same, /Choose a destination other than the airport you fly from/);
      const time = await browser.html(`/search?from=LHR&to=JFK&date=${DAY}&departAfter=25:00`, 400);
      assert.match(time, /id="filter-departAfter-error" class="field-error">Use a time like/);
      const empty = await browser.get("/search");
      assert.equal(empty.status, 302);
      assert.equal(empty.headers.get("location"), "/");

      const none = await browser.html("/search?from=LHR&to=JFK&date=2030-04-10");
      assert.match(none, /No flights on Wednesday,? 10 April 2030/);
      assert.match(none, /The schedule is open until Sun 3 Mar: choose that date or earlier/);
      assert.equal(count(none, /<li class="itinerary">/), 0);
      assert.equal(count(none, /fare-price">No flights/), 7);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "flight page: details, live fares and a server-rendered seat map; unknown flights are 404",
  async (db) => {
    await seedTestSchedule(db.sql, 3);
    const [flight] = await db.sql`
      SELECT f.id, f.carrier, f.flight_number FROM flights f
      WHERE f.aircraft_type = 'A20N' AND f.departure_date = ${DAY} ORDER BY f.id LIMIT 1`;
    const t = await testApp(db, NOW);
    try {
      const held = await t.deps.registry.send(flight.id, {
        type: "HoldSeats",
        holdId: "h1",
        owner: "someone",
        cabin: "Y",
        seats: ["20A"],
      });
      assert.ok(held.ok, JSON.stringify(held));
      const browser = new PageClient(t.app);
      const html = await browser.html(`/flights/${flight.id}?cabin=Y&passengers=2`);
      assert.match(html, new RegExp(`<h1>${flight.carrier} ${flight.flight_number} `));
      assert.match(html, /\/static\/build\/SeatMap-[A-Z0-9]{8}\.js/);
      assert.match(html, /<div class="seat-grid" role="group" aria-label="Economy seats"/);
      assert.match(html, /aria-label="Row 20, seat A, window, taken"/);
      assert.match(html, /aria-label="Row 20, seat B, middle, available, \$\d+"/);
      assert.match(html, /aria-label="Row \d+, seat C, aisle, exit row, available, \$\d+"/);
      assert.match(html, /<span class="exit-mark">Exit<\/span>/);
      assert.match(html, /Fares per seat now, by cabin and seat type/);
      assert.match(html, /<summary>Available seats as a list<\/summary>/);
      assert.doesNotMatch(html, /<th scope="row">\d+[A-K]<\/th>/, "the list is drawn when opened");
      assert.match(
        html,
        new RegExp(
          `<form id="book-form" class="book-form" method="get" action="/book/${flight.id}"`,
        ),
      );
      assert.match(html, /<button type="submit" form="book-form">Book this flight<\/button>/);
      assert.match(html, /role="status"/);

      for (const id of [crypto.randomUUID(), "not-a-flight"]) {
        const missing = await browser.get(`/flights/${id}`);
        assert.equal(missing.status, 404);
        assert.match(await missing.text(), /There is no such flight/);
      }
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);
