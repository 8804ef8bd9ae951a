import assert from "node:assert/strict";
import type { Database } from "../../db/postgres.ts";
import { loadFactor } from "../../domain/reports.ts";
import { signAccessToken } from "../../adapters/tokens.ts";
import { testApp } from "../support/app.ts";
import { staffHeaders } from "../support/staff.ts";
import { testOnEachBackend } from "../support/db.ts";
import { bearer, json, signUp } from "../support/http.ts";
import { seedTestSchedule } from "../support/seed.ts";

const NOW = "2030-02-20T00:00:00Z";
const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" };

type Headers = Record<string, string>;
type Money = { currency: string; amount: number };

/** A 3-day schedule, an app at NOW, staff tokens and booking helpers through the API. */
async function fixture(db: Database) {
  await seedTestSchedule(db.sql, 3);
  const t = await testApp(db, NOW);
  const staff = async (role: "operator" | "admin") =>
    (await staffHeaders(t, db, role, `${role}-reports@example.test`)).headers;
  const book = async (headers: Headers, flightId: string, passengers = 1) => {
    const res = await t.app.request(
      "/api/bookings",
      json("POST", {
        flightId,
        cabin: "Y",
        passengers: Array.from({ length: passengers }, (_, i) => ({
          firstName: "Pat",
          lastName: `Traveller ${String.fromCharCode(65 + i)}`,
        })),
      }, headers),
    );
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as { id: string; total: number; currency: string };
  };
  const pay = async (headers: Headers, id: string) => {
    const res = await t.app.request(
      `/api/bookings/${id}/pay`,
      json("POST", { card: VISA }, { ...headers, "Idempotency-Key": `pay-${id}` }),
    );
    assert.equal(res.status, 200, await res.clone().text());
  };
  const cancel = async (headers: Headers, id: string) => {
    const res = await t.app.request(`/api/bookings/${id}/cancel`, json("POST", undefined, headers));
    assert.equal(res.status, 200, await res.clone().text());
  };
  const get = async (path: string, headers: Headers) => {
    const res = await t.app.request(path, { headers });
    return { status: res.status, type: res.headers.get("content-type"), body: await res.json() };
  };
  return {
    ...t,
    operator: await staff("operator"),
    admin: await staff("admin"),
    signUp: (email: string) => signUp(t.app, email),
    book,
    pay,
    cancel,
    get,
  };
}

async function flightOn(
  db: Database,
  date: string,
  route?: { origin: string; destination: string },
) {
  const [f] = await db.sql`
    SELECT id, origin, destination FROM flights
    WHERE aircraft_type = 'A20N' AND departure_date = ${date}
      ${
    route ? db.sql`AND origin = ${route.origin} AND destination = ${route.destination}` : db.sql``
  }
    ORDER BY departure_at, id LIMIT 1`;
  return f as { id: string; origin: string; destination: string };
}

/** Asserts that `actual` has each field of `expected` with that value. */
function assertHas(actual: unknown, expected: Record<string, unknown>) {
  const a = actual as Record<string, unknown>;
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, a?.[k]])), expected);
}

function usd(amount: number): Money[] {
  return [{ currency: "USD", amount }];
}

/** A flight as the oracle below needs it. */
interface FlightMeta {
  id: string;
  origin: string;
  destination: string;
  date: string;
  status: string;
  currency: string;
  seats: number;
}

/**
 * What a report should say for `flights`, from what passengers paid on each (`paid`): the
 * flights not cancelled count, revenue per currency with zeros for `currencies`.
 */
