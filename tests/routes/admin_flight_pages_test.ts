import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { json, signUp } from "../support/http.ts";
import { postForm, staffPages } from "../support/staff_pages.ts";

const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" };

/** The problem shown under a form field, by the control's id. */
function fieldError(html: string, id: string): string | undefined {
  return new RegExp(`id="${id}-error">([^<]*)<`).exec(html)?.[1];
}

/** A new flight's form: LHR–JFK on a B789 (cabins J, W, Y), fares in dollars. */
function flightForm(number: string, day = "2030-03-05"): Record<string, string> {
  return {
    carrier: "CT",
    flightNumber: number,
    origin: "LHR",
    destination: "JFK",
    departureLocal: `${day}T10:00`,
    arrivalLocal: `${day}T13:00`,
    aircraftType: "B789",
    currency: "USD",
    "baseFares.J": "2500",
    "baseFares.W": "900.50",
    "baseFares.Y": "450",
  };
}

testOnEachBackend(
  "admin flights page: filters, sort and pages are links; a bad filter is shown and ignored",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const op = await staffPages(t, db);
      const all = await op.html("/admin/flights");
      const total = Number(/(\d+) flights departing 2030-03-01 to 2030-03-08/.exec(all)?.[1]);
      assert.ok(total > 50, `only ${total} flights`);
      // Pages are keyset links: Next seeks after this page's last row, Previous back again.
      const numbers = (html: string) =>
        [...html.matchAll(/<a href="\/admin\/flights\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
      const nextHref = /href="(\/admin\/flights\?[^"]*page=2&amp;after=[\w-]+)" rel="next"/
        .exec(all)?.[1];
      assert.ok(nextHref, "a Next link with a cursor");
      const second = await op.html(nextHref.replaceAll("&amp;", "&"));
      assert.match(second, /page 2 of \d+/);
      assert.equal(numbers(second).length, 50);
      assert.deepEqual(numbers(second).filter((n) => numbers(all).includes(n)), []);
      const prevHref = /href="([^"]*before=[\w-]+)" rel="prev"/.exec(second)?.[1];
      assert.ok(prevHref, "a Previous link with a cursor");
      const first = await op.html(prevHref.replaceAll("&amp;", "&"));
      assert.deepEqual(numbers(first), numbers(all));
      const lastHref = /href="([^"]*last=1)">Last</.exec(all)?.[1];
      const last = await op.html(lastHref!.replaceAll("&amp;", "&"));
      assert.doesNotMatch(last, /rel="next"/);
      // A cursor this list did not make is ignored like any bad filter: page 1.
      assert.deepEqual(numbers(await op.html("/admin/flights?after=nope")), numbers(all));

      const lhr = await op.html("/admin/flights?origin=lhr&sort=loadFactor&order=desc");
      const routes = [...lhr.matchAll(/<td>([A-Z]{3}) → [A-Z]{3}<\/td>/g)].map((m) => m[1]);
      assert.ok(routes.length > 0);
      assert.deepEqual([...new Set(routes)], ["LHR"]);
      assert.match(lhr, /aria-sort="descending"><a href="[^"]*sort=loadFactor&amp;order=asc/);
      assert.match(lhr, /<td class="num">\d+%<\/td>/, "a load factor column");

      const bad = await op.html("/admin/flights?origin=12&from=2030-03-02&to=2030-03-01");
      assert.equal(fieldError(bad, "f-origin"), "expected a 3-letter IATA code");
      assert.match(bad, /id="f-origin"[^>]*aria-invalid="true"/);
      assert.match(fieldError(bad, "f-to") ?? "", /on or after the from date/);
      assert.match(bad, /flights departing 2030-03-02 to 2030-03-09/, "the bad filters ignored");
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "flight editor: problems shown by their fields, then created, edited and deleted",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const op = await staffPages(t, db);
      assert.match(await op.html("/admin/flights/new"), /name="_csrf" value="[^"]+"/);

      const bad = await op.post("/admin/flights/new", {
        ...flightForm(""),
        arrivalLocal: "soon",
        "baseFares.Y": "4.505",
      });
      assert.equal(bad.status, 400);
      const badHtml = await bad.text();
      assert.ok(fieldError(badHtml, "f-flightNumber"));
      assert.ok(fieldError(badHtml, "f-arrivalLocal"));
      assert.equal(fieldError(badHtml, "f-baseFares-Y"), "expected an amount like 159.50");
      assert.match(badHtml, /value="4.505"/, "what was typed is shown again");

      const unknown = await op.post("/admin/flights/new", { ...flightForm("4321"), origin: "QQQ" });
      assert.equal(unknown.status, 422);
      assert.equal(fieldError(await unknown.text(), "f-origin"), "unknown airport");

      const created = await op.post("/admin/flights/new", flightForm("4321"));
      assert.equal(created.status, 303, await created.text());
      const page = created.headers.get("location")!;
      const id = /\/admin\/flights\/([0-9a-f-]{36})\?done=created/.exec(page)![1];
      const [row] = await db.sql`SELECT base_fares FROM flights WHERE id = ${id}`;
      assert.deepEqual(row.base_fares, { J: 250000, W: 90050, Y: 45000 });
      const shown = await op.html(page);
      assert.match(shown, /role="status">Flight created\./);
      assert.match(shown, /value="900\.50"/);

      const twice = await op.post("/admin/flights/new", flightForm("4321"));
      assert.equal(twice.status, 409);
      assert.match(await twice.text(), /role="alert">CT 4321 already flies on 2030-03-05/);

      const edited = await op.post(`/admin/flights/${id}`, {
        ...flightForm("4321"),
        "baseFares.Y": "399",
      });
      assert.equal(edited.status, 303);
      assert.match(edited.headers.get("location")!, /done=saved/);
      // Only fares changed: the banner does not speak of new times.
      const savedPage = await op.html(edited.headers.get("location")!);
      assert.match(savedPage, /role="status">Changes saved\.</);
      assert.doesNotMatch(savedPage, /new times/);
      assert.match(await op.html(`/admin/flights/${id}`), /value="399\.00"/);
      const noPlane = await op.post(`/admin/flights/${id}`, {
        ...flightForm("4321"),
        aircraftRegistration: "ZZ-NONE",
      });
      assert.equal(noPlane.status, 422);
      assert.equal(fieldError(await noPlane.text(), "f-aircraftRegistration"), "unknown aircraft");

      const deleted = await op.post(`/admin/flights/${id}/delete`, {});
      assert.equal(deleted.status, 303);
      assert.match(await op.html(deleted.headers.get("location")!), /Flight deleted\./);
      assert.equal((await op.get(`/admin/flights/${id}`)).status, 404);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "flight page status forms: a delay in local time, problems in place, a cancellation's outcome",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const op = await staffPages(t, db);
      const created = await op.post("/admin/flights/new", flightForm("4400", "2030-03-01"));
      const id = /flights\/([0-9a-f-]{36})/.exec(created.headers.get("location")!)![1];
      await op.post("/admin/flights/new", flightForm("4402", "2030-03-01"));
      const passenger = await signUp(t.app, "pax@example.test");
      const booked = await t.app.request(
        "/api/bookings",
        json("POST", {
          flightId: id,
          cabin: "Y",
          passengers: [{ firstName: "Pat", lastName: "Moved" }],
        }, passenger.headers),
      );
      const booking = await booked.json();
      assert.equal(booked.status, 201, JSON.stringify(booking));
      const paid = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", { card: VISA }, { ...passenger.headers, "Idempotency-Key": "pay-moved" }),
      );
      assert.equal(paid.status, 200);

      const page = await op.html(`/admin/flights/${id}`);
      assert.match(page, /People hold, bought or paid for seats/, "no delete button");
      assert.doesNotMatch(page, /Mark departed/, "departing is not offered before boarding");
      const noReason = await op.post(`/admin/flights/${id}/status`, {
        type: "delayed",
        departure: "2030-03-01T11:30",
        reason: "",
      });
      assert.equal(noReason.status, 400);
      assert.ok(fieldError(await noReason.text(), "status-delayed-reason"));

      // London skips 01:00-02:00 on 31 March 2030: a new time in that hour is refused.
      const gap = await op.post(`/admin/flights/${id}/status`, {
        type: "delayed",
        departure: "2030-03-31T01:30",
        reason: "Late inbound aircraft",
      });
      assert.equal(gap.status, 400);
      assert.match(await gap.text(), /2030-03-31T01:30 does not exist in Europe\/London/);

      const delayed = await op.post(`/admin/flights/${id}/status`, {
        type: "delayed",
        departure: "2030-03-01T11:30",
        reason: "Late inbound aircraft",
      });
      assert.equal(delayed.status, 303);
      const [row] = await db
        .sql`SELECT status, estimated_departure_at FROM flights WHERE id = ${id}`;
      assert.equal(row.status, "delayed");
      // 11:30 in London in March is 11:30 UTC (GMT).
      assert.equal(row.estimated_departure_at.toISOString(), "2030-03-01T11:30:00.000Z");

      // Boarding takes an actual local time too; at 06:00 it is too early for an 11:30 departure.
      assert.match(await op.html(`/admin/flights/${id}`), /id="status-boarding-at"/);
      const early = await op.post(`/admin/flights/${id}/status`, {
        type: "boarding",
        at: "2030-03-01T06:00",
      });
      assert.equal(early.status, 422);
      assert.match(
        await early.text(),
        /Boarding cannot start more than 3 hours before the expected/,
      );
      const future = await op.post(`/admin/flights/${id}/status`, {
        type: "boarding",
        at: "2030-03-01T09:00",
      });
      assert.equal(future.status, 422);
      assert.match(await future.text(), /may not be more than 5 minutes in the future/);

      const illegal = await op.post(`/admin/flights/${id}/status`, { type: "departed" });
      assert.equal(illegal.status, 409);
      assert.match(await illegal.text(), /role="alert">A delayed flight cannot be departed/);

      const cancelled = await op.post(`/admin/flights/${id}/status`, {
        type: "cancelled",
        reason: "Crew shortage",
      });
      assert.equal(cancelled.status, 303);
      const after = await op.html(cancelled.headers.get("location")!);
      assert.match(after, /Flight cancelled: 1 bookings moved to other flights, 0 offered/);
      assert.match(after, new RegExp(`<th scope="row">${booking.pnr}</th><td>rebooked in Y`));
      assert.match(after, /CT 4402 · 2030-03-01 10:00/, "the new flight is named");
      assert.match(after, /its schedule can no longer change/);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "recurring page without JavaScript: preview, create, skipped dates and bad input in place",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const op = await staffPages(t, db);
      const form = Object.entries({
        ...flightForm("4500"),
        departureTime: "10:00",
        arrivalTime: "13:00",
        arrivalDayOffset: "0",
        startDate: "2030-03-04",
        endDate: "2030-03-17",
      }).filter(([k]) => !k.endsWith("Local"));
      const days: [string, string][] = [["weekdays", "1"], ["weekdays", "3"], ["weekdays", "5"]];
      const preview = await postForm(t, op, "/admin/flights/recurring", [
        ...form,
        ...days,
        ["intent", "preview"],
      ]);
      const previewHtml = await preview.text();
      assert.equal(preview.status, 200, previewHtml.slice(0, 500));
      assert.match(previewHtml, /role="status">6 flights would be created\./);
      assert.equal([...previewHtml.matchAll(/<td>created<\/td>/g)].length, 6);
      assert.match(previewHtml, /type="checkbox" name="weekdays" value="3" checked/);

      const create = await postForm(t, op, "/admin/flights/recurring", [
        ...form,
        ...days,
        ["intent", "create"],
      ]);
      assert.equal(create.status, 303);
      const list = await op.html(create.headers.get("location")!);
      assert.match(list, /Created 6 flights; 0 dates skipped\./);
      assert.equal([...list.matchAll(/>CT 4500<\/a>/g)].length, 6);

      const again = await postForm(t, op, "/admin/flights/recurring", [
        ...form.map(([k, v]): [string, string] => [k, k === "endDate" ? "2030-03-19" : v]),
        ...days,
        ["intent", "preview"],
      ]);
      const againHtml = await again.text();
      assert.match(againHtml, /1 flights would be created; 6 dates skipped\./);
      assert.match(againHtml, /skipped: CT 4500 already flies that day/);

      const bad = await postForm(t, op, "/admin/flights/recurring", [
        ...form.map(([k, v]): [string, string] => [k, k === "endDate" ? "2030-03-01" : v]),
        ["intent", "preview"],
      ]);
      assert.equal(bad.status, 400);
      const badHtml = await bad.text();
      assert.equal(fieldError(badHtml, "f-endDate"), "endDate is before startDate");
      assert.match(badHtml, /id="weekdays-error">/);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
