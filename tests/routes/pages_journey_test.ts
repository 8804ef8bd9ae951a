/**
 * Journeys in the passenger pages: a connection or a round trip found on the search page is
 * booked on the journey form, held all or nothing, and shown flight by flight at checkout and
 * on the trip page.
 */
import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { PageClient } from "../support/pages.ts";
import {
  bookingPagesFixture,
  hiddenValue,
  PAIR,
  passengerFields,
} from "../support/booking_pages.ts";
import type { Database } from "../../db/postgres.ts";
import { cabinOffers } from "../../domain/inventory/view.ts";
import { formatPrice } from "../../islands/parts/FlightTable.tsx";

const DAY = "2030-03-01";

/**
 * The search results for a route on DAY with a one-stop connection whose flights both sell
 * business, for two in business, and the first connection's Book link and flight ids.
 */
async function connectionOnSearch(db: Database, client: PageClient) {
  const [route] = await db.sql`
    SELECT a.origin AS "from", b.destination AS "to"
    FROM flights a
    JOIN flights b ON b.origin = a.destination AND b.destination <> a.origin
      AND b.departure_at BETWEEN a.arrival_at + interval '90 minutes'
        AND a.arrival_at + interval '4 hours'
    WHERE a.departure_date = ${DAY} AND (a.base_fares ? 'J') AND (b.base_fares ? 'J')
    ORDER BY a.departure_at, b.departure_at
    LIMIT 1`;
  assert.ok(route, "the demo schedule has a connection in business");
  const results = await client.html(
    `/search?from=${route.from}&to=${route.to}&date=${DAY}&cabin=J&passengers=2`,
  );
  const book = links(results, "Book").find((l) => /flights=[^&]+,/.test(l));
  assert.ok(book, "a connection offers Book");
  return { results, book, ids: /flights=([^&]+)/.exec(book)![1].split(",") };
}

/** A route with a direct flight out on DAY and a direct flight back the day after. */
async function roundTripRoute(db: Database) {
  const [route] = await db.sql`
    SELECT a.origin AS "from", a.destination AS "to"
    FROM flights a
    JOIN flights b ON b.origin = a.destination AND b.destination = a.origin
      AND b.departure_date = ${DAY}::date + 1
    WHERE a.departure_date = ${DAY}
    ORDER BY a.departure_at
    LIMIT 1`;
  assert.ok(route, "the demo schedule has a route flown both ways");
  return route as unknown as { from: string; to: string };
}

/** The hrefs of the links whose text starts with `text` (entities decoded). */
function links(html: string, text: string): string[] {
  return [...html.matchAll(new RegExp(`<a class="button" href="([^"]+)">${text}<`, "g"))]
    .map((m) => m[1].replaceAll("&amp;", "&"));
}

/** The journey's segments in travel order, as stored. */
async function segmentsOf(db: Database, bookingId: string) {
  return await db.sql`
    SELECT g.flight_id, g.seats, g.status, f.carrier, f.flight_number
    FROM booking_segments g JOIN flights f ON f.id = g.flight_id
    WHERE g.booking_id = ${bookingId} ORDER BY f.departure_at`;
}

/** The seat map islands of a page in order: their props and the seats they mark as mine. */
function seatMaps(html: string) {
  return html.split('<contrail-island data-island="SeatMap" data-props="').slice(1).map((part) => {
    const props = JSON.parse(
      part.slice(0, part.indexOf('"')).replaceAll("&quot;", '"').replaceAll("&amp;", "&"),
    );
    const island = part.slice(0, part.indexOf("</contrail-island>"));
    const mine = [...island.matchAll(/class="seat seat-mine[^"]*" data-seat="([^"]+)"/g)]
      .map((m) => m[1]);
    return { props, island, mine };
  });
}

/** Posts the journey form at `path` (as rendered) for PAIR in `cabin`. */
async function postJourney(client: PageClient, path: string, cabin: string, token = "") {
  const form = await client.html(path);
  const action = /<form method="post" action="([^"]+)" class="stack booking-form"/.exec(form)![1]
    .replaceAll("&amp;", "&");
  return await client.post(action, {
    cabin,
    formToken: hiddenValue(form, "formToken") + token,
    ...passengerFields(PAIR),
  });
}

