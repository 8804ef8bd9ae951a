import assert from "node:assert/strict";
import type { Database } from "../../db/postgres.ts";
import { staffHeaders } from "../support/staff.ts";
import { testOnEachBackend } from "../support/db.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { json } from "../support/http.ts";

const NOW = "2030-02-25T00:00:00Z";

async function signedIn(t: TestApp, db: Database, role: "passenger" | "operator" | "admin") {
  const { userId, headers } = await staffHeaders(t, db, role);
  return { id: userId, headers };
}

async function audit(db: Database, entityType: string, entityId: string) {
  return await db.sql`
    SELECT action, actor_user_id, details FROM audit_log
    WHERE entity_type = ${entityType} AND entity_id = ${entityId} ORDER BY id`;
}

/** A small valid layout: business rows 1-2, economy rows 5-20 without 13. */
function layout(extra: Record<string, unknown> = {}) {
  return {
    cabins: [
      { code: "J", name: "Business", firstRow: 1, lastRow: 2, seatsAcross: "AC|DF" },
      {
        code: "Y",
        name: "Economy",
        firstRow: 5,
        lastRow: 20,
        seatsAcross: "ABC|DEF",
        skipRows: [13],
        exitRows: [12],
        blockedSeats: ["20C"],
        missingSeats: ["20A"],
        ...extra,
      },
    ],
  };
}