function expectTotals(
  flights: FlightMeta[],
  paid: Map<string, { sold: number; money: Record<string, number> }>,
  currencies?: string[],
) {
  const live = flights.filter((f) => f.status !== "cancelled");
  const money: Record<string, number> = {};
  let sold = 0;
  for (const f of live) {
    sold += paid.get(f.id)?.sold ?? 0;
    for (const [c, n] of Object.entries(paid.get(f.id)?.money ?? {})) {
      money[c] = (money[c] ?? 0) + n;
    }
  }
  const capacity = live.reduce((n, f) => n + f.seats, 0);
  const listed = new Set([...(currencies ?? live.map((f) => f.currency)), ...Object.keys(money)]);
  return {
    flights: live.length,
    cancelled: flights.length - live.length,
    capacity,
    sold,
    loadFactor: capacity ? Math.round((sold / capacity) * 10_000) / 10_000 : 0,
    revenue: [...listed].sort().map((currency) => ({ currency, amount: money[currency] ?? 0 })),
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

testOnEachBackend(
  "reports: seats and revenue follow live tickets (paid, cancelled, unpaid, rebooked, EUR) per flight, route and day",
  async (db) => {
    const s = await fixture(db);
    try {
      const a = await flightOn(db, "2030-03-01");
      const b = await flightOn(db, "2030-03-02", a);
      const [c] = await db.sql`
        UPDATE flights SET currency = 'EUR'
        WHERE id = (SELECT id FROM flights WHERE departure_date = '2030-03-02'
                      AND aircraft_type = 'A20N' AND (origin, destination) <> (${a.origin}, ${a.destination})
                    ORDER BY departure_at, id LIMIT 1)
        RETURNING id, origin, destination`;
      const [{ seats }] = await db
        .sql`SELECT seat_count AS seats FROM aircraft_configurations
          WHERE type_code = 'A20N' AND is_default`;

      const ada = await s.signUp("ada@example.test");
      const bob = await s.signUp("bob@example.test");
      const cy = await s.signUp("cy@example.test");
      const adaA = await s.book(ada.headers, a.id, 2);
      await s.pay(ada.headers, adaA.id);
      const bobA = await s.book(bob.headers, a.id);
      await s.pay(bob.headers, bobA.id);
      await s.cancel(bob.headers, bobA.id);
      await s.book(cy.headers, a.id); // held, never paid: no ticket
      const adaC = await s.book(ada.headers, c.id);
      assert.equal(adaC.currency, "EUR");
      await s.pay(ada.headers, adaC.id);
      const deeB = await s.book(bob.headers, b.id);
      await s.pay(bob.headers, deeB.id);
      const eveB = await s.book(cy.headers, b.id, 2);
      await s.pay(cy.headers, eveB.id);
      // G is cancelled with Fay still on it, as when a reaccommodation run was cut short.
      const g = await flightOn(db, "2030-03-03", c as { origin: string; destination: string });
      const fayG = await s.book(ada.headers, g.id);
      await s.pay(ada.headers, fayG.id);
      await db.sql`UPDATE flights SET status = 'cancelled' WHERE id = ${g.id}`;

      // Cancelling B moves its passengers: a void ticket on B, a live one on the new flight.
      const cancelled = await s.app.request(
        `/api/admin/flights/${b.id}/status`,
        json("POST", { type: "cancelled", reason: "Crew shortage" }, s.operator),
      );
      assert.equal(cancelled.status, 200);
      const { rebooked } = (await cancelled.json()).reaccommodation as {
        rebooked: { bookingId: string; flightIds: string[] }[];
      };
      assert.deepEqual(rebooked.map((r) => r.bookingId).sort(), [deeB.id, eveB.id].sort());

      const paid = new Map<string, { sold: number; money: Record<string, number> }>();
      const sell = (flightId: string, sold: number, currency: string, amount: number) => {
        const p = paid.get(flightId) ?? { sold: 0, money: {} };
        p.sold += sold;
        p.money[currency] = (p.money[currency] ?? 0) + amount;
        paid.set(flightId, p);
      };
      sell(a.id, 2, "USD", adaA.total);
      sell(c.id, 1, "EUR", adaC.total);
      sell(g.id, 1, "USD", fayG.total);
      for (const r of rebooked) {
        assert.equal(r.flightIds.length, 1, "a direct flight on the same route");
        const booking = r.bookingId === deeB.id ? { n: 1, ...deeB } : { n: 2, ...eveB };
        sell(r.flightIds[0], booking.n, "USD", booking.total);
      }
      const all = (await db.sql`
        SELECT f.id, f.origin, f.destination, to_char(f.departure_date, 'YYYY-MM-DD') AS date,
               f.status, f.currency, t.seat_count AS seats
        FROM flights f JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
        ORDER BY f.departure_at, f.carrier, f.flight_number`) as unknown as FlightMeta[];

      // Per flight, on A's route: every flight shows what was paid on it, B nothing any more.
      const route = `origin=${a.origin.toLowerCase()}&destination=${a.destination}`;
      const flights = await s.get(
        `/api/admin/reports/flights?from=2030-03-01&to=2030-03-03&${route}&limit=200`,
        s.admin,
      );
      assert.equal(flights.status, 200);
      const onRoute = all.filter((f) => f.origin === a.origin && f.destination === a.destination);
      assert.equal(flights.body.total, onRoute.length);
      assert.deepEqual(
        flights.body.data.map((f: Record<string, unknown>) => [f.id, f.status, f.sold, f.revenue]),
        onRoute.map((f) => [
          f.id,
          f.status,
          paid.get(f.id)?.sold ?? 0,
          usd(paid.get(f.id)?.money.USD ?? 0),
        ]),
      );
      const byId = new Map(flights.body.data.map((f: { id: string }) => [f.id, f]));
      assertHas(byId.get(a.id), {
        status: "scheduled",
        capacity: seats,
        sold: 2,
        loadFactor: loadFactor(2, seats),
        revenue: usd(adaA.total),
        currency: "USD",
      });
      assertHas(byId.get(b.id), { status: "cancelled", sold: 0, loadFactor: 0, revenue: usd(0) });
      const stranded = await s.get(
        `/api/admin/reports/flights?from=2030-03-03&to=2030-03-03&origin=${g.origin}&destination=${g.destination}`,
        s.admin,
      );
      assertHas(stranded.body.data.find((f: { id: string }) => f.id === g.id), {
        status: "cancelled",
        sold: 1,
        revenue: usd(fayG.total),
      });
      assert.ok(flights.body.units.revenue && flights.body.units.loadFactor);

      const byLoad = await s.get(
        `/api/admin/reports/flights?from=2030-03-01&to=2030-03-03&${route}&sort=loadFactor`,
        s.operator,
      );
      const factors = byLoad.body.data.map((f: { loadFactor: number }) => f.loadFactor);
      assert.deepEqual(factors, [...factors].sort((x, y) => y - x));
      assert.equal(
        factors[0],
        Math.max(...onRoute.map((f) => loadFactor(paid.get(f.id)?.sold ?? 0, seats))),
      );

      const eur = await s.get(
        `/api/admin/reports/flights?from=2030-03-02&to=2030-03-02&origin=${c.origin}&destination=${c.destination}&sort=revenue`,
        s.admin,
      );
      assertHas(eur.body.data[0], {
        id: c.id,
        currency: "EUR",
        revenue: [{ currency: "EUR", amount: adaC.total }],
      });

      const page2 = await s.get(
        "/api/admin/reports/flights?from=2030-03-01&to=2030-03-03&page=2&limit=7",
        s.admin,
      );
      assert.equal(page2.body.total, all.length);
      assert.deepEqual(
        page2.body.data.map((f: { id: string }) => f.id),
        all.slice(7, 14).map((f) => f.id),
      );

      // Per route: cancelled flights are counted apart and left out of seats and revenue.
      const routes = await s.get(
        "/api/admin/reports/routes?from=2030-03-01&to=2030-03-03",
        s.admin,
      );
      assert.equal(routes.status, 200);
      const expectedRoutes = [...groupBy(all, (f) => `${f.origin}-${f.destination}`)]
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([, fs]) => ({
          origin: fs[0].origin,
          destination: fs[0].destination,
          ...expectTotals(fs, paid),
        }));
      assert.deepEqual(routes.body.data, expectedRoutes);
      const routeC = routes.body.data.find((r: { origin: string; destination: string }) =>
        r.origin === c.origin && r.destination === c.destination
      );
      assert.deepEqual(routeC.revenue, [
        { currency: "EUR", amount: adaC.total },
        { currency: "USD", amount: 0 },
      ]);

      // Per day, with empty days around the schedule and every currency on every day.
      const daily = await s.get(
        "/api/admin/reports/daily?from=2030-02-27&to=2030-03-04",
        s.operator,
      );
      assert.equal(daily.status, 200);
      assert.deepEqual(daily.body.currencies, ["EUR", "USD"]);
      const days = groupBy(all, (f) => f.date);
      assert.deepEqual(
        daily.body.data,
        ["2030-02-27", "2030-02-28", "2030-03-01", "2030-03-02", "2030-03-03", "2030-03-04"].map(
          (date) => ({ date, ...expectTotals(days.get(date) ?? [], paid, ["EUR", "USD"]) }),
        ),
      );
      assert.equal(daily.body.data[0].flights, 0);
      assert.deepEqual(daily.body.data.map((d: { cancelled: number }) => d.cancelled), [
        0,
        0,
        0,
        1,
        1,
        0,
      ]);

      // Bookings per hour, on the database's own clock: every booking is counted once.
      const [span] = await db.sql`SELECT min(created_at) AS first, now() AS last FROM bookings`;
      const around = await s.get(
        `/api/admin/reports/bookings-per-hour?from=${
          new Date(span.first.getTime() - 3_600_000).toISOString()
        }&to=${new Date(span.last.getTime() + 3_600_000).toISOString()}`,
        s.admin,
      );
      assert.equal(around.status, 200);
      const sum = (k: string) =>
        around.body.data.reduce((n: number, h: Record<string, number>) => n + h[k], 0);
      assert.deepEqual(
        ["created", "confirmed", "cancelled", "expired"].map(sum),
        [7, 6, 1, 0],
      );
    } finally {
      await s.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "reports: bookings per UTC hour count created, confirmed and cancelled bookings, empty hours as zeros",
  async (db) => {
    const s = await fixture(db);
    try {
      const a = await flightOn(db, "2030-03-01");
      const ada = await s.signUp("ada@example.test");
      const bob = await s.signUp("bob@example.test");
      const paid = await s.book(ada.headers, a.id, 2);
      await s.pay(ada.headers, paid.id);
      const refunded = await s.book(bob.headers, a.id);
      await s.pay(bob.headers, refunded.id);
      await s.cancel(bob.headers, refunded.id);
      const held = await s.book(ada.headers, a.id);
      const late = await s.book(bob.headers, a.id);
      // The database stamps bookings with its own clock; move them to known instants.
      const at = async (id: string, created: string, confirmed?: string, cancelled?: string) => {
        await db.sql`
          UPDATE bookings SET created_at = ${created}, confirmed_at = ${confirmed ?? null},
                 cancelled_at = ${cancelled ?? null}
          WHERE id = ${id}`;
      };
      await at(paid.id, "2030-02-19T22:10:00Z", "2030-02-19T22:25:00Z");
      await at(refunded.id, "2030-02-19T22:50:00Z", "2030-02-20T00:05:00Z", "2030-02-20T02:59:59Z");
      await at(held.id, "2030-02-20T00:40:00Z");
      await at(late.id, "2030-02-20T03:00:00Z"); // the window's end is excluded

      const res = await s.get(
        `/api/admin/reports/bookings-per-hour?from=${
          encodeURIComponent("2030-02-20T00:30:00+02:00")
        }&to=2030-02-20T03:00:00Z`,
        s.operator,
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.from, "2030-02-19T22:00:00.000Z");
      assert.equal(res.body.to, "2030-02-20T03:00:00.000Z");
      const hour = (h: string, created: number, confirmed: number, cancelled: number) => ({
        hour: h,
        created,
        confirmed,
        cancelled,
        expired: 0,
      });
      assert.deepEqual(res.body.data, [
        hour("2030-02-19T22:00:00.000Z", 2, 1, 0),
        hour("2030-02-19T23:00:00.000Z", 0, 0, 0),
        hour("2030-02-20T00:00:00.000Z", 1, 1, 0),
        hour("2030-02-20T01:00:00.000Z", 0, 0, 0),
        hour("2030-02-20T02:00:00.000Z", 0, 0, 1),
      ]);
    } finally {
      await s.close();
    }
  },
  { seededDays: 3 },
);

testOnEachBackend(
  "reports: crew hours add block time per leg and merge overlapping duties, without cancelled or out-of-range flights",
  async (db) => {
    const s = await fixture(db);
    try {
      const [base] = await db.sql`
        SELECT id, origin FROM flights
        WHERE departure_date = '2030-03-02' AND extract(hour FROM departure_local) BETWEEN 6 AND 9
        ORDER BY departure_at, id LIMIT 1`;
      // Legs copied from a seeded flight, `offset` minutes after it, lasting `block` minutes.
      const leg = async (number: string, offset: number, block: number, status = "scheduled") => {
        const [f] = await db.sql`
          INSERT INTO flights (carrier, flight_number, origin, destination, departure_local,
                               arrival_local, departure_at, arrival_at, aircraft_type,
                               aircraft_config, base_fares, currency, status)
          SELECT carrier, ${number}, origin, destination,
                 departure_local + make_interval(mins => ${offset}::int),
                 departure_local + make_interval(mins => ${offset + block}::int),
                 departure_at + make_interval(mins => ${offset}::int),
                 departure_at + make_interval(mins => ${offset + block}::int),
                 aircraft_type, aircraft_config, base_fares, currency, ${status}
          FROM flights WHERE id = ${base.id}
          RETURNING id, departure_at, arrival_at`;
        return f as { id: string; departure_at: Date; arrival_at: Date };
      };
      const dayBefore = await leg("9000", -24 * 60, 100);
      const first = await leg("9001", 0, 120);
      const second = await leg("9002", 150, 90); // duty overlaps the first leg's
      const evening = await leg("9003", 720, 60);
      const cancelled = await leg("9004", 300, 60, "cancelled");
      // The evening leg is delayed: its published times count (75 block minutes).
      const delayed = await s.app.request(
        `/api/admin/flights/${evening.id}/status`,
        json("POST", {
          type: "delayed",
          estimatedDepartureAt: new Date(evening.departure_at.getTime() + 30 * 60_000)
            .toISOString(),
          estimatedArrivalAt: new Date(evening.arrival_at.getTime() + 45 * 60_000).toISOString(),
          reason: "Late inbound aircraft",
        }, s.operator),
      );
      assert.equal(delayed.status, 200);

      const crew = async (n: string, name: string, role: string, active = true) => {
        const [c] = await db.sql`
          INSERT INTO crew_members (employee_number, name, role, home_base, active)
          VALUES (${n}, ${name}, ${role}, ${base.origin}, ${active}) RETURNING id`;
        return c.id as string;
      };
      const captain = await crew("RPT-1", "Grace Captain", "captain");
      const officer = await crew("RPT-2", "Alan Officer", "first_officer");
      const attendant = await crew("RPT-3", "Mary Attendant", "flight_attendant");
      const idle = await crew("RPT-4", "Ida Idle", "flight_attendant");
      const retired = await crew("RPT-5", "Rita Retired", "purser", false);
      const assign = [
        [captain, [dayBefore, first, second, evening, cancelled]],
        [officer, [second, evening]],
        [attendant, [first]],
      ] as const;
      for (const [crewId, legs] of assign) {
        for (const f of legs) {
          await db.sql`
            INSERT INTO crew_assignments (flight_id, crew_id, role)
            SELECT ${f.id}, id, role FROM crew_members WHERE id = ${crewId}`;
        }
      }

      const res = await s.get(
        "/api/admin/reports/crew-hours?from=2030-03-02&to=2030-03-03",
        s.admin,
      );
      assert.equal(res.status, 200);
      const row = (
        crewId: string,
        name: string,
        role: string,
        flights: number,
        duties: number,
        blockMinutes: number,
        dutyMinutes: number,
      ) => ({
        crewId,
        name,
        role,
        homeBase: base.origin,
        flights,
        duties,
        blockMinutes,
        dutyMinutes,
      });
      // The demo roster is listed too (with zeros); ours are compared in the order given.
      const ours = new Set([captain, officer, attendant, idle, retired]);
      const mine = (data: { crewId: string }[]) => data.filter((r) => ours.has(r.crewId));
      const blocks = res.body.data.map((r: { blockMinutes: number }) => r.blockMinutes);
      assert.deepEqual(blocks, [...blocks].sort((x, y) => y - x));
      assert.deepEqual(
        mine(res.body.data).map(({ employeeNumber: _, ...r }: Record<string, unknown>) => r),
        [
          // 120 + 90 + 75 block; duties 06h-1h..(+240)+30 = 330 and 75 + 90 = 165.
          row(captain, "Grace Captain", "captain", 3, 2, 285, 495),
          row(officer, "Alan Officer", "first_officer", 2, 2, 165, 180 + 165),
          row(attendant, "Mary Attendant", "flight_attendant", 1, 1, 120, 210),
          row(idle, "Ida Idle", "flight_attendant", 0, 0, 0, 0),
        ],
      );
      const attendants = await s.get(
        `/api/admin/reports/crew-hours?from=2030-03-02&to=2030-03-02&role=flight_attendant&base=${base.origin}`,
        s.operator,
      );
      assert.deepEqual(
        mine(attendants.body.data).map((r) => r.crewId),
        [attendant, idle],
      );
      const before = await s.get(
        "/api/admin/reports/crew-hours?from=2030-03-01&to=2030-03-01",
        s.admin,
      );
      assert.deepEqual(
        before.body.data.find((r: { crewId: string }) => r.crewId === captain),
        { ...row(captain, "Grace Captain", "captain", 1, 1, 100, 190), employeeNumber: "RPT-1" },
      );
    } finally {
      await s.close();
    }
  },
  { seededDays: 3 },
);

const REPORTS = [
  "/api/admin/reports/flights?from=2030-03-01&to=2030-03-03",
  "/api/admin/reports/routes?from=2030-03-01&to=2030-03-03",
  "/api/admin/reports/daily?from=2030-03-01&to=2030-03-03",
  "/api/admin/reports/bookings-per-hour?from=2030-03-01T00:00:00Z&to=2030-03-02T00:00:00Z",
  "/api/admin/reports/crew-hours?from=2030-03-01&to=2030-03-03",
];

testOnEachBackend("reports: staff only; a passenger gets 403 and a guest 401", async (db) => {
  const t = await testApp(db, NOW);
  try {
    const passenger = await signUp(t.app, "pat@example.test");
    const tokens: Record<string, Headers> = {};
    for (const role of ["operator", "admin"] as const) {
      const [user] = await db.sql`
        INSERT INTO users (email, name, role) VALUES (${`${role}@example.test`}, ${role}, ${role})
        RETURNING id`;
      tokens[role] = bearer(
        await signAccessToken(
          { sub: user.id, role, email: `${role}@example.test` },
          t.deps.config.jwtSecret!,
          t.clock.now(),
        ),
      );
    }
    for (const path of REPORTS) {
      const guest = await t.app.request(path);
      assert.equal(guest.status, 401, path);
      assert.equal((await guest.json()).code, "unauthenticated");
      const refused = await t.app.request(path, { headers: passenger.headers });
      assert.equal(refused.status, 403, path);
      assert.equal((await refused.json()).code, "forbidden");
      for (const headers of [tokens.operator, tokens.admin]) {
        const ok = await t.app.request(path, { headers });
        assert.equal(ok.status, 200, path);
        assert.equal(ok.headers.get("cache-control"), "no-store");
        assert.ok(Array.isArray((await ok.json()).data), path);
      }
    }
  } finally {
    await t.close();
  }
});

testOnEachBackend(
  "reports: reversed, too long and malformed ranges are 400 problems naming the field",
  async (db) => {
    const t = await testApp(db, NOW);
    try {
      const [user] = await db.sql`
        INSERT INTO users (email, name, role) VALUES ('root@example.test', 'Root', 'admin')
        RETURNING id`;
      const admin = bearer(
        await signAccessToken(
          { sub: user.id, role: "admin", email: "root@example.test" },
          t.deps.config.jwtSecret!,
          t.clock.now(),
        ),
      );
      const r = "/api/admin/reports";
      const bad: [string, string][] = [
        [`${r}/flights?from=2030-03-03&to=2030-03-01`, "to"],
        [`${r}/flights?from=2030-03-01&to=2030-06-01`, "to"],
        [`${r}/flights?from=tomorrow&to=2030-03-01`, "from"],
        [`${r}/flights?from=2030-03-01`, "to"],
        [`${r}/flights?from=2030-03-01&to=2030-03-02&sort=price`, "sort"],
        [`${r}/flights?from=2030-03-01&to=2030-03-02&limit=0`, "limit"],
        [`${r}/flights?from=2030-03-01&to=2030-03-02&page=x`, "page"],
        [`${r}/flights?from=2030-03-01&to=2030-03-02&origin=12`, "origin"],
        [`${r}/routes?from=2030-02-30&to=2030-03-01`, "from"],
        [`${r}/routes?from=2030-03-01&to=2030-06-01`, "to"],
        [`${r}/daily?from=2030-03-02&to=2030-03-01`, "to"],
        [`${r}/daily?from=2030-03-01T00:00:00Z&to=2030-03-02`, "from"],
        [`${r}/bookings-per-hour?from=2030-03-01T00:00:00Z&to=2030-03-01T00:00:00Z`, "to"],
        [`${r}/bookings-per-hour?from=2030-03-01T00:00:00Z&to=2030-04-01T00:00:01Z`, "to"],
        [`${r}/bookings-per-hour?from=2030-03-01&to=2030-03-02`, "from"],
        [`${r}/bookings-per-hour?from=2030-03-02T00:00:00Z&to=2030-03-01T00:00:00Z`, "to"],
        [`${r}/crew-hours?from=2030-03-01&to=2030-03-02&role=pilot`, "role"],
        [`${r}/crew-hours?from=2030-03-02&to=2030-03-01`, "to"],
      ];
      for (const [path, field] of bad) {
        const res = await t.app.request(path, { headers: admin });
        assert.equal(res.status, 400, path);
        assert.equal(res.headers.get("content-type"), "application/problem+json");
        const body = await res.json();
        assert.equal(body.code, "invalid_input");
        assert.ok(
          body.errors.some((e: { path: string }) => e.path === field),
          `${path}: ${JSON.stringify(body.errors)}`,
        );
      }
      // The longest ranges allowed.
      const days = await t.app.request(`${r}/daily?from=2030-03-01&to=2030-05-31`, {
        headers: admin,
      });
      assert.equal((await days.json()).data.length, 92);
      const hours = await t.app.request(
        `${r}/bookings-per-hour?from=2030-03-01T00:00:00Z&to=2030-04-01T00:00:00Z`,
        { headers: admin },
      );
      assert.equal((await hours.json()).data.length, 31 * 24);
    } finally {
      await t.close();
    }
  },
);
