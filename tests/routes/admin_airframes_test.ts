import assert from "node:assert/strict";
import type { Database } from "../../db/postgres.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, PAX, signUp } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { PageClient, staffClient } from "../support/pages.ts";
import { seedTestSchedule } from "../support/seed.ts";

const NOW = "2030-02-20T00:00:00Z"; // 9 days before the seeded flights

/** A seeded A20N airframe on one of the A20N's flights, another A20N configuration, a B789 one. */
async function setup(db: Database) {
  await seedTestSchedule(db.sql, 1);
  const t = await testApp(db, NOW);
  const op = (await staffHeaders(t, db, "operator")).headers;
  const call = async (method: string, path: string, body?: unknown, headers = op) => {
    const res = await t.app.request(path, json(method, body, headers));
    return { status: res.status, body: await res.json() };
  };
  const base = "/api/admin/aircraft-types/A20N/configurations";
  const std = (await call("GET", `${base}/STD`)).body;
  const withRows = (rows: number) => ({
    cabins: std.layout.cabins.map((c: { code: string; firstRow: number }) =>
      c.code === "Y"
        ? { ...c, lastRow: c.firstRow + rows - 1, blockedSeats: [], missingSeats: [], exitRows: [] }
        : c
    ),
  });
  for (const [code, layout] of [["XL", std.layout], ["TINY", withRows(1)]]) {
    const made = await call("POST", base, { code, name: `Config ${code}`, layout });
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
  const b789 = (await call("GET", "/api/admin/aircraft-types/B789/configurations/STD")).body;
  const lr = await call("POST", "/api/admin/aircraft-types/B789/configurations", {
    code: "LR",
    name: "Long range",
    layout: b789.layout,
  });
  assert.equal(lr.status, 201);
  const [plane] = await db.sql`SELECT registration FROM aircraft
    WHERE type_code = 'A20N' AND active ORDER BY registration LIMIT 1`;
  const [flight] = await db.sql`SELECT id FROM flights WHERE aircraft_type = 'A20N'
    ORDER BY departure_at LIMIT 1`;
  const assigned = await call("POST", `/api/admin/flights/${flight.id}/aircraft`, {
    aircraftRegistration: plane.registration,
  });
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
  return {
    ...t,
    call,
    registration: plane.registration as string,
    flightId: flight.id as string,
  };
}

const state = async (db: Database, registration: string, flightId: string) => {
  const [plane] = await db.sql`SELECT config_code FROM aircraft
    WHERE registration = ${registration}`;
  const [flight] = await db.sql`SELECT aircraft_config, aircraft_registration FROM flights
    WHERE id = ${flightId}`;
  return [plane.config_code, flight.aircraft_config, flight.aircraft_registration];
};

testOnEachBackend(
  "airframe pages: staff see each airframe's configuration; a refit moves its flights still to depart, audited",
  async (db) => {
    const s = await setup(db);
    try {
      const guest = await new PageClient(s.app).get("/admin/aircraft");
      assert.equal(guest.status, 303);
      const { client: passenger } = await staffClient(s, db, "passenger");
      await passenger.html("/admin/aircraft", 403);
      await passenger.html(`/admin/aircraft/${s.registration}`, 403);

      const { client } = await staffClient(s, db, "operator");
      const list = await client.html("/admin/aircraft");
      const row = new RegExp(
        `<tr><th scope="row"><a href="/admin/aircraft/${s.registration}">[\\s\\S]*?</tr>`,
      ).exec(list)![0];
      assert.match(row, /configurations\/STD">STD<\/a>/);
      assert.match(row, /<td class="num">1<\/td>/, "one flight ahead");
      assert.match(list, /aria-current="page">Airframes</);
      assert.doesNotMatch(list, /aria-current="page">Aircraft</);

      const page = await client.html(`/admin/aircraft/${s.registration}`);
      // Only configurations of its own type are offered; the fitted one is selected.
      const options = [...page.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(options, ["STD", "TINY", "XL"]);
      assert.match(page, /<option value="STD" selected/);
      assert.match(page, /configuration STD<\/li>/);
      await client.html("/admin/aircraft/NOPE1", 404);

      // A passenger books on the airframe's flight, then the airframe is refitted to XL.
      const ada = (await signUp(s.app, "ada-refit@example.test")).headers;
      const booked = await s.app.request(
        "/api/bookings",
        json(
          "POST",
          { flightId: s.flightId, cabin: "Y", passengers: PAX, seats: ["20A", "20B"] },
          ada,
        ),
      );
      assert.equal(booked.status, 201, await booked.text());
      const done = await client.post(`/admin/aircraft/${s.registration}`, { configCode: "XL" });
      const html = await done.text();
      assert.equal(done.status, 200, html);
      assert.match(html, /Refitted with configuration XL/);
      assert.match(html, /1 flight\(s\) moved onto it/);
      assert.deepEqual(await state(db, s.registration, s.flightId), [
        "XL",
        "XL",
        s.registration,
      ]);
      const seats = await db
        .sql`SELECT seats FROM booking_segments WHERE flight_id = ${s.flightId}`;
      assert.deepEqual(seats[0].seats, ["20A", "20B"], "the same seats exist on XL");
      const audit = await db.sql`SELECT action, entity_id, details FROM audit_log
        WHERE action IN ('aircraft.refitted', 'flight.aircraft_changed') ORDER BY id`;
      const refit = audit.find((a) => a.action === "aircraft.refitted")!;
      assert.equal(refit.entity_id, s.registration);
      assert.deepEqual(
        [refit.details.before, refit.details.after, refit.details.flights],
        [{ configCode: "STD" }, { configCode: "XL" }, [s.flightId]],
      );
      assert.ok(audit.some((a) => a.action === "flight.aircraft_changed"));
      assert.match(
        await client.html(`/admin/aircraft/${s.registration}`),
        /<option value="XL" selected/,
      );
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "airframe refit: another type's configuration, an unknown one, or one too small for a flight's passengers is refused and changes nothing",
  async (db) => {
    const s = await setup(db);
    try {
      const api = `/api/admin/aircraft/${s.registration}/configuration`;
      const before = await state(db, s.registration, s.flightId);
      const other = await s.call("POST", api, { configCode: "LR" });
      assert.equal(other.status, 422);
      assert.equal(other.body.code, "unknown_configuration");
      assert.match(other.body.detail, /A20N has no configuration LR/);
      assert.equal((await s.call("POST", api, { configCode: "NOPE" })).status, 422);
      assert.equal((await s.call("POST", api, { configCode: "bad code!" })).status, 400);
      assert.equal(
        (await s.call("POST", "/api/admin/aircraft/NOPE1/configuration", { configCode: "XL" }))
          .status,
        404,
      );

      // Seven passengers in economy; TINY has one economy row of six seats.
      const party = ["Ames", "Bell", "Cole", "Dunn", "Egan", "Ford", "Gray"]
        .map((lastName) => ({ firstName: "Pat", lastName }));
      const ada = (await signUp(s.app, "ada-tiny@example.test")).headers;
      const held = await s.app.request(
        "/api/bookings",
        json("POST", { flightId: s.flightId, cabin: "Y", passengers: party }, ada),
      );
      assert.equal(held.status, 201, await held.text());
      const tiny = await s.call("POST", api, { configCode: "TINY" });
      assert.equal(tiny.status, 409, JSON.stringify(tiny.body));
      assert.equal(tiny.body.code, "refit_refused");
      assert.match(tiny.body.detail, /Y: 7 needed, 6 seats/);
      assert.deepEqual(await state(db, s.registration, s.flightId), before);
      const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM audit_log
        WHERE action = 'aircraft.refitted'`;
      assert.equal(n, 0);

      // Out of service, its flights could not name it: refused too.
      const off = await s.call("PUT", `/api/admin/aircraft/${s.registration}`, { active: false });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      const idleRefit = await s.call("POST", api, { configCode: "XL" });
      assert.equal(idleRefit.status, 409);
      assert.match(idleRefit.body.detail, /is not in service but still assigned to 1 flight/);
      assert.deepEqual(await state(db, s.registration, s.flightId), before);
      await s.call("PUT", `/api/admin/aircraft/${s.registration}`, { active: true });

      // The page says the same, with the form still there.
      const { client } = await staffClient(s, db, "operator");
      const page = await client.post(`/admin/aircraft/${s.registration}`, { configCode: "TINY" });
      assert.equal(page.status, 409);
      assert.match(await page.text(), /role="alert" class="form-error">Configuration TINY cannot/);

      // Passengers may not refit; an airframe without flights ahead refits at once.
      const pax = await s.call("POST", api, { configCode: "XL" }, ada);
      assert.equal(pax.status, 403);
      const [idle] = await db.sql`SELECT registration FROM aircraft
        WHERE type_code = 'A20N' AND registration <> ${s.registration} LIMIT 1`;
      const quick = await s.call("POST", `/api/admin/aircraft/${idle.registration}/configuration`, {
        configCode: "xl",
      });
      assert.equal(quick.status, 200, JSON.stringify(quick.body));
      assert.deepEqual(
        [quick.body.aircraft.configCode, quick.body.changed, quick.body.flights],
        ["XL", true, []],
      );
      const again = await s.call("POST", `/api/admin/aircraft/${idle.registration}/configuration`, {
        configCode: "XL",
      });
      assert.equal(again.body.changed, false);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