testOnEachBackend(
  "admin airports: search, add with an IANA zone, edit, and refuse a new zone once flights use the airport",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const op = await signedIn(t, db, "operator");
      const get = async (query: string) => {
        const res = await t.app.request(`/api/admin/airports?${query}`, { headers: op.headers });
        assert.equal(res.status, 200, query);
        return await res.json();
      };
      const cdg = await get("q=cdg");
      assert.equal(cdg.data[0].iata, "CDG", "the exact code comes first");
      assert.equal(cdg.data[0].tz, "Europe/Paris");
      const paris = await get("q=paris&limit=2&page=1");
      assert.ok(paris.total >= 2);
      assert.equal(paris.data.length, 2);
      assert.equal((await get("q=%25")).total, 0, "% is taken literally");

      const body = {
        iata: "qqz",
        name: "Zed Valley",
        city: "Zed",
        country: "Nowhere",
        latitude: 45.5,
        longitude: 6.25,
        tz: "europe/paris",
      };
      const created = await t.app.request("/api/admin/airports", json("POST", body, op.headers));
      assert.equal(created.status, 201);
      const qqz = await created.json();
      assert.equal(qqz.iata, "QQZ");
      assert.equal(qqz.tz, "Europe/Paris", "the zone is stored in its canonical case");
      assert.equal(qqz.icao, null);
      const dup = await t.app.request("/api/admin/airports", json("POST", body, op.headers));
      assert.equal(dup.status, 409);
      assert.equal((await dup.json()).code, "airport_exists");
      for (const tz of ["Mars/Olympus_Mons", "+05:00", ""]) {
        const res = await t.app.request(
          "/api/admin/airports",
          json("POST", { ...body, iata: "QQY", tz }, op.headers),
        );
        assert.equal(res.status, 400, tz);
        assert.equal((await res.json()).errors[0].path, "tz");
      }

      const put = (iata: string, patch: unknown) =>
        t.app.request(`/api/admin/airports/${iata}`, json("PUT", patch, op.headers));
      const moved = await put("QQZ", { tz: "Europe/Zurich", icao: "lqqz" });
      assert.equal(moved.status, 200, "no flight uses QQZ yet");
      assert.deepEqual((await moved.json()).airport.icao, "LQQZ");
      const same = await put("QQZ", { tz: "Europe/Zurich" });
      assert.equal((await same.json()).changed, false);
      const entries = await audit(db, "airport", "QQZ");
      assert.deepEqual(entries.map((e) => e.action), ["airport.created", "airport.updated"]);
      assert.deepEqual(entries[1].details, {
        before: { icao: null, tz: "Europe/Paris" },
        after: { icao: "LQQZ", tz: "Europe/Zurich" },
      });
      assert.equal(entries[1].actor_user_id, op.id);

      const [{ origin }] = await db.sql`SELECT origin FROM flights ORDER BY departure_at LIMIT 1`;
      const refused = await put(origin, { tz: "Antarctica/Troll" });
      assert.equal(refused.status, 409);
      assert.equal((await refused.json()).code, "airport_has_flights");
      const renamed = await put(origin, { name: "Renamed International" });
      assert.equal(renamed.status, 200, "everything but the zone may change");
      assert.equal((await renamed.json()).airport.name, "Renamed International");

      // An airport's own minimum connection time: set, bounded, cleared back to the default.
      assert.equal(qqz.minConnectionMinutes, null);
      const mct = await put(origin, { minConnectionMinutes: 90 });
      assert.equal(mct.status, 200);
      assert.equal((await mct.json()).airport.minConnectionMinutes, 90);
      const [row] = await db
        .sql`SELECT min_connection_minutes FROM airports WHERE iata = ${origin}`;
      assert.equal(row.min_connection_minutes, 90);
      for (const bad of [10, 241, 60.5, "90"]) {
        const res = await put(origin, { minConnectionMinutes: bad });
        assert.equal(res.status, 400, String(bad));
        assert.equal((await res.json()).errors[0].path, "minConnectionMinutes");
      }
      const cleared = await put(origin, { minConnectionMinutes: null });
      assert.equal((await cleared.json()).airport.minConnectionMinutes, null);

      assert.equal((await put("QQQ", { name: "x" })).status, 404);
      assert.equal((await put("QQZ", { iata: "QQX" })).status, 400, "the code cannot change");
      assert.equal((await put("QQZ", { latitude: 91 })).status, 400);
      assert.equal((await put("Z1", { name: "x" })).status, 400);
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "admin aircraft types: a layout is data with a computed seat count, checked seats, and frozen while upcoming flights use it",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const op = await signedIn(t, db, "operator");
      const list = await (await t.app.request("/api/admin/aircraft-types", { headers: op.headers }))
        .json();
      assert.deepEqual(list.data.map((x: { code: string }) => x.code), [
        "A20N",
        "B77W",
        "B789",
        "E195",
      ]);
      const a20n = list.data.find((x: { code: string }) => x.code === "A20N");
      assert.equal(a20n.seatCount, 168);
      assert.ok(a20n.activeAircraft > 0);

      const create = (body: unknown) =>
        t.app.request("/api/admin/aircraft-types", json("POST", body, op.headers));
      const body = {
        code: "a21n",
        name: "Airbus A321neo",
        manufacturer: "Airbus",
        cruiseKmh: 830,
        rangeKm: 7400,
        layout: layout(),
      };
      const created = await create(body);
      assert.equal(created.status, 201);
      // J 2 rows x 4; Y rows 5-20 without 13 = 15 x 6 - 1 missing.
      assert.equal((await created.json()).seatCount, 8 + 89);
      assert.equal((await create(body)).status, 409);

      const bad = await create({
        ...body,
        code: "A22N",
        layout: layout({ blockedSeats: ["13B", "21A"] }),
      });
      assert.equal(bad.status, 400);
      assert.deepEqual((await bad.json()).errors.map((e: { path: string }) => e.path), [
        "layout.cabins.1.blockedSeats.0",
        "layout.cabins.1.blockedSeats.1",
      ]);
      assert.equal((await create({ ...body, code: "A22N", layout: { cabins: [] } })).status, 400);
      assert.equal((await create({ ...body, code: "a b" })).status, 400);

      const view = await t.app.request("/api/admin/aircraft-types/A21N", { headers: op.headers });
      const shown = await view.json();
      assert.equal(shown.upcomingFlights, 0);
      assert.equal(shown.layoutEditable, true);
      assert.deepEqual(shown.summary.cabins.map((c: { seats: number }) => c.seats), [8, 89]);
      assert.deepEqual(shown.summary.exitRows, [12]);
      assert.equal(shown.summary.exitRowSeats, 6);
      assert.deepEqual(shown.summary.blockedSeats, ["20C"]);
      assert.equal(shown.summary.cabins[1].sellable, 88);

      const put = (code: string, patch: unknown) =>
        t.app.request(`/api/admin/aircraft-types/${code}`, json("PUT", patch, op.headers));
      const relaid = await put("A21N", { layout: layout({ lastRow: 25, missingSeats: [] }) });
      assert.equal(relaid.status, 200, "no flight uses A21N");
      assert.equal((await relaid.json()).aircraftType.seatCount, 8 + 20 * 6);

      const current =
        await (await t.app.request("/api/admin/aircraft-types/A20N", { headers: op.headers }))
          .json();
      assert.ok(current.upcomingFlights > 0);
      assert.equal(current.layoutEditable, false);
      const frozen = await put("A20N", { layout: layout() });
      assert.equal(frozen.status, 409);
      const problem = await frozen.json();
      assert.equal(problem.code, "layout_in_use");
      assert.match(problem.detail, /new configuration of A20N/);
      const unchanged = await put("A20N", {
        layout: current.layout,
        name: "Airbus A320neo (2024)",
      });
      assert.equal(unchanged.status, 200, "the same layout back is no layout change");
      assert.equal((await unchanged.json()).aircraftType.seatCount, 168);
      const flightName = await db.sql`
      SELECT t.name FROM flights f JOIN aircraft_types t ON t.code = f.aircraft_type
      WHERE f.aircraft_type = 'A20N' LIMIT 1`;
      assert.equal(flightName[0].name, "Airbus A320neo (2024)");

      // Once its flights no longer need their seat maps, the layout may change.
      await db.sql`UPDATE flights SET status = 'cancelled' WHERE aircraft_type = 'E195'`;
      assert.equal((await put("E195", { layout: layout() })).status, 200);

      const entries = await audit(db, "aircraft_type", "A21N");
      assert.deepEqual(entries.map((e) => e.action), [
        "aircraft_type.created",
        "aircraft_type.updated",
      ]);
      assert.deepEqual(Object.keys(entries[1].details.after).sort(), ["layout", "seatCount"]);
      assert.equal(
        (await audit(db, "aircraft_type", "A20N")).length,
        1,
        "the refused change left none",
      );

      assert.equal((await put("ZZZZ", { name: "x" })).status, 404);
      assert.equal((await put("A21N", { seatCount: 3 })).status, 400, "the seat count is computed");
      assert.equal((await put("A21N", { cruiseKmh: -1 })).status, 400);
      const missing = await t.app.request("/api/admin/aircraft-types/NOPE", {
        headers: op.headers,
      });
      assert.equal(missing.status, 404);
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "admin aircraft: airframes are listed, added and edited; an airframe on upcoming flights keeps its type",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const admin = await signedIn(t, db, "admin");
      const list = async (query = "") =>
        (await (await t.app.request(`/api/admin/aircraft?${query}`, { headers: admin.headers }))
          .json())
          .data as { registration: string; typeCode: string; active: boolean }[];
      const a20n = await list("type=a20n");
      assert.ok(a20n.length > 1 && a20n.every((a) => a.typeCode === "A20N"));
      assert.deepEqual(await list("active=false"), []);

      const add = (body: unknown) =>
        t.app.request("/api/admin/aircraft", json("POST", body, admin.headers));
      const created = await add({ registration: "n999ct", typeCode: "A20N", name: "Spirit" });
      assert.equal(created.status, 201);
      assert.deepEqual(
        { ...(await created.json()), createdAt: undefined },
        {
          registration: "N999CT",
          typeCode: "A20N",
          configCode: "STD",
          name: "Spirit",
          active: true,
          createdAt: undefined,
        },
      );
      assert.equal((await add({ registration: "N999CT", typeCode: "A20N" })).status, 409);
      const unknown = await add({ registration: "N998CT", typeCode: "X999" });
      assert.equal(unknown.status, 422);
      assert.equal((await unknown.json()).code, "unknown_aircraft_type");
      assert.equal((await add({ registration: "no way", typeCode: "A20N" })).status, 400);

      const put = (reg: string, patch: unknown) =>
        t.app.request(`/api/admin/aircraft/${reg}`, json("PUT", patch, admin.headers));
      const retired = await put("N999CT", { active: false, name: null });
      assert.equal(retired.status, 200);
      assert.deepEqual((await retired.json()).aircraft.name, null);
      assert.deepEqual((await list("active=false")).map((a) => a.registration), ["N999CT"]);
      assert.equal((await put("N999CT", { typeCode: "B789" })).status, 200, "no flights assigned");

      const assigned = a20n[0].registration;
      await db.sql`
      UPDATE flights SET aircraft_registration = ${assigned}
      WHERE id = (SELECT id FROM flights WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1)`;
      const refused = await put(assigned, { typeCode: "B789" });
      assert.equal(refused.status, 409);
      assert.equal((await refused.json()).code, "aircraft_assigned");
      assert.equal((await put(assigned, { name: "Still flying" })).status, 200);
      assert.equal((await put(assigned, { typeCode: "NOPE" })).status, 422);
      assert.equal((await put("ZZ-NONE", { active: false })).status, 404);
      assert.equal((await put(assigned, { active: "no" })).status, 400);

      const entries = await audit(db, "aircraft", "N999CT");
      assert.deepEqual(entries.map((e) => e.action), [
        "aircraft.created",
        "aircraft.updated",
        "aircraft.updated",
      ]);
      assert.deepEqual(entries[1].details, {
        before: { name: "Spirit", active: true },
        after: { name: null, active: false },
      });
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "admin fleet: operators and admins may call, passengers get 403 and guests 401",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, NOW);
    try {
      const who = {
        operator: (await signedIn(t, db, "operator")).headers,
        admin: (await signedIn(t, db, "admin")).headers,
        passenger: (await signedIn(t, db, "passenger")).headers,
        guest: {},
      };
      const expected = { operator: 200, admin: 200, passenger: 403, guest: 401 };
      for (
        const path of [
          "/api/admin/airports",
          "/api/admin/aircraft-types",
          "/api/admin/aircraft-types/A20N",
          "/api/admin/aircraft",
        ]
      ) {
        for (const [role, headers] of Object.entries(who)) {
          const res = await t.app.request(path, { headers });
          assert.equal(res.status, expected[role as keyof typeof expected], `${role} ${path}`);
          await res.body?.cancel();
        }
      }
      const res = await t.app.request(
        "/api/admin/aircraft",
        json("POST", { registration: "N1PAX", typeCode: "A20N" }, who.passenger),
      );
      assert.equal(res.status, 403);
      const [{ n }] = await db
        .sql`SELECT count(*)::int AS n FROM aircraft WHERE registration = 'N1PAX'`;
      assert.equal(n, 0);
    } finally {
      await t.close();
    }
  },
);
