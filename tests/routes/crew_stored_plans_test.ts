/**
 * Stored crew plans: the background refresher computes a day's proposal once and stores it
 * with the change counter it read; the page and GET /api/admin/crew/plan read it, and any
 * change to crew, assignments or flights (not a check-in) makes it stale until recomputed.
 */
import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { crewFixture } from "../support/crew.ts";
import { claimPlanDate, currentPlanBasis } from "../../db/crew_plans_repo.ts";
import { refreshCrewPlans, storedCrewPlan } from "../../services/crew/stored_plans.ts";
import { runPairingPlanner } from "../../services/crew/crew_plan_thread.ts";
import { planPairings } from "../../domain/crew/pairing_planner.ts";

const DAY = "2030-03-01";

testOnEachBackend(
  "stored crew plans: computed in the background, read by the API, stale after a change",
  async (db) => {
    const t = await crewFixture(db);
    try {
      const planner = { sql: db.sql, clock: t.clock, log: t.deps.log };
      let kicked = 0;
      t.deps.crewPlans = { kick: () => kicked++ };

      const first = await t.call("GET", `/api/admin/crew/plan?date=${DAY}&flights=0`);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.deepEqual(first.body, { date: DAY, state: "computing", proposed: 0, unfilled: 0 });
      assert.equal(kicked, 1, "asking for a missing plan wakes the refresher");

      // A date asked for outside the horizon is computed first.
      const later = "2030-03-20";
      await t.call("GET", `/api/admin/crew/plan?date=${later}&flights=0`);
      const pass = await refreshCrewPlans(planner, { limit: 2 });
      assert.deepEqual(pass.computed.map((d) => d.date), [DAY, later]);
      assert.deepEqual(pass.failed, []);

      const stored = await t.call("GET", `/api/admin/crew/plan?date=${DAY}`);
      assert.equal(stored.body.state, "fresh");
      assert.equal(stored.body.computedAt, "2030-02-25T00:00:00.000Z");
      assert.ok(stored.body.proposed > 50, `${stored.body.proposed} proposed`);
      // The same plan the synchronous API computes from the same state.
      const direct = await t.call("POST", "/api/admin/crew/auto-assign", { from: DAY, to: DAY });
      assert.deepEqual(stored.body.flights, direct.body.flights);
      assert.deepEqual(stored.body.positioning, direct.body.positioning);
      assert.equal(kicked, 2, "a fresh plan asks for nothing");

      // A check-in touches flights but not what a plan is computed from.
      const before = await currentPlanBasis(db.sql);
      await db.sql`UPDATE flights SET checkin_counter = checkin_counter + 1
        WHERE departure_date = ${DAY}`;
      assert.equal(await currentPlanBasis(db.sql), before);
      assert.equal((await t.call("GET", `/api/admin/crew/plan?date=${DAY}`)).body.state, "fresh");

      // An assignment does.
      const [f] = stored.body.flights;
      const p = f.proposals[0];
      const assigned = await t.call("POST", "/api/admin/crew/auto-assign/accept", {
        assignments: [{ flightId: f.flightId, crewId: p.crewId, role: p.role }],
      });
      assert.equal(assigned.body.assigned, 1, JSON.stringify(assigned.body));
      assert.ok(await currentPlanBasis(db.sql) > before);
      const stale = await t.call("GET", `/api/admin/crew/plan?date=${DAY}&flights=0`);
      assert.equal(stale.body.state, "stale");
      assert.equal(stale.body.computedAt, "2030-02-25T00:00:00.000Z");
      assert.equal(kicked, 3);

      // Recomputed on the next pass; the assigned seat is no longer proposed.
      t.clock.advance(60_000);
      assert.ok((await refreshCrewPlans(planner)).computed.some((d) => d.date === DAY));
      const again = await t.call("GET", `/api/admin/crew/plan?date=${DAY}`);
      assert.equal(again.body.state, "fresh");
      assert.equal(again.body.computedAt, "2030-02-25T00:01:00.000Z");
      const still = again.body.flights.find((x: { flightId: string }) => x.flightId === f.flightId);
      assert.ok(
        !still?.proposals.some((x: { crewId: string }) => x.crewId === p.crewId),
        "the assigned member is not proposed again for that flight",
      );

      // Nothing changed: a pass computes nothing; a plan past its age is redone.
      assert.deepEqual((await refreshCrewPlans(planner)).computed, []);
      t.clock.advance(16 * 60_000);
      assert.equal((await storedCrewPlan(planner, DAY)).state, "stale");
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "stored crew plans: a claimed date waits for its planner; a lapsed claim is taken over",
  async (db) => {
    const t = await crewFixture(db);
    try {
      t.clock.set(new Date("2030-03-01T00:00:00Z"));
      const planner = { sql: db.sql, clock: t.clock, log: t.deps.log };
      const now = t.clock.now();
      // Another refresher took the day and (say) was killed while planning it.
      assert.ok(await claimPlanDate(db.sql, DAY, now, new Date(now.getTime() + 300_000)));
      assert.equal(await claimPlanDate(db.sql, DAY, now, new Date(now.getTime() + 300_000)), false);
      const pass = await refreshCrewPlans(planner, { limit: 3 });
      assert.deepEqual(pass.computed.map((d) => d.date), ["2030-03-02", "2030-03-03"]);
      t.clock.advance(301_000);
      assert.deepEqual((await refreshCrewPlans(planner)).computed.map((d) => d.date), [DAY]);
      const [row] = await db.sql`
        SELECT claimed_until, requested_at FROM crew_plans WHERE plan_date = ${DAY}`;
      assert.deepEqual(row, { claimed_until: null, requested_at: null });
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "stored crew plans: bad and out-of-range dates are refused; passengers may not ask",
  async (db) => {
    const t = await crewFixture(db);
    try {
      const bad = await t.call("GET", "/api/admin/crew/plan?date=soon");
      assert.equal(bad.status, 400);
      assert.match(bad.type, /problem\+json/);
      const far = await t.call("GET", "/api/admin/crew/plan?date=2031-01-01");
      assert.equal(far.status, 422);
      assert.equal(far.body.code, "plan_date_out_of_range");
      const past = await t.call("GET", "/api/admin/crew/plan?date=2030-02-20");
      assert.equal(past.status, 422);
      const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM crew_plans`;
      assert.equal(n, 0, "a refused request stores nothing");
      const who = await t.call(
        "GET",
        `/api/admin/crew/plan?date=${DAY}`,
        undefined,
        t.passenger.headers,
      );
      assert.equal(who.status, 403);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

Deno.test("crew planner thread: the same plan as the planner run inline", async () => {
  const at = (h: number) => Date.parse("2030-03-01T00:00:00Z") + h * 3_600_000;
  const flight = (id: string, origin: string, destination: string, dep: number) => ({
    id,
    origin,
    destination,
    originTz: "UTC",
    departureAt: at(dep),
    arrivalAt: at(dep + 1.5),
    aircraftType: "A20N",
  });
  const flights = [flight("a", "JFK", "BOS", 8), flight("b", "BOS", "JFK", 11)];
  const input = {
    flights: flights.map((f) => ({ flight: f, seats: 150, crew: [] })),
    network: flights,
    freeSeats: new Map([["a", 3], ["b", 3]]),
    members: ["c1", "c2", "f1", "f2", "f3", "f4", "f5"].map((id) => ({
      id,
      role: id.startsWith("c") ? "captain" as const : "flight_attendant" as const,
      homeBase: "JFK",
      typeRatings: ["A20N"],
      active: true,
      unavailability: [],
    })),
    assignments: new Map(),
  };
  const threaded = await runPairingPlanner(input);
  assert.deepEqual(threaded, planPairings(input));
  assert.ok(threaded.pairings.length > 0);
});
