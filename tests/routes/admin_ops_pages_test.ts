import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, signUp } from "../support/http.ts";
import { PageClient, staffClient } from "../support/pages.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { localMinutes } from "../../domain/status_form.ts";
import { timeInZone } from "../../domain/time.ts";

const NOW = "2030-03-01T06:00:00Z";
const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" };

testOnEachBackend(
  "ops pages: today's flights with status and load; staff only; bad filters 400",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW);
    try {
      const guest = await new PageClient(t.app).get("/admin/ops");
      assert.equal(guest.status, 303);
      const { client: passenger } = await staffClient(t, db, "passenger");
      await passenger.html("/admin/ops", 403);

      const { client } = await staffClient(t, db, "operator");
      const started = performance.now();
      const board = await client.html("/admin/ops");
      const ms = performance.now() - started;
      // A figure to compare, not a limit: the whole day's HTML and the time to make it.
      console.log(
        `ops board, 540 flights: ${Math.round(board.length / 1024)} KiB, ${ms.toFixed(0)} ms`,
      );
      assert.match(board, /540 flight\(s\) on 2030-03-01/);
      assert.match(board, /data-island="OpsBoard"/);
      assert.equal([...board.matchAll(/<tr id="flight-/g)].length, 540, "the whole day at once");
      assert.doesNotMatch(board, /rel="next"/);
      const hours = [...board.matchAll(/class="ops-hour"><th[^>]*>([^<]*)/g)].map((m) => m[1]);
      assert.ok(hours.length > 3, "grouped by hour");
      assert.deepEqual(hours, [...hours].sort(), "hours in order");
      assert.match(board, /<span class="status status-scheduled">scheduled<\/span>/);
      assert.match(board, /<td>0\/168 <span class="muted">\(0%\)<\/span><\/td>/);
      assert.match(
        board,
        /<td class="short">0\/\d+<span class="visually-hidden">, crew incomplete/,
      );
      // At 06:00Z the flights that were due out before 05:45Z and never left are overdue.
      const [{ due }] = await db.sql`
        SELECT count(*)::int AS due FROM flights
        WHERE departure_date = '2030-03-01' AND departure_at < ${NOW}::timestamptz - interval '15 minutes'`;
      assert.ok(due > 0, "the seed has flights before 05:45Z");
      assert.equal([...board.matchAll(/Overdue departure/g)].length, due);

      const fra = await client.html("/admin/ops?date=2030-03-02&origin=fra&status=");
      const names = [...fra.matchAll(/<th scope="row">(CT \d+ \w{3})/g)].map((m) => m[1]);
      assert.ok(names.length > 0 && names.every((n) => n.endsWith("FRA")), names.join());
      assert.match(fra, /flight\(s\) on 2030-03-02 from FRA/);

      const bad = await client.get("/admin/ops?date=tomorrow&status=late&origin=FRANKFURT");
      assert.equal(bad.status, 400);
      const text = await bad.text();
      assert.match(text, /date: expected a date like 2030-03-01/);
      assert.match(text, /status: expected one of scheduled/);
      assert.match(text, /origin: /);
      await client.html("/admin/ops/flights/not-a-flight", 404);
      await client.html(`/admin/ops/flights/${crypto.randomUUID()}`, 404);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);

testOnEachBackend(
  "ops pages: delay and cancel with plain forms; history, outcomes and refusals shown",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW);
    try {
      // An A320neo flight later today with a later flight on its route for its passenger.
      const [f] = await db.sql`
        SELECT a.id, a.origin FROM flights a
        WHERE a.aircraft_type = 'A20N' AND a.departure_date = '2030-03-01'
          AND a.departure_at > '2030-03-01T09:00:00Z' AND EXISTS (
          SELECT 1 FROM flights b WHERE b.origin = a.origin AND b.destination = a.destination
            AND b.departure_at > a.departure_at + interval '2 hours')
        ORDER BY a.departure_at, a.id LIMIT 1`;
      const user = await signUp(t.app, "pax@example.test");
      const booked = await t.app.request(
        "/api/bookings",
        json("POST", {
          flightId: f.id,
          cabin: "Y",
          passengers: [{ firstName: "Pat", lastName: "Traveller" }],
        }, user.headers),
      );
      const booking = await booked.json();
      assert.equal(booked.status, 201, JSON.stringify(booking));
      const paid = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", { card: VISA }, { ...user.headers, "Idempotency-Key": "pay-pat" }),
      );
      assert.equal(paid.status, 200, await paid.text());

      const { client } = await staffClient(t, db, "operator");
      const path = `/admin/ops/flights/${f.id}`;
      const page = await client.html(path);
      assert.match(page, /name="type" value="delayed"/);
      assert.doesNotMatch(page, /name="type" value="arrived"/, "a scheduled flight cannot arrive");
      const local =
        /id="delayed-departureLocal" type="datetime-local" name="departureLocal" value="([^"]+)"/
          .exec(page)![1];

      const missing = await client.post(`${path}/status`, {
        type: "delayed",
        departureLocal: local,
      });
      assert.equal(missing.status, 400);
      const problems = await missing.text();
      assert.match(problems, /id="delayed-reason"[^>]*aria-invalid="true"/);
      assert.match(problems, /id="delayed-reason-error">a reason is required/);
      const garbled = await client.post(`${path}/status`, {
        type: "delayed",
        departureLocal: "2030-02-30T10:00",
        reason: "Fog",
      });
      assert.equal(garbled.status, 400);
      assert.match(await garbled.text(), /expected a local date and time, e.g. 2030-03-01T10:30/);
      const early = await client.post(`${path}/status`, {
        type: "delayed",
        departureLocal: "2030-03-01T00:10",
        reason: "Late inbound aircraft",
      });
      assert.equal(early.status, 422);
      assert.match(await early.text(), /A delay must move departure after the scheduled time/);

      const delayed = await client.post(`${path}/status`, {
        type: "delayed",
        departureLocal: local,
        reason: "Late inbound aircraft",
      });
      assert.equal(delayed.status, 303, await delayed.text());
      assert.equal(delayed.headers.get("location"), `${path}?notice=delayed`);
      const after = await client.html(`${path}?notice=delayed`);
      assert.match(after, /role="status" class="notice">Delay published\./);
      assert.match(
        after,
        /<span class="status status-delayed">delayed<\/span> \(Late inbound aircraft\)/,
      );
      assert.match(
        after,
        new RegExp(`<dd>${local.replace("T", " ")}</dd>`),
        "expected departure, local",
      );
      assert.match(after, /<td>delayed<\/td><td>delayed<\/td>/, "the history lists the delay");

      const illegal = await client.post(`${path}/status`, { type: "arrived" });
      assert.equal(illegal.status, 409);
      assert.match(await illegal.text(), /A delayed flight cannot be arrived/);

      const cancelled = await client.post(`${path}/status`, { type: "cancelled", reason: "Storm" });
      assert.equal(cancelled.status, 303, await cancelled.text());
      const outcome = await client.html(`${path}?notice=cancelled`);
      assert.match(outcome, /Flight cancelled; passengers reaccommodated\./);
      assert.match(outcome, /1 booking\(s\) rebooked, 0 offered a refund/);
      assert.match(
        outcome,
        new RegExp(`<th scope="row">${booking.pnr}</th><td>rebooked</td><td>CT \\d+ ${f.origin} →`),
      );
      assert.match(outcome, /its status is final/);

      const board = await client.html(`/admin/ops?origin=${f.origin}&status=cancelled`);
      assert.match(board, /1 flight\(s\) on 2030-03-01/);
      assert.match(board, /1 rebooked, 0 refund offered/);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);

