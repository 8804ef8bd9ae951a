import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { crewFixture } from "../support/crew.ts";

testOnEachBackend(
  "admin crew: the roster is listed, filtered, created, read and edited by staff only",
  async (db) => {
    const t = await crewFixture(db);
    try {
      const all = await t.call("GET", "/api/admin/crew?limit=200");
      assert.equal(all.status, 200);
      const [{ n, jfk }] = await db.sql`
        SELECT count(*)::int AS n,
               (count(*) FILTER (WHERE role = 'captain' AND home_base = 'JFK'))::int AS jfk
        FROM crew_members`;
      assert.equal(all.body.total, n);
      assert.ok(n > 1000, `the demo roster is sized to the schedule, not ${n}`);
      const jfkCaptains = await t.call("GET", "/api/admin/crew?role=captain&base=jfk");
      assert.equal(jfkCaptains.body.total, jfk);
      assert.ok(jfk > 3);
      assert.ok(
        jfkCaptains.body.data.every((m: { role: string; homeBase: string }) =>
          m.role === "captain" && m.homeBase === "JFK"
        ),
      );
      const first = all.body.data[0];
      const byNumber = await t.call(
        "GET",
        `/api/admin/crew?q=${first.employeeNumber.toLowerCase()}`,
      );
      assert.deepEqual(byNumber.body.data.map((m: { id: string }) => m.id), [first.id]);
      const byName = await t.call("GET", `/api/admin/crew?q=${encodeURIComponent(first.name)}`);
      assert.ok(byName.body.data.some((m: { id: string }) => m.id === first.id));
      const page2 = await t.call("GET", "/api/admin/crew?limit=50&page=2");
      assert.equal(page2.body.data.length, 50);
      assert.notEqual(page2.body.data[0].id, all.body.data[0].id);

      const created = await t.call("POST", "/api/admin/crew", {
        employeeNumber: "ct-9001",
        name: "Rosa Parkes",
        role: "purser",
        homeBase: "lhr",
        typeRatings: ["a20n", "E195", "A20N"],
        userId: t.passenger.id,
      });
      assert.equal(created.status, 201);
      assert.deepEqual(
        [created.body.employeeNumber, created.body.homeBase, created.body.typeRatings],
        ["CT-9001", "LHR", ["A20N", "E195"]],
      );
      assert.equal(created.body.active, true);
      const dup = await t.call("POST", "/api/admin/crew", {
        employeeNumber: "CT-9001",
        name: "Someone Else",
        role: "captain",
        homeBase: "JFK",
        typeRatings: [],
      });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.code, "employee_number_taken");
      const badRefs = [
        [{ homeBase: "QQQ" }, "unknown_airport"],
        [{ typeRatings: ["A20N", "B747"] }, "unknown_aircraft_type"],
        [{ userId: crypto.randomUUID() }, "unknown_user"],
      ] as const;
      for (const [change, code] of badRefs) {
        const res = await t.call("POST", "/api/admin/crew", {
          employeeNumber: "CT-9002",
          name: "Nobody",
          role: "captain",
          homeBase: "JFK",
          typeRatings: ["A20N"],
          ...change,
        });
        assert.equal(res.status, 422, code);
        assert.equal(res.body.code, code);
        assert.equal(res.type, "application/problem+json");
      }

      const id = created.body.id;
      const edited = await t.call("PUT", `/api/admin/crew/${id}`, {
        active: false,
        homeBase: "CDG",
        userId: null,
      });
      assert.equal(edited.status, 200);
      assert.deepEqual([edited.body.active, edited.body.homeBase, edited.body.userId], [
        false,
        "CDG",
        null,
      ]);
      assert.equal(
        (await t.call("PUT", `/api/admin/crew/${id}`, { employeeNumber: first.employeeNumber }))
          .status,
        409,
      );
      assert.equal((await t.call("PUT", `/api/admin/crew/${id}`, {})).status, 400);
      assert.equal(
        (await t.call("PUT", `/api/admin/crew/${crypto.randomUUID()}`, { active: true })).status,
        404,
      );
      const read = await t.call("GET", `/api/admin/crew/${id}`);
      assert.equal(read.status, 200);
      assert.deepEqual([read.body.unavailability, read.body.upcoming], [[], []]);
      assert.equal((await t.call("GET", `/api/admin/crew/${crypto.randomUUID()}`)).status, 404);
      const audits = await db.sql`
        SELECT action FROM audit_log WHERE entity_type = 'crew_member' AND entity_id = ${id}
        ORDER BY id`;
      assert.deepEqual(audits.map((a) => a.action), ["crew.created", "crew.updated"]);

      // Passengers and guests are refused before anything happens.
      const asPassenger = await t.call("GET", "/api/admin/crew", undefined, t.passenger.headers);
      assert.equal(asPassenger.status, 403);
      const asGuest = await t.call("POST", "/api/admin/crew", { name: "x" }, {});
      assert.equal(asGuest.status, 401);
      for (
        const path of [
          "/api/admin/crew?role=pilot",
          "/api/admin/crew?limit=0",
          "/api/admin/crew/not-a-uuid",
        ]
      ) {
        const res = await t.call("GET", path);
        assert.equal(res.status, 400, path);
        assert.equal(res.type, "application/problem+json");
      }
      const missing = await t.call("POST", "/api/admin/crew", { name: "x", extra: 1 });
      assert.equal(missing.status, 400);
      assert.ok(missing.body.errors.some((e: { path: string }) => e.path === "employeeNumber"));
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "admin crew: unavailability is recorded, shows conflicting assignments, and is removed",
  async (db) => {
    const t = await crewFixture(db);
    try {
      const [flight] = await db.sql`
        SELECT id, departure_at, arrival_at FROM flights
        WHERE aircraft_type = 'E195' ORDER BY departure_at, id LIMIT 1`;
      const fo = await t.crewAt("first_officer", flight.id);
      const assigned = await t.call("POST", `/api/admin/flights/${flight.id}/crew`, {
        crewId: fo.id,
        role: "first_officer",
      });
      assert.equal(assigned.status, 201, JSON.stringify(assigned.body));

      const period = await t.call("POST", `/api/admin/crew/${fo.id}/unavailability`, {
        startsAt: new Date(flight.departure_at.getTime() - 3_600_000 * 24).toISOString(),
        endsAt: new Date(flight.departure_at.getTime() + 600_000).toISOString(),
        reason: "Simulator check",
      });
      assert.equal(period.status, 201);
      assert.deepEqual(period.body.conflicts.map((f: { flightId: string }) => f.flightId), [
        flight.id,
      ]);
      const read = await t.call("GET", `/api/admin/crew/${fo.id}`);
      assert.deepEqual(read.body.unavailability.map((p: { id: string }) => p.id), [
        period.body.id,
      ]);
      assert.deepEqual(read.body.upcoming.map((f: { flightId: string }) => f.flightId), [
        flight.id,
      ]);
      assert.equal(read.body.upcoming[0].role, "first_officer");
      // The flight's crew view now warns that the member is unavailable.
      const crew = await t.call("GET", `/api/admin/flights/${flight.id}/crew`);
      assert.deepEqual(crew.body.crew[0].warnings.map((v: { code: string }) => v.code), [
        "unavailable",
      ]);

      const backwards = await t.call("POST", `/api/admin/crew/${fo.id}/unavailability`, {
        startsAt: "2030-03-05T00:00:00Z",
        endsAt: "2030-03-04T00:00:00Z",
        reason: "Leave",
      });
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.errors[0].path, "endsAt");
      // A start that is not a date left nothing to compare: a 400 naming it, not a crash.
      const garbled = await t.call("POST", `/api/admin/crew/${fo.id}/unavailability`, {
        startsAt: "2030-00-10",
        endsAt: "2030-03-04T00:00:00Z",
        reason: "Leave",
      });
      assert.equal(garbled.status, 400);
      assert.deepEqual(garbled.body.errors.map((e: { path: string }) => e.path), ["startsAt"]);
      const nobody = await t.call(
        "POST",
        `/api/admin/crew/${crypto.randomUUID()}/unavailability`,
        { startsAt: "2030-03-04T00:00:00Z", endsAt: "2030-03-05T00:00:00Z", reason: "Leave" },
      );
      assert.equal(nobody.status, 404);

      const path = `/api/admin/crew/${fo.id}/unavailability/${period.body.id}`;
      const other = await t.crewMember("captain", "E195");
      assert.equal(
        (await t.call("DELETE", `/api/admin/crew/${other.id}/unavailability/${period.body.id}`))
          .status,
        404,
        "a period is removed only through its own member",
      );
      const removed = await t.call("DELETE", path);
      assert.equal(removed.status, 200);
      assert.equal(removed.body.deleted.id, period.body.id);
      assert.equal((await t.call("DELETE", path)).status, 404);
      const after = await t.call("GET", `/api/admin/flights/${flight.id}/crew`);
      assert.deepEqual(after.body.crew[0].warnings, []);
    } finally {
      await t.close();
    }
  },
  { seededDays: 3 },
);
