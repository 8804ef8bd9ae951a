import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { crewFixture } from "../support/crew.ts";
import { staffClient } from "../support/pages.ts";

interface Proposal {
  crewId: string;
  name: string;
  role: string;
}

interface PlannedFlight {
  flightId: string;
  aircraftType: string;
  seats: number;
  departureAt: string;
  origin: string;
  destination: string;
  proposals: Proposal[];
  unfilled: string[];
}

testOnEachBackend(
  "crew shortfalls: flights short of the minimum complement with what each lacks",
  async (db) => {
    const t = await crewFixture(db);
    try {
      const day = "from=2030-03-01&to=2030-03-01";
      const before = await t.call("GET", `/api/admin/crew/shortfalls?${day}&limit=500`);
      assert.equal(before.status, 200);
      assert.equal(before.body.total, 540, "nobody is rostered yet");
      // Staff one E195 (109 seats: 3 cabin crew) fully and one partly, cancel a third.
      const [full, partial, gone] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'E195' AND departure_date = '2030-03-01'
        ORDER BY departure_at, id LIMIT 3`;
      const crew = await db.sql`
        SELECT id, role FROM crew_members ORDER BY employee_number`;
      const pick = (role: string, n: number) =>
        crew.filter((c) => c.role === role).slice(0, n).map((c) => c.id);
      const rows = [
        ...pick("captain", 1).map((id) => [full.id, id, "captain"]),
        ...pick("first_officer", 1).map((id) => [full.id, id, "first_officer"]),
        ...pick("purser", 1).map((id) => [full.id, id, "purser"]),
        ...pick("flight_attendant", 2).map((id) => [full.id, id, "flight_attendant"]),
        ...pick("first_officer", 3).slice(1).map((id) => [partial.id, id, "first_officer"]),
      ];
      for (const [flightId, crewId, role] of rows) {
        await db.sql`
          INSERT INTO crew_assignments (flight_id, crew_id, role)
          VALUES (${flightId}, ${crewId}, ${role})`;
      }
      await db.sql`UPDATE flights SET status = 'cancelled' WHERE id = ${gone.id}`;

      const after = await t.call("GET", `/api/admin/crew/shortfalls?${day}&limit=500`);
      assert.equal(after.body.total, 538);
      const ids = after.body.data.map((f: { flightId: string }) => f.flightId);
      assert.ok(!ids.includes(full.id), "a fully crewed flight is not short");
      assert.ok(!ids.includes(gone.id), "a cancelled flight is skipped");
      const p = after.body.data.find((f: { flightId: string }) => f.flightId === partial.id);
      assert.deepEqual(p.short, {
        captains: 1,
        pilots: 1,
        cabin: 3,
        positions: ["captain", "flight_attendant", "flight_attendant", "flight_attendant"],
        short: true,
      });
      assert.equal(p.seats, 109);
      const departures = after.body.data.map((f: { departureAt: string }) => f.departureAt);
      assert.deepEqual(departures, [...departures].sort(), "in departure order");
      const paged = await t.call("GET", `/api/admin/crew/shortfalls?${day}&limit=10&page=2`);
      assert.deepEqual(
        paged.body.data.map((f: { flightId: string }) => f.flightId),
        ids.slice(10, 20),
      );

      for (
        const q of [
          "from=2030-03-01&to=2030-04-01",
          "from=2030-03-02&to=2030-03-01",
          "from=2030-03-01",
          "from=2030-02-30&to=2030-03-01",
        ]
      ) {
        const res = await t.call("GET", `/api/admin/crew/shortfalls?${q}`);
        assert.equal(res.status, 400, q);
        assert.equal(res.type, "application/problem+json");
      }
      const month = await t.call("GET", "/api/admin/crew/shortfalls?from=2030-03-01&to=2030-03-31");
      assert.equal(month.status, 200, "31 days is allowed");
      assert.equal(month.body.total, 540 * 3 - 2);
      assert.equal(
        (await t.call("GET", `/api/admin/crew/shortfalls?${day}`, undefined, t.passenger.headers))
          .status,
        403,
      );
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "crew auto-assign: a proposal of legal crew, re-checked and written on accept",
  async (db) => {
    const t = await crewFixture(db);
    try {
      const range = { from: "2030-03-01", to: "2030-03-01" };
      // A JFK flight and one back to JFK on the third day, nothing else: the crew of both
      // is one pairing from JFK, out and home.
      const [pair] = await db.sql`
        SELECT o.id AS out_id, r.id AS back_id
        FROM flights o JOIN flights r ON r.origin = o.destination AND r.destination = 'JFK'
          AND r.departure_at BETWEEN o.arrival_at + interval '1 hour' AND o.arrival_at + interval '4 hours'
          AND r.departure_date = '2030-03-03'
        WHERE o.departure_date = '2030-03-03' AND o.origin = 'JFK'
          AND o.aircraft_type IN ('A20N', 'E195') AND r.aircraft_type IN ('A20N', 'E195')
        ORDER BY o.departure_at, o.id, r.departure_at, r.id LIMIT 1`;
      await db.sql`
        UPDATE flights SET status = 'cancelled'
        WHERE departure_date = '2030-03-03' AND id NOT IN ${db.sql([pair.out_id, pair.back_id])}`;
      const lone = await t.call("POST", "/api/admin/crew/auto-assign", {
        from: "2030-03-03",
        to: "2030-03-03",
      });
      assert.deepEqual(lone.body.flights.map((f: PlannedFlight) => f.flightId), [
        pair.out_id,
        pair.back_id,
      ]);
      const [out, back] = lone.body.flights as PlannedFlight[];
      assert.deepEqual([out.unfilled, back.unfilled], [[], []]);
      const bases = await db.sql`
        SELECT home_base FROM crew_members
        WHERE id IN ${db.sql(out.proposals.map((p) => p.crewId))}`;
      assert.deepEqual(bases.map((b) => b.home_base), out.proposals.map(() => "JFK"));
      assert.deepEqual(
        back.proposals.map((p) => p.crewId).sort(),
        out.proposals.map((p) => p.crewId).sort(),
        "the crew that flew out flies home",
      );
      assert.deepEqual(lone.body.positioning, []);

      const res = await t.call("POST", "/api/admin/crew/auto-assign", range);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const flights: PlannedFlight[] = res.body.flights;
      assert.equal(flights.length, 540);
      assert.ok(res.body.proposed > 50, `${res.body.proposed} proposals`);
      // A one-day range cannot bring every crew home, and some sectors are longer than even
      // an augmented crew may fly (a 16 h 30 min sector from an evening report).
      assert.ok(res.body.unfilled > 0, "some positions stay unfilled");
      const [{ n: written }] = await db.sql`SELECT count(*)::int AS n FROM crew_assignments`;
      assert.equal(written, 0, "a proposal writes nothing");
      const members = new Map(
        (await db.sql`SELECT id, role, home_base, type_ratings FROM crew_members`).map((m) => [
          m.id,
          m,
        ]),
      );
      const fits: Record<string, string[]> = {
        captain: ["captain"],
        first_officer: ["first_officer", "captain"],
        purser: ["purser"],
        flight_attendant: ["flight_attendant", "purser"],
      };
      for (const f of flights) {
        for (const p of f.proposals) {
          const m = members.get(p.crewId)!;
          assert.ok(fits[p.role].includes(m.role));
          assert.ok(m.type_ratings.includes(f.aircraftType));
        }
      }
      const again = await t.call("POST", "/api/admin/crew/auto-assign", range);
      assert.deepEqual(again.body, res.body, "the same data gives the same proposal");

      // The operator accepts the first flights' proposals, plus one edit that is illegal,
      // and meanwhile one proposed member reports sick.
      const chosen = flights.filter((f) => f.proposals.length).slice(0, 12);
      const items = chosen.flatMap((f) =>
        f.proposals.map((p) => ({ flightId: f.flightId, crewId: p.crewId, role: p.role }))
      );
      const sick = items[items.length - 1];
      const sickFlight = chosen[chosen.length - 1];
      await t.call("POST", `/api/admin/crew/${sick.crewId}/unavailability`, {
        startsAt: sickFlight.departureAt,
        endsAt: new Date(Date.parse(sickFlight.departureAt) + 86_400_000).toISOString(),
        reason: "Sick",
      });
      const wide = flights.find((f) => f.aircraftType === "B77W")!;
      const narrowCaptain = [...members.values()].find((m) =>
        m.role === "captain" && !m.type_ratings.includes("B77W")
      )!;
      const illegal = { flightId: wide.flightId, crewId: narrowCaptain.id, role: "captain" };
      const accepted = await t.call("POST", "/api/admin/crew/auto-assign/accept", {
        assignments: [...items, illegal],
      });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.assigned, items.length - 1);
      assert.equal(accepted.body.refused, 2);
      const refused = accepted.body.results.filter((r: { status: string }) =>
        r.status === "refused"
      );
      assert.deepEqual(refused.map((r: { crewId: string }) => r.crewId), [
        sick.crewId,
        illegal.crewId,
      ]);
      assert.ok(refused[0].violations.some((v: { code: string }) => v.code === "unavailable"));
      assert.ok(refused[1].violations.some((v: { code: string }) => v.code === "type_rating"));
      const stored = await db.sql`SELECT flight_id, crew_id FROM crew_assignments`;
      assert.equal(stored.length, items.length - 1);
      assert.ok(
        !stored.some((s) => s.crew_id === illegal.crewId && s.flight_id === illegal.flightId),
        "refused items are not written",
      );
      const [{ n: audits }] = await db.sql`
        SELECT count(*)::int AS n FROM audit_log WHERE action = 'crew.assigned'`;
      assert.equal(audits, items.length - 1);

      // Accepting the same set again finds everyone already assigned.
      const twice = await t.call("POST", "/api/admin/crew/auto-assign/accept", {
        assignments: items.slice(0, 3),
      });
      assert.deepEqual(
        twice.body.results.map((r: { code: string }) => r.code),
        ["already_assigned", "already_assigned", "already_assigned"],
      );
      // The next proposal builds on what is now assigned: only the unfilled remain to fill.
      const next = await t.call("POST", "/api/admin/crew/auto-assign", range);
      const now = next.body.flights.find((f: PlannedFlight) => f.flightId === chosen[0].flightId);
      assert.equal(
        now ? now.proposals.length + now.unfilled.length : 0,
        chosen[0].unfilled.length,
      );

      for (
        const body of [
          { from: "2030-03-01", to: "2030-03-08" },
          { from: "2030-03-01" },
          { from: "2030-03-01", to: "2030-03-02", extra: true },
        ]
      ) {
        const bad = await t.call("POST", "/api/admin/crew/auto-assign", body);
        assert.equal(bad.status, 400, JSON.stringify(body));
      }
      for (
        const body of [
          { assignments: [] },
          { assignments: [{ flightId: "x", crewId: sick.crewId, role: "captain" }] },
        ]
      ) {
        const bad = await t.call("POST", "/api/admin/crew/auto-assign/accept", body);
        assert.equal(bad.status, 400);
      }
      const unknown = await t.call("POST", "/api/admin/crew/auto-assign/accept", {
        assignments: [{ flightId: crypto.randomUUID(), crewId: sick.crewId, role: "captain" }],
      });
      assert.equal(unknown.body.results[0].code, "flight_not_found");
      assert.equal(
        (await t.call("POST", "/api/admin/crew/auto-assign", range, {})).status,
        401,
      );
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "crew auto-assign: a positioning leg takes a real seat through the flight's actor and moves the member",
  async (db) => {
    const t = await crewFixture(db);
    try {
      // Ride JFK → X, then work X → JFK a short turn later.
      const [pair] = await db.sql`
        SELECT o.id AS ride_id, o.destination, r.id AS work_id
        FROM flights o JOIN flights r ON r.origin = o.destination AND r.destination = 'JFK'
          AND r.departure_at BETWEEN o.arrival_at + interval '1 hour'
                                 AND o.arrival_at + interval '4 hours'
        WHERE o.departure_date = '2030-03-01' AND o.origin = 'JFK'
          AND r.aircraft_type IN ('A20N', 'E195')
        ORDER BY o.departure_at, o.id, r.departure_at, r.id LIMIT 1`;
      const [captain] = await db.sql`
        SELECT id FROM crew_members
        WHERE role = 'captain' AND home_base = 'JFK' AND 'A20N' = ANY (type_ratings)
        ORDER BY employee_number LIMIT 1`;
      const work = { flightId: pair.work_id, crewId: captain.id, role: "captain" };
      const alone = await t.call("POST", "/api/admin/crew/auto-assign/accept", {
        assignments: [work],
      });
      assert.equal(alone.body.results[0].code, "crew_assignment_illegal");
      assert.deepEqual(
        alone.body.results[0].violations.map((v: { code: string }) => v.code),
        ["position"],
        "without the ride the captain is still at JFK",
      );

      const both = await t.call("POST", "/api/admin/crew/auto-assign/accept", {
        assignments: [work],
        positioning: [{ flightId: pair.ride_id, crewId: captain.id }],
      });
      assert.equal(both.status, 200, JSON.stringify(both.body));
      assert.equal(both.body.assigned, 1, JSON.stringify(both.body));
      assert.equal(both.body.positioned, 1);
      const seat = both.body.positioning[0].seat;
      assert.match(seat, /^\d+[A-K]$/);
      const [leg] = await db.sql`
        SELECT booking_ref, seat FROM crew_positioning
        WHERE flight_id = ${pair.ride_id} AND crew_id = ${captain.id}`;
      assert.equal(leg.seat, seat);
      const [sale] = await db.sql`
        SELECT seats, unit_price FROM inventory_sales
        WHERE flight_id = ${pair.ride_id} AND booking_ref = ${leg.booking_ref}`;
      assert.deepEqual([sale.seats, sale.unit_price], [[seat], 0]);
      const inv = await t.deps.registry.inventory(pair.ride_id);
      assert.deepEqual(inv.state.sales[leg.booking_ref].seats, [seat], "sold by the actor");

      // A second ride for the same member is refused, and no seat is kept for it.
      const again = await t.call("POST", "/api/admin/crew/auto-assign/accept", {
        assignments: [{ flightId: pair.work_id, crewId: captain.id, role: "captain" }],
        positioning: [{ flightId: pair.ride_id, crewId: captain.id }],
      });
      assert.equal(again.body.positioning[0].code, "already_assigned");
      const [{ n }] = await db.sql`
        SELECT count(*)::int AS n FROM inventory_sales WHERE flight_id = ${pair.ride_id}`;
      assert.equal(n, 1);
      // A ride on the flight the member works is refused after its seat was taken: the seat
      // goes back to sale.
      const onWork = await t.call("POST", "/api/admin/crew/auto-assign/accept", {
        assignments: [work],
        positioning: [{ flightId: pair.work_id, crewId: captain.id }],
      });
      assert.equal(onWork.body.positioning[0].code, "already_assigned");
      await t.settle();
      const [{ sold }] = await db.sql`
        SELECT coalesce(sum(seat_count), 0)::int AS sold FROM inventory_sales
        WHERE flight_id = ${pair.work_id}`;
      assert.equal(sold, 0);
      const work_inv = await t.deps.registry.inventory(pair.work_id);
      assert.ok(Object.values(work_inv.state.sales).every((x) => x.seats.length === 0));

      const { client } = await staffClient(t, db, "admin");
      const html = await client.html(`/admin/crew/timeline/${captain.id}?from=2030-03-01`);
      assert.match(html, /\(positioning\)/);
      assert.match(html, /\(Captain\)/);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);
