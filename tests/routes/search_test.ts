import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { signUp } from "../support/http.ts";

interface Result {
  id: string;
  stops: number;
  legs: {
    id: string;
    origin: { iata: string };
    destination: { iata: string };
    departureLocal: string;
  }[];
  layovers: { airport: string; minutes: number }[];
  seatsLeft: number;
  totalPrice: number;
  durationMinutes: number;
  badges: string[];
}

testOnEachBackend(
  "search: direct and 1-stop itineraries with live seats, prices, badges, filters",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    // A route that has both a direct flight and a connection on the first day.
    const [route] = await db.sql`
    SELECT a.origin AS "from", b.destination AS "to"
    FROM flights a JOIN flights b ON b.origin = a.destination
    WHERE a.departure_date = '2030-03-01' AND b.destination <> a.origin
      AND b.departure_at >= a.arrival_at + interval '60 minutes'
      AND b.departure_at <= a.arrival_at + interval '6 hours'
      AND EXISTS (SELECT 1 FROM flights d WHERE d.origin = a.origin AND d.destination = b.destination
                  AND d.departure_date = '2030-03-01')
    LIMIT 1`;
    assert.ok(route, "the demo network has a route with a connection");
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const search = async (extra = "") => {
        const res = await t.app.request(
          `/api/flights/search?from=${route.from}&to=${route.to}&date=2030-03-01${extra}`,
        );
        assert.equal(res.status, 200, await res.clone().text());
        return (await res.json()) as { data: Result[]; total: number };
      };
      const all = await search("&limit=50");
      assert.ok(all.data.some((r) => r.stops === 0) && all.data.some((r) => r.stops === 1));
      for (const r of all.data) {
        assert.equal(r.legs[0].origin.iata, route.from);
        assert.equal(r.legs.at(-1)!.destination.iata, route.to);
        if (r.stops === 1) {
          assert.equal(r.legs[0].destination.iata, r.legs[1].origin.iata);
          assert.ok(
            r.layovers[0].minutes >= 60 && r.layovers[0].minutes <= 360,
            `${r.layovers[0].minutes} min`,
          );
        }
        assert.ok(r.seatsLeft > 0 && r.totalPrice > 0);
      }
      for (const badge of ["cheapest", "fastest", "best"]) {
        assert.ok(all.data.some((r) => r.badges.includes(badge)), badge);
      }
      const cheapest = Math.min(...all.data.map((r) => r.totalPrice));
      assert.ok(
        all.data.filter((r) => r.badges.includes("cheapest")).every((r) =>
          r.totalPrice === cheapest
        ),
      );
      const byPrice = (await search("&sort=price&limit=50")).data.map((r) => r.totalPrice);
      assert.deepEqual(byPrice, [...byPrice].sort((a, b) => a - b));
      const byDuration = (await search("&sort=duration&limit=50")).data.map((r) =>
        r.durationMinutes
      );
      assert.deepEqual(byDuration, [...byDuration].sort((a, b) => a - b));
      assert.ok((await search("&maxStops=0&limit=50")).data.every((r) => r.stops === 0));
      const late = await search("&departAfter=12:00&limit=50");
      assert.ok(late.data.every((r) => r.legs[0].departureLocal.slice(11, 16) >= "12:00"));
      const capped = await search(`&maxPrice=${cheapest}&limit=50`);
      assert.ok(capped.data.length >= 1 && capped.data.every((r) => r.totalPrice <= cheapest));
      const two = await search("&passengers=2&limit=50");
      const one = all.data.find((r) => r.stops === 0)!;
      assert.equal(two.data.find((r) => r.id === one.id)!.totalPrice, one.totalPrice * 2);

      // Live: seats held through the actor show up in the next search.
      const direct = one.legs[0].id;
      assert.ok(
        (await t.deps.registry.send(direct, {
          type: "HoldSeats",
          holdId: "h",
          owner: "u",
          cabin: "Y",
          count: 5,
        })).ok,
      );
      const after = (await search("&limit=50")).data.find((r) => r.id === one.id)!;
      assert.equal(after.seatsLeft, one.seatsLeft - 5);

      for (
        const bad of [
          "&to=" + route.from,
          "&date=2030-02-30",
          "&passengers=10",
          "&sort=random",
          "&departAfter=25:00",
        ]
      ) {
        const res = await t.app.request(
          `/api/flights/search?from=${route.from}&to=${route.to}&date=2030-03-01${bad}`,
        );
        assert.equal(res.status, 400, bad);
      }
      const cal = await (await t.app.request(
        `/api/flights/calendar?from=${route.from}&to=${route.to}&month=2030-03`,
      )).json();
      assert.deepEqual(cal.days.map((d: { date: string }) => d.date), ["2030-03-01", "2030-03-02"]);
      assert.ok(cal.days.every((d: { price: number }) => d.price > 0));
      assert.equal(
        (await t.app.request(
          `/api/flights/calendar?from=${route.from}&to=${route.to}&month=2030-13`,
        )).status,
        400,
      );
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);

testOnEachBackend(
  "recommendations: searches and past trips for a user, popular routes for guests",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const guest = await (await t.app.request("/api/recommendations")).json();
      assert.ok(guest.data.length > 0);
      assert.ok(guest.data.every((r: { reason: string }) => r.reason === "popular"));
      assert.ok(
        guest.data.every((r: { fromPrice: number; fromCity: string }) =>
          r.fromPrice > 0 && r.fromCity
        ),
      );
      const auth = (await signUp(t.app)).headers;
      await t.app.request("/api/flights/search?from=LHR&to=JFK&date=2030-03-01", { headers: auth });
      await new Promise((r) => setTimeout(r, 50));
      const mine = await (await t.app.request("/api/recommendations", { headers: auth })).json();
      assert.deepEqual(
        { from: mine.data[0].from, to: mine.data[0].to, reason: mine.data[0].reason },
        { from: "LHR", to: "JFK", reason: "recent_search" },
      );
      const exported = await (await t.app.request("/api/me/export", { headers: auth })).json();
      assert.equal(exported.searches.length, 1);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);
