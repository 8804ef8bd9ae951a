import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { crewFixture, overlappingFlights, sameOriginOverlap } from "../support/crew.ts";

testOnEachBackend(
  "flight crew: an illegal assignment is refused listing every broken rule, then overridden with a reason and audited",
  async (db) => {
    const t = await crewFixture(db);
    try {
      // A narrow-body first officer already flying while a 777 departs elsewhere on a sector
      // longer than even four pilots may fly from an evening report (Table C: 17 h). The demo
      // times its 16 h 30 min sectors in the afternoon, so one is moved to the evening here.
      await db.sql`
        UPDATE flights SET departure_local = departure_local + interval '6 hours',
          arrival_local = arrival_local + interval '6 hours',
          departure_at = departure_at + interval '6 hours',
          arrival_at = arrival_at + interval '6 hours'
        WHERE id = (SELECT id FROM flights WHERE aircraft_type = 'B77W'
          AND departure_date = '2030-03-01' AND arrival_at - departure_at >= interval '16.4 hours'
          ORDER BY departure_at, id LIMIT 1)`;
      const { longId, shortId } = await overlappingFlights(db, "B77W", "E195", {
        minHours: 16.4,
        reportFromHour: 17,
      });
      const fo = await t.crewAt("first_officer", shortId);
      const first = await t.call("POST", `/api/admin/flights/${shortId}/crew`, {
        crewId: fo.id,
        role: "first_officer",
      });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.deepEqual(first.body.overridden, []);
      const [long] = await db.sql`SELECT departure_at FROM flights WHERE id = ${longId}`;
      await t.call("POST", `/api/admin/crew/${fo.id}/unavailability`, {
        startsAt: long.departure_at.toISOString(),
        endsAt: new Date(long.departure_at.getTime() + 3_600_000).toISOString(),
        reason: "Medical",
      });
      await t.call("PUT", `/api/admin/crew/${fo.id}`, { active: false });

      const ask = { crewId: fo.id, role: "captain" };
      const refused = await t.call("POST", `/api/admin/flights/${longId}/crew`, ask);
      assert.equal(refused.status, 422);
      assert.equal(refused.type, "application/problem+json");
      assert.equal(refused.body.code, "crew_assignment_illegal");
      const codes = refused.body.violations.map((v: { code: string }) => v.code);
      // Away from base at report, and it would strand the short flight from base after it.
      assert.deepEqual(codes, [
        "inactive",
        "role",
        "type_rating",
        "unavailable",
        "overlap",
        "position",
        "position",
        "fdp",
      ]);
      assert.equal(
        refused.body.violations.find((v: { code: string }) => v.code === "overlap").flightId,
        shortId,
      );
      const [{ n: none }] = await db.sql`
        SELECT count(*)::int AS n FROM crew_assignments WHERE flight_id = ${longId}`;
      assert.equal(none, 0);

      const short = await t.call("POST", `/api/admin/flights/${longId}/crew`, {
        ...ask,
        override: { reason: "too short" },
      });
      assert.equal(short.status, 400, "an override needs at least 10 characters");

      const reason = "Only rated captain available; approved by duty manager";
      const overridden = await t.call("POST", `/api/admin/flights/${longId}/crew`, {
        ...ask,
        override: { reason },
      });
      assert.equal(overridden.status, 201);
      assert.deepEqual(overridden.body.overridden.map((v: { code: string }) => v.code), codes);
      const [row] = await db.sql`
        SELECT override_reason, assigned_by FROM crew_assignments
        WHERE flight_id = ${longId} AND crew_id = ${fo.id}`;
      assert.equal(row.override_reason, reason);
      assert.equal(row.assigned_by, t.operator.id);
      const [audit] = await db.sql`
        SELECT actor_user_id, details, request_id FROM audit_log
        WHERE action = 'crew.assignment_overridden' AND entity_id = ${longId}`;
      assert.equal(audit.actor_user_id, t.operator.id);
      assert.equal(audit.details.reason, reason);
      assert.equal(audit.details.crewId, fo.id);
      assert.deepEqual(audit.details.violations.map((v: { code: string }) => v.code), codes);
      assert.ok(audit.request_id);

      const view = await t.call("GET", `/api/admin/flights/${longId}/crew`);
      assert.equal(view.status, 200);
      assert.deepEqual(view.body.crew.map((c: { crewId: string }) => c.crewId), [fo.id]);
      assert.equal(view.body.crew[0].overrideReason, reason);
      assert.deepEqual(view.body.crew[0].warnings.map((v: { code: string }) => v.code), codes);
      // Over 13 h: an augmented crew of four pilots (two captains) and two more cabin crew.
      assert.deepEqual(view.body.complement, { captains: 2, pilots: 4, cabin: 10 });
      // Counted as what it was assigned as: a captain; still short of three pilots and the cabin.
      assert.deepEqual(view.body.short.positions, [
        "captain",
        "first_officer",
        "first_officer",
        ...Array(10).fill("flight_attendant"),
      ]);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "flight crew: duplicates and closed flights are refused, the member is told, removal is audited",
  async (db) => {
    const t = await crewFixture(db);
    try {
      const [flight, cancelled] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'A20N' AND departure_date = '2030-03-02'
        ORDER BY departure_at, id LIMIT 2`;
      const captain = await t.crewAt("captain", flight.id);
      await t.call("PUT", `/api/admin/crew/${captain.id}`, { userId: t.passenger.id });
      const path = `/api/admin/flights/${flight.id}/crew`;
      const ok = await t.call("POST", path, { crewId: captain.id, role: "captain" });
      assert.equal(ok.status, 201);
      await t.settle();
      const [note] = await db.sql`
        SELECT kind, title, data FROM notifications WHERE user_id = ${t.passenger.id}`;
      assert.equal(note.kind, "crew_assignment");
      assert.equal(note.data.flightId, flight.id);
      assert.match(note.title, /New assignment/);

      const again = await t.call("POST", path, { crewId: captain.id, role: "first_officer" });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, "already_assigned");
      await db.sql`UPDATE flights SET status = 'cancelled' WHERE id = ${cancelled.id}`;
      const closed = await t.call("POST", `/api/admin/flights/${cancelled.id}/crew`, {
        crewId: (await t.crewAt("first_officer", cancelled.id)).id,
        role: "first_officer",
      });
      assert.equal(closed.status, 409);
      assert.equal(closed.body.code, "flight_closed");
      for (
        const [body, status] of [
          [{ crewId: crypto.randomUUID(), role: "captain" }, 404],
          [{ crewId: captain.id, role: "pilot" }, 400],
          [{ crewId: "nope", role: "captain" }, 400],
        ] as const
      ) {
        const res = await t.call("POST", path, body);
        assert.equal(res.status, status, JSON.stringify(body));
        assert.equal(res.type, "application/problem+json");
      }
      assert.equal(
        (await t.call("POST", `/api/admin/flights/${crypto.randomUUID()}/crew`, {
          crewId: captain.id,
          role: "captain",
        })).status,
        404,
      );
      assert.equal(
        (await t.call("GET", `/api/admin/flights/${crypto.randomUUID()}/crew`)).status,
        404,
      );
      const asPassenger = await t.call(
        "POST",
        path,
        { crewId: captain.id, role: "captain" },
        t.passenger.headers,
      );
      assert.equal(asPassenger.status, 403);
      assert.equal((await t.call("GET", path, undefined, {})).status, 401);

      const removed = await t.call("DELETE", `${path}/${captain.id}`);
      assert.equal(removed.status, 200);
      assert.equal(removed.body.role, "captain");
      assert.equal((await t.call("DELETE", `${path}/${captain.id}`)).status, 404);
      const [audit] = await db.sql`
        SELECT actor_user_id, details FROM audit_log
        WHERE action = 'crew.unassigned' AND entity_id = ${flight.id}`;
      assert.equal(audit.actor_user_id, t.operator.id);
      assert.equal(audit.details.crewId, captain.id);
      const view = await t.call("GET", path);
      assert.deepEqual(view.body.crew, []);
      assert.equal(view.body.short.captains, 1);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "flight crew: two operators assigning one member to overlapping flights at once: one wins",
  async (db, backend) => {
    const t = await crewFixture(db);
    try {
      // Both leave from the member's base, so either alone is legal.
      const { firstId: longId, secondId: shortId } = await sameOriginOverlap(db);
      const fo = await t.crewAt("first_officer", longId);
      const assign = () =>
        Promise.all(
          [longId, shortId].map((id) =>
            t.call("POST", `/api/admin/flights/${id}/crew`, {
              crewId: fo.id,
              role: "first_officer",
            })
          ),
        );
      let results;
      if (backend === "postgres") {
        // Hold back every insert into crew_assignments until both requests are inside their
        // transactions: without the member lock both would check an empty roster and insert.
        let release = () => {};
        const released = new Promise<void>((r) => release = r);
        let holding = () => {};
        const held = new Promise<void>((r) => holding = r);
        const holder = db.sql.begin(async (tx) => {
          await tx`LOCK TABLE crew_assignments IN SHARE MODE`;
          holding();
          await released;
        });
        await held;
        const racing = assign();
        for (let i = 0;; i++) {
          const [{ n }] = await db.sql`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`;
          if (n >= 2) break;
          assert.ok(i < 400, "both requests should be waiting on a lock");
          await new Promise((r) => setTimeout(r, 25));
        }
        release();
        await holder;
        results = await racing;
      } else {
        // One embedded connection runs transactions one after the other.
        results = await assign();
      }
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 422]);
      const loser = results.find((r) => r.status === 422)!;
      assert.ok(loser.body.violations.some((v: { code: string }) => v.code === "overlap"));
      const [{ n }] = await db.sql`
        SELECT count(*)::int AS n FROM crew_assignments WHERE crew_id = ${fo.id}`;
      assert.equal(n, 1);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);
