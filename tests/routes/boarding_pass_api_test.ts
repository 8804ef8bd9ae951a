import assert from "node:assert/strict";
import bwipjs from "bwip-js";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { bearer, json, PAX, signUp, TEST_PASSWORD, VISA } from "../support/http.ts";
import { PageClient } from "../support/pages.ts";
import { staffHeaders } from "../support/staff.ts";

const MIN = 60_000;

interface PassFlight {
  flightId: string;
  departureAt: string;
  boardingAt: string;
  local: { date: string; departure: string; boarding: string; zone: string };
  gate: string | null;
  group: number;
  cabin: string;
  seat: string;
  sequence: number;
}
interface Pass extends PassFlight {
  ticket: string;
  passenger: string;
  flightIds: string[];
  legs: PassFlight[];
  bcbp: string;
  barcode: { format: string; svg: string };
}

/** A local time of day at `tz`, worked out here rather than with the app's helpers. */
function localClock(ms: number, tz: string): string {
  return new Date(ms).toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: tz,
  });
}

/** The zone's short name at `ms`, as Intl gives it. */
function zoneAt(ms: number, tz: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: tz, timeZoneName: "short" })
    .formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")!.value;
}

/** Text of an element as the page escaped it, unescaped. */
function unescape(html: string): string {
  return html.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

/** Each printed pass of a passes page: the facts it shows, its BCBP text and barcode SVG. */
function printedPasses(html: string) {
  return html.split('<article class="boarding-pass"').slice(1).map((card) => {
    const fact = (label: string) =>
      unescape(new RegExp(`<dt>${label}</dt><dd>([^<]*)</dd>`).exec(card)?.[1] ?? "");
    const uri = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(card)![1];
    return {
      ticket: fact("E-ticket"),
      date: fact("Date"),
      departs: fact("Departs"),
      boarding: fact("Boarding"),
      gate: fact("Gate"),
      group: fact("Group"),
      seat: fact("Seat"),
      sequence: fact("Sequence"),
      bcbp: unescape(/<p class="mono bcbp">([^<]*)<\/p>/.exec(card)![1]),
      svg: new TextDecoder().decode(Uint8Array.from(atob(uri), (c) => c.charCodeAt(0))),
    };
  });
}

testOnEachBackend(
  "boarding passes API: the owner's and a guest's passes carry gate, boarding time, group and local times, and follow a delay and a gate change",
  async (db) => {
    await seedTestSchedule(db.sql);
    const [flight] = await db.sql`
      SELECT f.id, f.departure_at, a.tz FROM flights f JOIN airports a ON a.iata = f.origin
      WHERE f.aircraft_type = 'A20N' ORDER BY f.departure_at LIMIT 1`;
    const tz = flight.tz as string;
    const t = await testApp(
      db,
      new Date(flight.departure_at.getTime() - 3 * 86_400_000).toISOString(),
    );
    try {
      let ada = (await signUp(t.app)).headers;
      const b = await (await t.app.request(
        "/api/bookings",
        json(
          "POST",
          { flightId: flight.id, cabin: "Y", seats: ["7A", "7B"], passengers: PAX },
          ada,
        ),
      )).json();
      const paid = await t.app.request(
        `/api/bookings/${b.id}/pay`,
        json("POST", { card: VISA }, { ...ada, "Idempotency-Key": "pay" }),
      );
      assert.equal(paid.status, 200, await paid.text());

      // 23 hours before departure (access tokens live 15 minutes: sign in again).
      t.clock.advance(2 * 86_400_000 + 3600_000);
      const login = await t.app.request(
        "/api/auth/login",
        json("POST", { email: "ada@example.test", password: TEST_PASSWORD }),
      );
      ada = bearer((await login.json()).accessToken);
      const checkIn = await t.app.request(`/api/bookings/${b.id}/check-in`, json("POST", {}, ada));
      assert.equal(checkIn.status, 200, await checkIn.text());
      const grant = await (await t.app.request(
        "/api/bookings/lookup",
        json("POST", { pnr: b.pnr, lastName: "Babbage" }),
      )).json();

      const owners = async (): Promise<Pass[]> => {
        const res = await t.app.request(`/api/bookings/${b.id}/boarding-passes`, { headers: ada });
        assert.equal(res.status, 200, await res.clone().text());
        return (await res.json()).passes;
      };
      const guests = async (): Promise<Pass[]> => {
        const res = await t.app.request("/api/bookings/lookup/boarding-passes", {
          headers: { "X-Trip-Token": grant.token },
        });
        assert.equal(res.status, 200, await res.clone().text());
        return (await res.json()).passes;
      };
      /** Both answers, asserted to be the same passes with the same facts. */
      const both = async () => {
        const [mine, theirs] = [await owners(), await guests()];
        assert.deepEqual(theirs, mine, "the guest's passes are the owner's");
        return mine;
      };
      /** Departure at `departureMs`: what every pass must say about times and the zone. */
      const assertTimes = (pass: Pass, departureMs: number) => {
        const boardingMs = departureMs - 40 * MIN; // an A320neo is a narrow-body
        assert.equal(pass.departureAt, new Date(departureMs).toISOString());
        assert.equal(pass.boardingAt, new Date(boardingMs).toISOString());
        assert.equal(pass.local.departure, localClock(departureMs, tz));
        assert.equal(pass.local.boarding, localClock(boardingMs, tz));
        assert.equal(pass.local.zone, zoneAt(departureMs, tz));
        assert.match(pass.local.date, /^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}$/);
      };

      const before = await both();
      assert.equal(before.length, 2);
      const scheduled = flight.departure_at.getTime();
      for (const p of before) {
        assertTimes(p, scheduled);
        assert.equal(p.gate, null, "to be announced");
        assert.equal(p.cabin, "Y");
        assert.match(p.ticket, /^914\d{10}$/);
        assert.deepEqual(p.flightIds, [flight.id]);
        assert.deepEqual(p.legs.length, 1);
        const { ticket: _t, passenger: _p, flightIds: _f, legs, bcbp: _b, barcode: _c, ...facts } =
          p;
        assert.deepEqual(legs[0], facts, "a one-flight pass's leg is the pass's flight");
      }
      // Economy boards from the window in: 7A (window) is group 3, 7B (middle) group 4.
      assert.deepEqual(
        before.map((p) => [p.passenger, p.seat, p.group]).sort(),
        [["Ada Lovelace", "7A", 3], ["Charles Babbage", "7B", 4]],
      );

      const op = (await staffHeaders(t, db, "operator")).headers;
      const status = async (body: Record<string, unknown>) => {
        const res = await t.app.request(
          `/api/admin/flights/${flight.id}/status`,
          json("POST", body, op),
        );
        assert.equal(res.status, 200, await res.text());
      };
      await status({ type: "gate_changed", gate: "B12" });
      for (const p of await both()) {
        assert.equal(p.gate, "B12");
        assert.equal(p.legs[0].gate, "B12");
        assertTimes(p, scheduled);
      }

      const estimate = scheduled + 90 * MIN;
      await status({
        type: "delayed",
        estimatedDepartureAt: new Date(estimate).toISOString(),
        reason: "Late inbound aircraft",
      });
      const delayed = await both();
      for (const p of delayed) {
        assertTimes(p, estimate);
        assert.equal(p.legs[0].boardingAt, new Date(estimate - 40 * MIN).toISOString());
        assert.equal(p.gate, "B12", "the delay keeps the gate");
      }
      await status({ type: "gate_changed", gate: "C3" });
      for (const p of await both()) {
        assert.equal(p.gate, "C3");
        assertTimes(p, estimate);
      }

      // The pages print the same facts, and their PDF417 is the API's barcode of the same BCBP.
      const latest = await both();
      const guest = new PageClient(t.app);
      const opened = await guest.post("/trips/lookup", { pnr: b.pnr, lastName: "Babbage" });
      assert.equal(opened.status, 303, await opened.text());
      const owner = new PageClient(t.app);
      const signedIn = await owner.post("/login", {
        email: "ada@example.test",
        password: TEST_PASSWORD,
        next: "/",
      });
      assert.equal(signedIn.status, 303, await signedIn.text());
      for (
        const html of [
          await guest.html("/trips/lookup/boarding-passes"),
          await owner.html(`/trips/${b.id}/boarding-passes`),
        ]
      ) {
        const printed = printedPasses(html);
        assert.equal(printed.length, latest.length);
        for (const p of latest) {
          const card = printed.find((c) => c.ticket === p.ticket);
          assert.ok(card, `no printed pass for ${p.ticket}`);
          assert.deepEqual(card, {
            ticket: p.ticket,
            date: p.local.date,
            departs: `${p.local.departure} ${p.local.zone}`,
            boarding: `${p.local.boarding} ${p.local.zone}`,
            gate: "C3",
            group: String(p.group),
            seat: p.seat,
            sequence: String(p.sequence).padStart(3, "0"),
            bcbp: p.bcbp,
            svg: p.barcode.svg,
          });
          // The barcode encodes exactly that BCBP (bwip-js draws the same symbol for it).
          const drawn = bwipjs.toSVG({ bcid: "pdf417", text: p.bcbp, scale: 2, height: 12 });
          assert.equal(card.svg, drawn);
        }
      }
    } finally {
      await t.close();
    }
  },
);
