/** A round trip whose ways out have no way back says why, on the API and the search page. */
import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { PageClient } from "../support/pages.ts";
import { cancelLateReturns, DAY, NOW, routes, search } from "../support/return_routes.ts";
import { bumpScheduleVersion } from "../../services/flights/cache_keys.ts";
import { roundTripChoice } from "../../services/search/round_trip.ts";

testOnEachBackend(
  "search API: a round trip without a way back says why, by kind, with the same vocabulary",
  async (db) => {
    const [late, none, notServed, soldOut] = await routes(db.sql, 4);
    const t = await testApp(db, NOW);
    try {
      const first = await cancelLateReturns(t.app, db.sql, late);
      await db.sql`UPDATE flights SET status = 'cancelled'
                   WHERE origin = ${none.to} AND departure_date = ${DAY}`;
      await db.sql`UPDATE flights SET status = 'cancelled'
                   WHERE origin = ${notServed.to}
                     AND (destination = ${notServed.from} OR departure_date = ${DAY})`;
      await bumpScheduleVersion(t.deps.store);

      // Ways back that day, but every one leaves before the earliest way out lands.
      const q = `from=${late.from}&to=${late.to}&date=${DAY}&returnDate=${DAY}`;
      const back = await search(t.app, `from=${late.to}&to=${late.from}&date=${DAY}`);
      assert.ok(back.total > 0, "ways back that day");
      const trip = await search(t.app, q);
      assert.deepEqual([trip.total, trip.inbound?.length, trip.empty], [0, 0, undefined]);
      const e = trip.inboundEmpty!;
      assert.equal(e.kind, "no_return_after_outbound");
      assert.equal(e.outbound, "earliest");
      assert.equal(e.outboundArrives, first.legs.at(-1)!.arrivalLocal.slice(0, 16));
      assert.equal(e.connectMinutes, 60);
      assert.ok((e.lastReturn as string) < (e.earliestReturn as string));
      const next = e.nextDates as { date: string; price: number }[];
      assert.equal(next[0].date, "2030-03-03");
      const latest = e.latestOutbound as { date: string; id: string };
      assert.equal(latest.date, "2030-03-01", "no way out that day connects: the day before");
      assert.match(
        e.message,
        new RegExp(
          `^No return on Sat 2 Mar connects: the earliest outbound flight lands in ${late.to} ` +
            `at \\d\\d:\\d\\d and a return needs 60 min to connect, so it must leave at ` +
            `[^;]+; the last one leaves at \\d\\d:\\d\\d\\. Next dates with a return that ` +
            `connects: Sun 3 Mar from \\$[\\d,.]+\\. An outbound flight leaving Fri 1 Mar at ` +
            `\\d\\d:\\d\\d connects\\.$`,
        ),
      );
      // That way out of the day before does have ways back on the return date.
      const earlier = await search(t.app, q.replace(`date=${DAY}`, "date=2030-03-01"));
      assert.ok(earlier.data.some((o) => o.id === latest.id));

      // No way back at all on the return date: the one-way reasons, for the way back.
      const gone = await search(
        t.app,
        `from=${none.from}&to=${none.to}&date=2030-03-01&returnDate=${DAY}`,
      );
      assert.equal(gone.inboundEmpty?.kind, "no_flights_on_date");
      assert.deepEqual(
        (gone.inboundEmpty!.nextDates as { date: string }[]).map((d) => d.date),
        ["2030-03-03"],
      );
      assert.match(
        gone.inboundEmpty!.message,
        new RegExp(
          `^On the way back \\(Sat 2 Mar\\): No flights from ${none.to} to ${none.from} that day\\.`,
        ),
      );
      const unserved = await search(
        t.app,
        `from=${notServed.from}&to=${notServed.to}&date=2030-03-01&returnDate=${DAY}`,
      );
      assert.equal(unserved.inboundEmpty?.kind, "route_not_served");
      assert.match(
        unserved.inboundEmpty!.message,
        new RegExp(`Contrail does not fly from ${notServed.to} to ${notServed.from}\\.`),
      );
      const beyond = await search(
        t.app,
        `from=${soldOut.from}&to=${soldOut.to}&date=2030-03-03&returnDate=2030-03-10`,
      );
      assert.deepEqual(
        [beyond.inboundEmpty?.kind, beyond.inboundEmpty?.openUntil],
        ["beyond_schedule", "2030-03-03"],
      );

      // Every seat back that day gone: sold out, with the next dates that have seats.
      const full = `from=${soldOut.to}&to=${soldOut.from}&date=${DAY}`;
      for (const r of (await search(t.app, full)).data) {
        for (const leg of r.legs) {
          const sent = await t.deps.registry.send(leg.id, {
            type: "ConfigureFlight",
            authorized: { Y: 0 },
          });
          assert.ok(sent.ok);
        }
      }
      const sold = await search(
        t.app,
        `from=${soldOut.from}&to=${soldOut.to}&date=2030-03-01&returnDate=${DAY}`,
      );
      assert.equal(sold.inboundEmpty?.kind, "sold_out");
      assert.match(sold.inboundEmpty!.message, /No seats left in Economy for 1 passenger/);

      // A round trip that pairs carries no explanation of its way back.
      const fine = await search(
        t.app,
        `from=${late.from}&to=${late.to}&date=${DAY}&returnDate=2030-03-03`,
      );
      assert.ok(fine.total > 0 && fine.inboundEmpty === undefined && fine.empty === undefined);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "search service: a chosen way out whose ways back do not connect, or cost too much, says so",
  async (db) => {
    const [late] = await routes(db.sql, 1, true);
    const t = await testApp(db, NOW);
    try {
      const q = {
        from: late.from,
        to: late.to,
        date: DAY,
        returnDate: "2030-03-03",
        cabin: "Y" as const,
        passengers: 1,
        sort: "price" as const,
        maxStops: 1 as const,
      };
      const paired = await roundTripChoice(t.deps, q);
      const out = paired.outbound[0];
      const cheapest = Math.min(...paired.outbound.map((o) => o.roundTripTotal));
      // Ways back connect, but none within the price limit.
      const dear = await roundTripChoice(t.deps, {
        ...q,
        maxPrice: cheapest - 1,
        out: out.legs.map((l) => l.id),
      });
      assert.equal(dear.chosen?.id, out.id);
      assert.equal(dear.inbound.length, 0);
      assert.equal(dear.inboundEmpty?.kind, "filtered");

      // The ways back after it lands have no seats left: sold out, though earlier ones have.
      const ways = await search(t.app, `from=${late.from}&to=${late.to}&date=${DAY}`);
      const lands = ways.data.map((o) => o.arrivalAt).sort()[0];
      const earliest = ways.data.find((o) => o.arrivalAt === lands)!;
      const before = await roundTripChoice(t.deps, {
        ...q,
        returnDate: DAY,
        out: earliest.legs.map((l) => l.id),
      });
      assert.ok(before.inbound.length > 0, "a way back connects that day");
      const backs = await search(t.app, `from=${late.to}&to=${late.from}&date=${DAY}`);
      assert.ok(backs.data.some((r) => r.departureAt < lands), "an earlier way back");
      for (const r of backs.data.filter((r) => r.departureAt >= lands)) {
        for (const leg of r.legs) {
          const sent = await t.deps.registry.send(leg.id, {
            type: "ConfigureFlight",
            authorized: { Y: 0 },
          });
          assert.ok(sent.ok);
        }
      }
      const full = await roundTripChoice(t.deps, {
        ...q,
        returnDate: DAY,
        out: earliest.legs.map((l) => l.id),
      });
      assert.equal(full.chosen?.id, earliest.id);
      assert.equal(full.inbound.length, 0);
      assert.equal(full.inboundEmpty?.kind, "sold_out");
      assert.match(
        full.inboundEmpty!.message,
        /^On the way back \(Sat 2 Mar\): the returns late enough to connect have no seats left in Economy for 1 passenger; those that do leave before you land\. Next dates with a return that connects: Sun 3 Mar from \$/,
      );

      const first = await cancelLateReturns(t.app, db.sql, late);
      assert.equal(first.id, earliest.id);
      await bumpScheduleVersion(t.deps.store);
      const late2 = await roundTripChoice(t.deps, {
        ...q,
        returnDate: DAY,
        out: first.legs.map((l) => l.id),
      });
      assert.equal(late2.chosen?.id, first.id, "a way out with no way back stays chosen");
      assert.equal(late2.inboundEmpty?.kind, "no_return_after_outbound");
      assert.equal(
        late2.inboundEmpty?.kind === "no_return_after_outbound" &&
          late2.inboundEmpty.outbound,
        "chosen",
      );
      assert.match(late2.inboundEmpty!.message, /your outbound flight lands in/);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "search page: a round trip without a way back explains itself and links to other dates",
  async (db) => {
    const [late] = await routes(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const first = await cancelLateReturns(t.app, db.sql, late);
      await bumpScheduleVersion(t.deps.store);
      const browser = new PageClient(t.app);
      const query = `from=${late.from}&to=${late.to}&date=${DAY}&returnDate=${DAY}`;
      const step1 = await browser.html(`/search?${query}`);
      assert.match(step1, /data-reason="no_return_after_outbound" data-leg="return"/);
      assert.match(
        step1,
        /No outbound flight on Saturday,? 2 March 2030 has a return that connects\./,
      );
      assert.doesNotMatch(step1, /No flights on/, "there are ways out");
      assert.match(step1, /No return on Sat 2 Mar connects: the earliest outbound flight lands/);
      assert.match(
        step1,
        /<a href="\/search\?[^"]*returnDate=2030-03-03[^"]*">Return Sun 3 Mar, from \$[\d,.]+<\/a>/,
      );
      assert.match(
        step1,
        /<a href="\/search\?[^"]*date=2030-03-01[^"]*out=[^"]+">Fly out Fri 1 Mar at \d\d:\d\d, landing ((Fri 1|Sat 2) Mar )?\d\d:\d\d<\/a>/,
      );
      assert.match(step1, /href="\/search\/month\?from=[A-Z]{3}&amp;to=[A-Z]{3}&amp;month=2030-03/);

      // The way out chosen stays, and step 2 says why no way back connects with it.
      const out = first.legs.map((l) => l.id).join(",");
      const step2 = await browser.html(`/search?${query}&out=${out}`);
      assert.match(step2, /<h2 id="chosen-title">Your outbound flight<\/h2>/);
      assert.match(step2, /2\. Choose your return flight/);
      assert.match(
        step2,
        /No return flight on Saturday,? 2 March 2030 connects with your outbound flight\./,
      );
      assert.match(step2, /No return on Sat 2 Mar connects: your outbound flight lands in/);
      assert.doesNotMatch(step2, /No return flight connects with this outbound flight/);
      assert.doesNotMatch(step2, /not on offer for this search any more/);
      // Following the link to the earlier way out lands on its ways back, to book.
      const link = /<a href="(\/search\?[^"]*date=2030-03-01[^"]*)">Fly out/.exec(step2)![1]
        .replaceAll("&amp;", "&");
      const earlier = await browser.html(link);
      assert.match(earlier, /<h2 id="chosen-title">Your outbound flight<\/h2>/);
      assert.match(earlier, />Book</);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);