testOnEachBackend(
  "ops pages: boarding, departed and arrived recorded with actual local times, shown on the board",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW);
    try {
      // The first flight of the day: it may depart up to two hours before its schedule.
      const [f] = await db.sql`
        SELECT f.id, f.origin, o.tz AS origin_tz, d.tz AS destination_tz FROM flights f
        JOIN airports o ON o.iata = f.origin JOIN airports d ON d.iata = f.destination
        WHERE f.departure_at BETWEEN ${NOW}::timestamptz AND ${NOW}::timestamptz + interval '100 minutes'
        ORDER BY f.departure_at, f.id LIMIT 1`;
      assert.ok(f, "a flight departs within 100 minutes of NOW");
      const { client } = await staffClient(t, db, "operator");
      const path = `/admin/ops/flights/${f.id}`;
      const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
      const local = (minutes: number, tz: string) => localMinutes(at(minutes), tz);
      assert.match(await client.html(path), /id="boarding-actualLocal" type="datetime-local"/);
      const boardFuture = await client.post(`${path}/status`, {
        type: "boarding",
        actualLocal: local(60, f.origin_tz),
      });
      assert.equal(boardFuture.status, 422);
      assert.match(await boardFuture.text(), /may not be more than 5 minutes in the future/);
      const boarding = await client.post(`${path}/status`, {
        type: "boarding",
        actualLocal: local(-30, f.origin_tz),
      });
      assert.equal(boarding.status, 303, await boarding.text());
      // "Boarding since 05:30 UTC": local at the origin, with its zone, wherever it shows.
      const since = `Boarding since ${timeInZone(at(-30), f.origin_tz)}`;
      assert.match(await client.html(`/admin/ops?origin=${f.origin}`), new RegExp(since));
      const opsPage = await client.html(path);
      assert.match(opsPage, new RegExp(since));
      assert.match(opsPage, /id="departed-actualLocal" type="datetime-local"/);
      const flightPage = await client.html(`/admin/flights/${f.id}`);
      assert.match(flightPage, new RegExp(since));
      // Its history keeps when boarding started, in UTC like the rest of it.
      assert.match(flightPage, new RegExp(`from ${at(-30).slice(0, 16).replace("T", " ")} UTC`));

      const beforeBoarding = await client.post(`${path}/status`, {
        type: "departed",
        actualLocal: local(-40, f.origin_tz),
      });
      assert.equal(beforeBoarding.status, 422);
      assert.match(await beforeBoarding.text(), /cannot depart before its boarding started/);

      const future = await client.post(`${path}/status`, {
        type: "departed",
        actualLocal: local(60, f.origin_tz),
      });
      assert.equal(future.status, 422);
      assert.match(await future.text(), /may not be more than 5 minutes in the future/);

      const departed = await client.post(`${path}/status`, {
        type: "departed",
        actualLocal: local(-10, f.origin_tz),
      });
      assert.equal(departed.status, 303, await departed.text());
      const early = await client.post(`${path}/status`, {
        type: "arrived",
        actualLocal: local(-20, f.destination_tz),
      });
      assert.equal(early.status, 422);
      assert.match(await early.text(), /Arrival must come after departure/);
      const arrived = await client.post(`${path}/status`, {
        type: "arrived",
        actualLocal: local(0, f.destination_tz),
      });
      assert.equal(arrived.status, 303, await arrived.text());

      const board = await client.html(`/admin/ops?origin=${f.origin}`);
      const dep = local(-10, f.origin_tz).slice(11);
      const arr = local(0, f.destination_tz).slice(11);
      const brd = local(-30, f.origin_tz).slice(11);
      assert.match(board, new RegExp(`Boarded ${brd} · Dep ${dep} · Arr ${arr}`));
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);
