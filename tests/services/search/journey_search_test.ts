/** Journey search (issue 16): per-airport connection times, round trips, connections priced by day. */
import assert from "node:assert/strict";
import { testOnEachBackend } from "../../support/db.ts";
import { testApp } from "../../support/app.ts";
import {
  fareCalendar,
  nearbyFares,
  searchItineraries,
} from "../../../services/search/flight_search.ts";
import { searchRoundTrip } from "../../../services/search/round_trip.ts";
import type { Database } from "../../../db/postgres.ts";
import {
  bumpScheduleVersion,
  CONNECTION_MINIMUMS_KEY,
} from "../../../services/flights/cache_keys.ts";

const DAY = "2030-03-01";

/** A route on DAY served only by connections (no direct flight that day), with its hub. */
async function connectionOnlyRoute(db: Database) {
  const [route] = await db.sql`
    SELECT a.origin AS "from", b.destination AS "to", a.destination AS hub,
      min(extract(epoch FROM b.departure_at - a.arrival_at) / 60)::int AS shortest
    FROM flights a JOIN flights b ON b.origin = a.destination
    WHERE a.departure_date = ${DAY} AND b.destination <> a.origin
      AND b.departure_at >= a.arrival_at + interval '60 minutes'
      AND b.departure_at <= a.arrival_at + interval '6 hours'
      AND NOT EXISTS (SELECT 1 FROM flights d WHERE d.origin = a.origin
                      AND d.destination = b.destination)
      AND EXISTS (SELECT 1 FROM flights r1 JOIN flights r2 ON r2.origin = r1.destination
                  WHERE r1.origin = b.destination AND r2.destination = a.origin
                    AND r1.departure_date = '2030-03-03')
    GROUP BY 1, 2, 3
    HAVING min(b.departure_at - a.arrival_at) < interval '230 minutes'
    ORDER BY count(*) DESC
    LIMIT 1`;
  assert.ok(route, "the demo network has a connection-only route with a way back");
  return route as { from: string; to: string; hub: string; shortest: number };
}

const query = (from: string, to: string, date = DAY) => ({
  from,
  to,
  date,
  cabin: "Y" as const,
  passengers: 2,
  sort: "price" as const,
  maxStops: 1 as const,
});

testOnEachBackend(
  "journey search: an airport's own connection time decides its connections",
  async (db) => {
    const route = await connectionOnlyRoute(db);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const before = await searchItineraries(t.deps, query(route.from, route.to));
      const viaHub = before.filter((r) => r.layovers[0]?.airport === route.hub);
      assert.ok(viaHub.length > 0);
      // The hub now needs more than its shortest connection: those connections are no longer sold.
      await db.sql`
      UPDATE airports SET min_connection_minutes = ${route.shortest + 1}
      WHERE iata = ${route.hub}`;
      await bumpScheduleVersion(t.deps.store);
      await t.deps.store.delete(CONNECTION_MINIMUMS_KEY);
      const after = await searchItineraries(t.deps, query(route.from, route.to));
      assert.ok(after.length < before.length, "fewer connections");
      for (const r of after.filter((r) => r.layovers[0]?.airport === route.hub)) {
        assert.ok(r.layovers[0].minutes > route.shortest, `${r.layovers[0].minutes} min`);
      }
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "journey search: a day with only connections has a fare in the calendar and the strip",
  async (db) => {
    const route = await connectionOnlyRoute(db);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const calendar = await fareCalendar(t.deps, {
        from: route.from,
        to: route.to,
        month: "2030-03",
        cabin: "Y",
        passengers: 1,
      });
      const day = calendar.days.find((d) => d.date === DAY);
      assert.ok(day, "the connection-only day is priced");
      assert.equal(day.stops, 1, "by its connection");
      assert.equal(day.flights.length, 2);
      const cheapest = await searchItineraries(t.deps, {
        ...query(route.from, route.to),
        passengers: 1,
      });
      assert.equal(day.price, cheapest[0].price.perPassenger, "the cheapest journey's fare");
      const strip = await nearbyFares(t.deps, {
        from: route.from,
        to: route.to,
        date: DAY,
        cabin: "Y",
      });
      assert.equal(strip.find((d) => d.date === DAY)?.price, day.price);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "journey search: a round trip lists ways out and back that connect, and the cheapest pair",
  async (db) => {
    const route = await connectionOnlyRoute(db);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const trip = await searchRoundTrip(t.deps, {
        ...query(route.from, route.to),
        returnDate: "2030-03-03",
      });
      assert.ok(trip.outbound.length > 0 && trip.inbound.length > 0);
      for (const o of trip.outbound) {
        assert.equal(o.legs[0].origin.iata, route.from);
        assert.equal(o.legs.at(-1)!.destination.iata, route.to);
      }
      for (const r of trip.inbound) {
        assert.equal(r.legs[0].origin.iata, route.to);
        assert.equal(r.legs.at(-1)!.destination.iata, route.from);
        assert.ok(r.departureAt > trip.outbound[0].departureAt);
      }
      const cheapest = Math.min(...trip.outbound.map((o) => o.price.total)) +
        Math.min(...trip.inbound.map((r) => r.price.total));
      assert.equal(trip.cheapestTotal, cheapest);
      // The API answers the same: the ways out as the page, the ways back beside them.
      const api = await t.app.request(
        `/api/flights/search?from=${route.from}&to=${route.to}&date=${DAY}&returnDate=2030-03-03` +
          "&passengers=2&sort=price&limit=50",
      );
      assert.equal(api.status, 200);
      const body = await api.json();
      assert.deepEqual(
        [body.data.length, body.inbound.length, body.cheapestTotal],
        [trip.outbound.length, trip.inbound.length, trip.cheapestTotal],
      );
      const backwards = await t.app.request(
        `/api/flights/search?from=${route.from}&to=${route.to}&date=${DAY}&returnDate=2030-02-27`,
      );
      assert.equal(backwards.status, 400);
      assert.equal((await backwards.json()).errors[0].path, "returnDate");
      // A budget below the cheapest pair leaves nothing on either side.
      const none = await searchRoundTrip(t.deps, {
        ...query(route.from, route.to),
        returnDate: "2030-03-03",
        maxPrice: cheapest - 1,
      });
      assert.deepEqual([none.outbound.length, none.inbound.length], [0, 0]);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);
