import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { notifyFixture } from "../support/notify.ts";
import { staffHeaders } from "../support/staff.ts";
import { json } from "../support/http.ts";
import { getInventory } from "../../db/inventory_kv.ts";

const NEW_FLIGHT = {
  flightNumber: "9001",
  origin: "LHR",
  destination: "CDG",
  departureLocal: "2030-03-10T09:00",
  arrivalLocal: "2030-03-10T11:20",
  aircraftType: "A20N",
  baseFares: { J: 45_000, Y: 12_000 },
};

async function problem(res: Response, status: number, code?: string) {
  const body = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  if (code) assert.equal(body.code, code);
  return body;
}

testOnEachBackend(
  "admin flights: create in local times, list, read; duplicates, bad input and roles refused",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const res = await s.app.request("/api/admin/flights", json("POST", NEW_FLIGHT, op));
      const created = await res.json();
      assert.equal(res.status, 201, JSON.stringify(created));
      assert.equal(res.headers.get("location"), `/api/admin/flights/${created.id}`);
      // London is on GMT and Paris on CET in early March: one hour apart.
      assert.equal(created.departureAt, "2030-03-10T09:00:00.000Z");
      assert.equal(created.arrivalAt, "2030-03-10T10:20:00.000Z");
      assert.equal(created.carrier, "CT");
      assert.equal(created.capacity > 100, true);
      assert.equal(created.sold, 0);

      const list = await (await s.app.request(
        "/api/admin/flights?from=2030-03-10&to=2030-03-10&origin=lhr&number=9001",
        { headers: op },
      )).json();
      assert.deepEqual(list.data.map((f: { id: string }) => f.id), [created.id]);
      assert.equal(list.total, 1);
      const one = await (await s.app.request(`/api/admin/flights/${created.id}`, { headers: op }))
        .json();
      assert.deepEqual(one.statusHistory, []);
      const gate = await s.app.request(
        `/api/admin/flights/${created.id}/status`,
        json("POST", { type: "gate_changed", gate: "B12" }, op),
      );
      assert.equal(gate.status, 200, await gate.clone().text());
      const after = await (await s.app.request(`/api/admin/flights/${created.id}`, { headers: op }))
        .json();
      assert.equal(after.statusHistory.length, 1);
      assert.equal(after.statusHistory[0].kind, "gate_changed");
      assert.equal(after.statusHistory[0].gate, "B12");

      await problem(
        await s.app.request("/api/admin/flights", json("POST", NEW_FLIGHT, op)),
        409,
        "flight_exists",
      );
      const bad = await problem(
        await s.app.request(
          "/api/admin/flights",
          json("POST", {
            ...NEW_FLIGHT,
            flightNumber: "9002",
            destination: "ZZZ",
            arrivalLocal: "2030-03-10T08:00",
            baseFares: { Y: 12_000, F: 1 },
          }, op),
        ),
        422,
        "invalid_flight",
      );
      const paths = bad.errors.map((e: { path: string }) => e.path).sort();
      assert.deepEqual(paths, ["baseFares.F", "baseFares.J", "destination"]);
      const backwards = await problem(
        await s.app.request(
          "/api/admin/flights",
          json(
            "POST",
            { ...NEW_FLIGHT, flightNumber: "9003", arrivalLocal: "2030-03-10T09:30" },
            op,
          ),
        ),
        422,
      );
      assert.equal(backwards.errors[0].path, "arrivalLocal");
      await problem(
        await s.app.request("/api/admin/flights", json("POST", { ...NEW_FLIGHT, origin: 7 }, op)),
        400,
        "invalid_input",
      );
      await problem(
        await s.app.request("/api/admin/flights?from=2030-03-10&to=2030-01-01", { headers: op }),
        400,
        "invalid_range",
      );
      const passenger = await s.signUp("pat@example.test");
      await problem(
        await s.app.request("/api/admin/flights", json("POST", NEW_FLIGHT, passenger.headers)),
        403,
        "forbidden",
      );
      await problem(await s.app.request("/api/admin/flights"), 401, "unauthenticated");
      const [{ n }] = await db
        .sql`SELECT count(*)::int AS n FROM flights
        WHERE flight_number IN ('9001', '9002', '9003')`;
      assert.equal(n, 1, "nothing refused was written");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "admin flights: a retime reaches the actor and the booked passenger; route and currency stay",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const ada = await s.signUp("ada@example.test");
      const booking = await s.book(ada.headers);
      assert.equal((await s.pay(ada.headers, booking.id)).status, 200);
      const before =
        await (await s.app.request(`/api/admin/flights/${s.flightId}`, { headers: op }))
          .json();
      const later = (local: string) =>
        local.slice(0, 11) + String(Number(local.slice(11, 13)) + 2).padStart(2, "0") +
        local.slice(13);
      const body = {
        carrier: before.carrier,
        flightNumber: before.flightNumber,
        origin: before.origin,
        destination: before.destination,
        departureLocal: later(before.departureLocal),
        arrivalLocal: later(before.arrivalLocal),
        aircraftType: before.aircraftType,
        baseFares: before.baseFares,
        currency: before.currency,
      };
      const res = await s.app.request(`/api/admin/flights/${s.flightId}`, json("PUT", body, op));
      const edited = await res.json();
      assert.equal(res.status, 200, JSON.stringify(edited));
      assert.deepEqual(edited.changes, ["times"]);
      const moved = Date.parse(edited.departureAt) - Date.parse(before.departureAt);
      assert.equal(moved, 2 * 3600_000);
      const stored = await getInventory(s.deps.kv, s.flightId);
      assert.equal(stored!.state.departureAt, Date.parse(edited.departureAt));
      const inbox = await s.inApp(ada.headers);
      const notice = inbox.data.find((n) => n.kind === "flight_schedule_changed");
      assert.ok(notice, "the passenger hears of the new time");

      await problem(
        await s.app.request(
          `/api/admin/flights/${s.flightId}`,
          json("PUT", { ...body, destination: before.origin === "LHR" ? "CDG" : "LHR" }, op),
        ),
        409,
        "flight_has_bookings",
      );
      await problem(
        await s.app.request(
          `/api/admin/flights/${s.flightId}`,
          json("PUT", { ...body, currency: "EUR" }, op),
        ),
        409,
        "currency_fixed",
      );
      await problem(
        await s.app.request(`/api/admin/flights/${s.flightId}`, { method: "DELETE", headers: op }),
        409,
        "flight_has_bookings",
      );
      const again = await s.book(ada.headers, "Byron");
      assert.ok(again.id, "a refused delete reopens sales");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "admin flights: a flight nobody booked is retired: deleted from Postgres, refused by its actor",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "admin");
      const created =
        await (await s.app.request("/api/admin/flights", json("POST", NEW_FLIGHT, op)))
          .json();
      // Someone looked at its seat map: a read, which writes nothing to KV.
      assert.equal((await s.app.request(`/api/flights/${created.id}/seats`)).status, 200);
      assert.equal(await getInventory(s.deps.kv, created.id), null);
      // An operator blocked a seat: now the flight's live inventory is in KV.
      const block = await s.app.request(
        `/api/admin/flights/${created.id}/seats/block`,
        json("POST", { seats: ["20A"], reason: "broken recline" }, op),
      );
      assert.equal(block.status, 200, await block.clone().text());
      assert.ok(await getInventory(s.deps.kv, created.id));
      const res = await s.app.request(`/api/admin/flights/${created.id}`, {
        method: "DELETE",
        headers: op,
      });
      assert.equal(res.status, 204);
      // The retirement is the flight's last event; its state stays as a tombstone, so an
      // actor anywhere that still had the flight loaded is refused too.
      assert.equal((await getInventory(s.deps.kv, created.id))?.state.retired, true);
      const late = await s.deps.registry.send(created.id, {
        type: "HoldSeats",
        holdId: "late",
        owner: "u",
        cabin: "Y",
        count: 1,
      });
      assert.equal(late.ok ? "held" : late.reason, "flight_retired");
      await problem(await s.app.request(`/api/admin/flights/${created.id}`, { headers: op }), 404);
      await problem(await s.app.request(`/api/flights/${created.id}/seats`), 404);
      const [audit] = await db.sql`
      SELECT action FROM audit_log WHERE entity_id = ${created.id} ORDER BY id DESC LIMIT 1`;
      assert.equal(audit.action, "flight.deleted");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "admin schedule: weekdays over a range, previewed across the clock change, then created once",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const rule = {
        flightNumber: "777",
        origin: "LHR",
        destination: "JFK",
        departureTime: "10:30",
        arrivalTime: "13:40",
        startDate: "2030-03-25",
        endDate: "2030-04-05",
        weekdays: [1, 3, 5],
        aircraftType: "B789",
        baseFares: { J: 300_000, W: 120_000, Y: 60_000 },
      };
      const preview = await (await s.app.request(
        "/api/admin/flights/recurring/preview",
        json("POST", rule, op),
      )).json();
      assert.equal(preview.count, 6);
      const dates = preview.planned.map((p: { date: string }) => p.date);
      assert.deepEqual(dates, [
        "2030-03-25",
        "2030-03-27",
        "2030-03-29",
        "2030-04-01",
        "2030-04-03",
        "2030-04-05",
      ]);
      // London moves to summer time on 31 March 2030: 10:30 local is 10:30Z, then 09:30Z.
      assert.equal(preview.planned[0].departureAt, "2030-03-25T10:30:00.000Z");
      assert.equal(preview.planned[3].departureAt, "2030-04-01T09:30:00.000Z");
      const [{ n: none }] = await db
        .sql`SELECT count(*)::int AS n FROM flights WHERE flight_number = '777'`;
      assert.equal(none, 0, "a preview writes nothing");

      const res = await s.app.request("/api/admin/flights/recurring", json("POST", rule, op));
      const made = await res.json();
      assert.equal(res.status, 201, JSON.stringify(made));
      assert.equal(made.created, 6);
      const rows = await db.sql`SELECT series_id FROM flights WHERE flight_number = '777'`;
      assert.ok(rows.every((r) => r.series_id === made.seriesId));
      const twice =
        await (await s.app.request("/api/admin/flights/recurring", json("POST", rule, op)))
          .json();
      assert.equal(twice.created, 0);
      assert.equal(twice.skipped.length, 6);
      const again = await (await s.app.request(
        "/api/admin/flights/recurring/preview",
        json("POST", rule, op),
      )).json();
      assert.equal(again.count, 0);
      assert.ok(again.planned.every((p: { problem?: string }) => p.problem?.includes("already")));
      await problem(
        await s.app.request(
          "/api/admin/flights/recurring/preview",
          json("POST", { ...rule, endDate: "2030-03-01" }, op),
        ),
        400,
      );
      // A start that is no date leaves no range to check: a 400 naming it, not a crash.
      const garbled = await s.app.request(
        "/api/admin/flights/recurring/preview",
        json("POST", { ...rule, startDate: "tomorrow" }, op),
      );
      assert.equal(garbled.status, 400);
      assert.deepEqual(
        (await garbled.json()).errors.map((e: { path: string }) => e.path),
        ["startDate"],
      );
      await problem(
        await s.app.request(
          "/api/admin/flights/recurring/preview",
          json("POST", { ...rule, startDate: "2030-03-26", endDate: "2030-03-26" }, op),
        ),
        422,
        "empty_schedule",
      );
      await problem(
        await s.app.request(
          "/api/admin/flights/recurring",
          json("POST", { ...rule, aircraftType: "A20N" }, op),
        ),
        422,
        "invalid_flight",
      );
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