testOnEachBackend(
  "journey pages: a connection's Book leads to the journey form, which holds both flights and goes to checkout, then the trip",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const { results, book, ids } = await connectionOnSearch(db, s.ada);
      assert.match(
        book,
        /^\/book\/journey\?flights=[0-9a-f-]{36},[0-9a-f-]{36}&cabin=J&passengers=2$/,
      );
      // Direct flights still go to their seat map.
      for (const seats of links(results, "Choose seats")) assert.match(seats, /^\/flights\//);

      const guest = new PageClient(s.app);
      const away = await guest.get(book);
      assert.equal(away.status, 303);
      assert.equal(away.headers.get("location"), `/login?next=${encodeURIComponent(book)}`);

      const flights = await Promise.all(ids.map(async (id) => {
        const [f] = await db
          .sql`SELECT carrier, flight_number, origin FROM flights WHERE id = ${id}`;
        return f;
      }));
      const form = await s.ada.html(book);
      assert.match(form, /<ol class="journey" aria-label="Flights in travel order">/);
      for (const [i, f] of flights.entries()) {
        assert.match(
          form,
          new RegExp(`<h2>Flight ${i + 1} of 2: ${f.carrier} ${f.flight_number}</h2>`),
        );
      }
      assert.match(
        form,
        new RegExp(`Change at ${flights[1].origin} \\([^)]+\\): \\d+h \\d\\dm layover`),
      );
      // The journey's total is the search's price for the same itinerary.
      const listed = results.split('<li class="itinerary">')
        .find((item) => item.includes(`flights=${ids.join(",")}&amp;`))!;
      const searched = /<strong>(\$[\d,]+)<\/strong> total/.exec(listed)?.[1];
      assert.ok(searched, "the search shows the connection's total");
      assert.match(
        form,
        new RegExp(`Total for 2 passengers in Business: <strong>\\${searched}</strong>`),
      );
      assert.match(form, /We hold seats together for your party on every flight/);
      assert.match(form, /<legend>Passenger 1<\/legend>[\s\S]*<legend>Passenger 2<\/legend>/);

      const first = await postJourney(s.ada, book, "J", "a");
      assert.equal(first.status, 303, await first.text());
      const location = first.headers.get("location")!;
      const id = /^\/checkout\/([0-9a-f-]{36})$/.exec(location)?.[1];
      assert.ok(id, location);
      const segments = await segmentsOf(db, id);
      assert.deepEqual(segments.map((g) => g.flight_id), ids, "both flights, in travel order");
      for (const g of segments) {
        assert.equal(g.status, "held");
        assert.equal(g.seats.length, 2);
      }

      const checkout = await s.ada.html(location);
      assert.match(checkout, /2 passengers in Business on 2 flights, total <strong>\$/);
      // The trips list names the journey by where it goes, via the connecting airport.
      const [leg1, leg2] = await db.sql`
        SELECT origin, destination FROM flights WHERE id IN ${db.sql(ids)} ORDER BY departure_at`;
      const trips = await s.ada.html("/trips");
      assert.match(
        trips,
        new RegExp(
          `\\(${leg2.destination.trim()}\\)<span class="muted"> via ${leg1.destination.trim()}`,
        ),
      );
      assert.match(trips, / and 1 more/);
      for (const [i, g] of segments.entries()) {
        assert.match(checkout, new RegExp(`Flight ${i + 1} of 2: ${g.carrier} ${g.flight_number}`));
        assert.deepEqual(seatMaps(checkout)[i].mine, g.seats, "each flight's map marks its seats");
      }
      const perPassenger = (p: number) => segments.map((g) => g.seats[p]).join(" · ");
      assert.match(checkout, /<th scope="col">Seats, flight by flight<\/th>/);
      assert.match(checkout, new RegExp(`<td>${perPassenger(0)}</td>`));
      assert.match(checkout, /data-island="PaymentForm"/);

      assert.equal((await s.pay(id)).status, 303);
      const trip = await s.ada.html(`/trips/${id}?paid=1`);
      assert.match(trip, /Confirmed/);
      assert.match(trip, /, 2 flights, total \$/);
      assert.match(
        trip,
        new RegExp(`Status of ${segments[0].carrier} ${segments[0].flight_number}`),
      );
      for (const [i, g] of segments.entries()) {
        assert.match(trip, new RegExp(`Flight ${i + 1} of 2: ${g.carrier} ${g.flight_number}`));
      }
      for (const p of [0, 1]) assert.match(trip, new RegExp(`<td>${perPassenger(p)}</td>`));
      const tickets = [...trip.matchAll(/<td class="mono">(\d{13})<\/td>/g)].map((m) => m[1]);
      assert.equal(new Set(tickets).size, 2, "one e-ticket per passenger for the journey");
      assert.equal((trip.match(/<td>Not yet<\/td>/g) ?? []).length, 2);
      const [{ n }] = await db.sql`
        SELECT count(*)::int AS n FROM payments WHERE booking_id = ${id} AND kind = 'charge'`;
      assert.equal(n, 1, "one charge for the journey");

      // A guest who finds the trip by its reference sees every flight too.
      const [{ pnr }] = await db.sql`SELECT pnr FROM bookings WHERE id = ${id}`;
      const found = await guest.html(`/trips/lookup?pnr=${pnr}&lastName=Babbage`);
      assert.match(found, /Flight 1 of 2: [\s\S]*Flight 2 of 2: /);
      assert.match(found, new RegExp(`<td>${perPassenger(1)}</td>`));
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "journey checkout: a seat map per flight with its own ids, and the second map's seat change moves only the second flight's seats",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const { book, ids } = await connectionOnSearch(db, s.ada);
      const held = await postJourney(s.ada, book, "J");
      assert.equal(held.status, 303, await held.text());
      const location = held.headers.get("location")!;
      const id = location.split("/").pop()!;
      const segments = await segmentsOf(db, id);

      const page = await s.ada.html(location);
      const maps = seatMaps(page);
      assert.equal(maps.length, 2, "one seat map per flight");
      assert.equal((page.match(/data-island="HoldCountdown"/g) ?? []).length, 1, "one countdown");
      for (const [i, g] of segments.entries()) {
        const flight = await db.sql`
          SELECT origin, destination FROM flights WHERE id = ${g.flight_id}`;
        assert.match(
          page,
          new RegExp(
            `<h2 id="leg${i + 1}-seats-title">Your seats on ${g.carrier} ${g.flight_number} ` +
              `${flight[0].origin} → ${flight[0].destination}</h2>`,
          ),
        );
        assert.equal(maps[i].props.flightId, ids[i]);
        assert.equal(maps[i].props.booking.flightId, ids[i]);
        assert.deepEqual(maps[i].mine, g.seats);
        for (const [p, seat] of (g.seats as string[]).entries()) {
          const [row, letter] = [seat.slice(0, -1), seat.slice(-1)];
          assert.match(
            maps[i].island,
            new RegExp(`Row ${row}, seat ${letter}, [a-z ,]*your seat, passenger ${p + 1}"`),
          );
        }
        assert.match(maps[i].island, new RegExp(`id="leg${i + 1}-cabin-J"`));
        assert.match(maps[i].island, new RegExp(`name="seat-for-leg${i + 1}-${id}"`));
      }
      const all = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(all.includes("leg2-cabin-J") && all.includes("pay-title"), "ids were read");
      const twice = all.filter((x, i) => all.indexOf(x) !== i);
      assert.deepEqual(twice, [], "every element id is unique on the page");

      // The request the second map sends: its booking and flight from its props, the CSRF
      // header from the cookie, the session cookie.
      const { booking } = maps[1].props;
      const snapshot = await (await s.app.request(`/api/flights/${ids[1]}/seats`)).json();
      const free = snapshot.cabins.find((c: { code: string }) => c.code === "J").rows
        .flatMap((r: { seats: { id: string; status: string }[] }) => r.seats)
        .filter((x: { status: string }) => x.status === "free")
        .map((x: { id: string }) => x.id)
        .slice(-2);
      assert.equal(free.length, 2);
      const res = await s.app.request(`/api/bookings/${booking.id}/seats`, {
        method: "PATCH",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          Cookie: s.ada.jar.header(),
          "X-CSRF-Token": s.ada.jar.get("ct_csrf")!,
        },
        body: JSON.stringify({ seats: free, flightId: booking.flightId }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      const answer = await res.json();
      assert.deepEqual(
        answer.segments.find((g: { flightId: string }) => g.flightId === ids[1]).seats,
        free,
      );
      const after = await segmentsOf(db, id);
      assert.deepEqual(after[0].seats, segments[0].seats, "the first flight is untouched");
      assert.deepEqual(after[1].seats, free);
      const again = seatMaps(await s.ada.html(location));
      assert.deepEqual(again.map((m) => m.mine), [segments[0].seats, free]);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "journey pages: a refused segment re-renders the form with its message and holds nothing; bad links never crash",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const { book, ids: [firstId, secondId] } = await connectionOnSearch(db, s.ada);
      const [second] = await db.sql`
        SELECT carrier, flight_number FROM flights WHERE id = ${secondId}`;
      // Someone else holds all but one business seat of the second flight.
      for (let n = 0;; n++) {
        const inv = await s.deps.registry.inventory(secondId);
        const left = cabinOffers(inv, s.clock.now().getTime()).find((c) => c.code === "J")!;
        if (left.seatsLeft < 2) break;
        const held = await s.deps.registry.send(secondId, {
          type: "HoldSeats",
          holdId: `fill-${n}`,
          owner: "someone",
          cabin: "J",
          count: Math.min(9, left.seatsLeft - 1),
        });
        assert.ok(held.ok, JSON.stringify(held));
      }
      assert.match(await s.ada.html(book), /Business: not enough seats/);
      const refused = await postJourney(s.ada, book, "J");
      assert.equal(refused.status, 409);
      const html = await refused.text();
      assert.match(html, /role="alert"/);
      assert.match(
        html,
        new RegExp(`Segment 2 \\(${second.carrier} ${second.flight_number}\\): [^<]*cabin J`),
      );
      assert.match(html, /value="Charles"/, "the details stay for another try");
      const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM bookings`;
      assert.equal(n, 0);
      const firstHolds = Object.values((await s.deps.registry.read(firstId)).holds);
      assert.deepEqual(firstHolds, [], "the first flight's hold was released");

      // Links that name no journey, an unknown flight, or one flight twice.
      assert.equal((await s.ada.get("/book/journey")).status, 400);
      assert.equal((await s.ada.get("/book/journey?flights=a,b")).status, 400);
      assert.equal((await s.ada.get(`/book/journey?flights=${crypto.randomUUID()}`)).status, 404);
      const twice = await s.ada.html(`/book/journey?flights=${firstId},${firstId}`);
      assert.match(twice, /A flight appears twice\./);
      const post = await s.ada.post(`/book/journey?flights=${firstId},${firstId}`, {
        cabin: "Y",
        formToken: "b".repeat(32),
        ...passengerFields(PAIR),
      });
      assert.equal(post.status, 422);
      assert.match(await post.text(), /A flight appears twice\./);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "journey pages: a round trip shows the ways out priced from the cheapest pair, then the returns with the total, and books both",
  async (db) => {
    const s = await bookingPagesFixture(db, 3);
    try {
      const route = await roundTripRoute(db);
      const query =
        `from=${route.from}&to=${route.to}&date=${DAY}&returnDate=2030-03-02&passengers=2`;
      const api = await (await s.app.request(`/api/flights/search?${query}&limit=50`)).json();
      const out = await s.ada.html(`/search?${query}`);
      assert.match(out, /<h1>Round trip from /);
      assert.match(
        out,
        /<input id="search-return" type="date" name="returnDate"[^>]*value="2030-03-02"/,
      );
      assert.match(out, /<h2 id="outbound-title">1\. Choose your outbound flight<\/h2>/);
      assert.doesNotMatch(out, /fare-strip/, "one-way fares are not shown for a round trip");
      assert.match(
        out,
        new RegExp(
          `from <strong>\\${
            formatPrice(api.cheapestTotal, "USD")
          }</strong> round trip, total for 2 passengers`,
        ),
      );
      const select = links(out, "Select");
      assert.equal(select.length, Math.min(api.total, 20));
      assert.match(
        select[0],
        /^\/search\?.*returnDate=2030-03-02.*&out=[0-9a-f-]{36}(,[0-9a-f-]{36})?$/,
      );

      const back = await s.ada.html(select[0]);
      const outIds = /out=([^&]+)/.exec(select[0])![1].split(",");
      assert.match(back, /<h2 id="chosen-title">Your outbound flight<\/h2>/);
      assert.match(back, /<h2 id="return-title">2\. Choose your return flight<\/h2>/);
      assert.match(back, /Choose another outbound flight/);
      const chosen = api.data.find((o: { id: string }) => o.id === outIds.join("+"));
      const bookLinks = links(back, "Book");
      assert.ok(bookLinks.length > 0, "returns to book");
      const retIds = /flights=([^&]+)/.exec(bookLinks[0])![1].split(",").slice(outIds.length);
      const ret = api.inbound.find((r: { id: string }) => r.id === retIds.join("+"));
      const total = formatPrice(chosen.price.total + ret.price.total, "USD");
      assert.match(
        back,
        new RegExp(`<strong>\\${total}</strong> round trip, total for 2 passengers`),
      );
      assert.equal(
        bookLinks[0],
        `/book/journey?flights=${[...outIds, ...retIds].join(",")}&cabin=Y&passengers=2`,
      );

      const form = await s.ada.html(bookLinks[0]);
      assert.match(form, /<h2>Outbound flight: /);
      assert.match(form, /<h2>Return flight: /);
      assert.match(form, /after your stay/);
      assert.match(
        form,
        new RegExp(`Total for 2 passengers in Economy: <strong>\\${total}</strong>`),
      );
      const held = await postJourney(s.ada, bookLinks[0], "Y");
      assert.equal(held.status, 303, await held.text());
      const id = /^\/checkout\/(.+)$/.exec(held.headers.get("location")!)![1];
      const segments = await segmentsOf(db, id);
      assert.deepEqual(segments.map((g) => g.flight_id), [...outIds, ...retIds]);
      const checkout = await s.ada.html(`/checkout/${id}`);
      assert.match(checkout, /Outbound flight: [\s\S]*Return flight: /);

      // A return before the way out, a malformed or a stale choice of the way out.
      const early = await s.ada.html(`/search?${query.replace("2030-03-02", "2030-02-28")}`, 400);
      assert.match(
        early,
        /id="search-returnDate-error" class="field-error">Choose a return date on or after/,
      );
      assert.match(early, /id="search-return"[^>]*aria-invalid="true"/);
      const bad = await s.ada.html(`/search?${query}&out=not-a-flight`, 400);
      assert.match(bad, /Choose your outbound flight from the list\./);
      const gone = await s.ada.html(`/search?${query}&out=${crypto.randomUUID()}`);
      assert.match(gone, /role="status">The outbound flight you chose is not on offer/);
      assert.match(gone, /1\. Choose your outbound flight/);
    } finally {
      await s.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "journey pages: 'Hold these seats again' after a connection's hold ran out holds both flights' seats again, or names the flight whose seat is gone",
  async (db) => {
    const s = await bookingPagesFixture(db);
    try {
      const { book, ids } = await connectionOnSearch(db, s.ada);
      const res = await postJourney(s.ada, book, "J");
      assert.equal(res.status, 303, await res.text());
      const id = res.headers.get("location")!.slice("/checkout/".length);
      const before = await segmentsOf(db, id);
      s.clock.advance(11 * 60_000);
      const expired = await s.ada.html(`/checkout/${id}`);
      assert.match(expired, /The hold has expired/);
      const again = await s.ada.post(`/checkout/${id}/hold-again`, {
        formToken: hiddenValue(expired, "formToken"),
      });
      assert.equal(again.status, 303, await again.text());
      const next = again.headers.get("location")!.slice("/checkout/".length);
      assert.notEqual(next, id);
      const after = await segmentsOf(db, next);
      assert.deepEqual(after.map((g) => [g.flight_id, g.seats, g.status]), [
        [ids[0], before[0].seats, "held"],
        [ids[1], before[1].seats, "held"],
      ]);

      // Runs out again; a seat on the second flight is taken meanwhile: nothing is held.
      s.clock.advance(11 * 60_000);
      await s.deps.registry.sweepExpiredHolds();
      const taken = await s.deps.registry.send(ids[1], {
        type: "HoldSeats",
        holdId: "someone-elses-hold",
        owner: "someone-else",
        cabin: "J",
        seats: [after[1].seats[0]],
      });
      assert.equal(taken.ok, true);
      const page = await s.ada.html(`/checkout/${next}`);
      const refused = await s.ada.post(`/checkout/${next}/hold-again`, {
        formToken: hiddenValue(page, "formToken"),
      });
      assert.equal(refused.status, 409);
      const html = await refused.text();
      assert.match(
        html,
        new RegExp(`Seat ${after[1].seats[0]} is no longer free on flight 2 of your journey`),
      );
      assert.match(html, new RegExp(`href="/flights/${ids[1]}\\?cabin=J&amp;passengers=2"`));
      // The actors are the truth (the projection of the release may still be on its way).
      const holds = await Promise.all(
        ids.map(async (f) => Object.values((await s.deps.registry.inventory(f)).state.holds)),
      );
      const n = holds.flat().filter((h) => h.owner !== "someone-else").length;
      assert.equal(n, 0, "all or nothing: the first flight's seats were given back");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
