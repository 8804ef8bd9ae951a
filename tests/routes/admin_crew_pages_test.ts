import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { PageClient, staffClient } from "../support/pages.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { refreshCrewPlans } from "../../services/crew/stored_plans.ts";

const NOW = "2030-03-01T06:00:00Z";
const rowsOf = (html: string) =>
  [...html.matchAll(/<th scope="row">(CT \d+ \w{3} → \w{3})/g)].map((m) => m[1]);

testOnEachBackend(
  "crew pages: a day's flights with crew and shortfalls, the roster; staff only; bad filters 400",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW);
    try {
      assert.equal((await new PageClient(t.app).get("/admin/crew")).status, 303);
      const { client: passenger } = await staffClient(t, db, "passenger");
      await passenger.html("/admin/crew", 403);
      await passenger.html("/admin/crew/members", 403);

      const { client } = await staffClient(t, db, "operator");
      const board = await client.html("/admin/crew");
      assert.match(board, /540 flight\(s\) on 2030-03-01/);
      assert.equal(rowsOf(board).length, 25);
      assert.match(
        board,
        /Needs 1 captain, 1 first officer, 4 cabin crew/,
        "an A320neo needs 4 cabin crew",
      );
      assert.match(board, /href="\/admin\/crew\?date=2030-03-01&amp;page=2" rel="next"/);

      const fra = await client.html("/admin/crew?date=2030-03-02&origin=FRA&short=1");
      assert.ok(rowsOf(fra).length > 0 && rowsOf(fra).every((r) => r.includes(" FRA → ")));
      assert.match(fra, /name="short" value="1" checked/);

      const bad = await client.get("/admin/crew?date=2030-13-45&page=0");
      assert.equal(bad.status, 400);
      const text = await bad.text();
      assert.match(text, /date: expected a date like 2030-03-01/);
      assert.match(text, /page: /);
      assert.equal((await client.get("/admin/crew/plan?date=soon")).status, 400);

      const members = await client.html("/admin/crew/members");
      const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM crew_members`;
      assert.match(members, new RegExp(`${n} crew member\\(s\\)`));
      const captains = await client.html("/admin/crew/members?role=captain&base=fra");
      assert.match(captains, /[1-9]\d* crew member\(s\)/);
      const roles = [
        ...captains.matchAll(
          /<th scope="row"><a href="\/admin\/crew\/timeline\/[^"]+">[^<]+<\/a><\/th><td>([^<]+)<\/td><td>([A-Z]{3})<\/td>/g,
        ),
      ];
      assert.ok(roles.length > 0 && roles.every((m) => m[1] === "Captain" && m[2] === "FRA"));
      assert.equal((await client.get("/admin/crew/members?role=pilot")).status, 400);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);

testOnEachBackend(
  "crew pages: assign on a flight; an illegal one lists every broken rule and needs a written reason",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW);
    try {
      const [f] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'E195' AND origin = 'FRA'
          AND departure_date = '2030-03-01' AND departure_at > ${NOW}
        ORDER BY departure_at, id LIMIT 1`;
      const [captain] = await db.sql`
        SELECT id, name FROM crew_members
        WHERE role = 'captain' AND 'E195' = ANY (type_ratings) AND home_base = 'FRA'
        ORDER BY employee_number LIMIT 1`;
      // A wide-body first officer: not rated on the E195, and not a captain.
      const [officer] = await db.sql`
        SELECT id, name FROM crew_members
        WHERE role = 'first_officer' AND NOT ('E195' = ANY (type_ratings)) AND home_base = 'FRA'
        ORDER BY employee_number LIMIT 1`;

      const { client } = await staffClient(t, db, "operator");
      const path = `/admin/crew/flights/${f.id}`;
      const page = await client.html(path);
      assert.match(page, /<optgroup label="At FRA, rated on E195">/);
      assert.match(
        page,
        new RegExp(`<option value="${captain.id}">${captain.name} · Captain · FRA`),
      );

      const ok = await client.post(`${path}/assign`, { crewId: captain.id, role: "captain" });
      assert.equal(ok.status, 303, await ok.text());
      const assigned = await client.html(`${path}?notice=assigned`);
      assert.match(assigned, /Crew member assigned\./);
      assert.match(assigned, new RegExp(`<span class="crew-role">Captain</span> ${captain.name}`));
      assert.match(assigned, /Needs 1 first officer, 3 cabin crew/);

      const illegal = await client.post(`${path}/assign`, {
        crewId: officer.id,
        role: "captain",
      });
      assert.equal(illegal.status, 422);
      const refused = await illegal.text();
      assert.match(
        refused,
        new RegExp(`Assigning ${officer.name} as captain breaks 2 rule\\(s\\)`),
      );
      assert.match(refused, /<span class="violation-code">role<\/span>/);
      assert.match(
        refused,
        /<span class="violation-code">type rating<\/span> Not rated on the E195\./,
      );
      assert.match(refused, /name="overrideReason"/);

      const terse = await client.post(`${path}/assign`, {
        crewId: officer.id,
        role: "captain",
        overrideReason: "ok",
      });
      assert.equal(terse.status, 400);
      const again = await terse.text();
      assert.match(again, /say why in at least 10 characters/);
      assert.match(
        again,
        /<span class="violation-code">type rating<\/span>/,
        "the rules are shown again",
      );

      const forced = await client.post(`${path}/assign`, {
        crewId: officer.id,
        role: "captain",
        overrideReason: "Training flight under supervision",
      });
      assert.equal(forced.status, 303, await forced.text());
      const board = await client.html("/admin/crew?origin=FRA");
      assert.match(board, /Override: Training flight under supervision/);
      assert.match(board, /class="has-warnings"/, "the override's broken rules stay visible");

      const back = "/admin/crew?date=2030-03-01&origin=FRA";
      const removed = await client.post(`${path}/unassign`, { crewId: officer.id, back });
      assert.equal(removed.status, 303);
      assert.equal(removed.headers.get("location"), `${back}&notice=removed`);
      assert.match(await client.html(`${back}&notice=removed`), /Crew member removed\./);
      const offsite = await client.post(`${path}/unassign`, {
        crewId: captain.id,
        back: "//evil.example/",
      });
      assert.equal(offsite.headers.get("location"), `${path}?notice=removed`);
      assert.equal((await client.post(`${path}/unassign`, { crewId: captain.id })).status, 404);
      assert.equal((await client.post(`${path}/unassign`, { crewId: "nobody" })).status, 400);
      const rows = await db
        .sql`SELECT count(*)::int AS n FROM crew_assignments WHERE flight_id = ${f.id}`;
      assert.equal(rows[0].n, 0);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);

testOnEachBackend(
  "crew pages: the auto-assign proposal, accepted as edited, reports each item",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW);
    try {
      const { client } = await staffClient(t, db, "admin");
      const planner = { sql: db.sql, clock: t.clock, log: t.deps.log };
      // Not planned yet: the page says so and asks the background planner for the day.
      const waiting = await client.html("/admin/crew/plan?origin=FRA");
      assert.match(waiting, /Crew proposal for 2030-03-01 from FRA/);
      assert.match(waiting, /Computing the proposal for this day/);
      assert.doesNotMatch(waiting, /name="item"/);
      const done = await refreshCrewPlans(planner);
      assert.deepEqual(done.computed.map((d) => d.date), [
        "2030-03-01",
        "2030-03-02",
        "2030-03-03",
      ]);
      const plan = await client.html("/admin/crew/plan?origin=FRA");
      assert.match(plan, /Computed at 2030-03-01 06:00 UTC in \d+\.\d s\./);
      assert.doesNotMatch(plan, /changed since/);
      const items = [...plan.matchAll(/name="item" value="([^"]+)" checked/g)].map((m) => m[1]);
      assert.ok(items.length >= 3, `only ${items.length} proposed`);
      const [flightId] = items[0].split("|");
      const mine = items.filter((i) => i.startsWith(flightId));

      const none = await client.post("/admin/crew/plan/accept", { date: "2030-03-01" });
      assert.equal(none.status, 400);
      assert.match(await none.text(), /Nothing was checked/);

      // Two of the first flight's proposals, the first one twice: it is refused the second time.
      const body = new URLSearchParams({ _csrf: client.jar.get("ct_csrf")!, date: "2030-03-01" });
      for (const item of [mine[0], mine[1], mine[0]]) body.append("item", item);
      const res = await t.app.request("/admin/crew/plan/accept", {
        method: "POST",
        headers: {
          Cookie: client.jar.header(),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body,
      });
      assert.equal(res.status, 200);
      const results = await res.text();
      assert.match(results, /2 assigned, 1 refused\./);
      assert.match(
        results,
        /<span class="bad">Refused:<\/span> The crew member is already on this flight\./,
      );
      const rows = await db
        .sql`SELECT count(*)::int AS n FROM crew_assignments WHERE flight_id = ${flightId}`;
      assert.equal(rows[0].n, 2);
      // The assignments changed what the stored plan was computed from.
      const stale = await client.html("/admin/crew/plan?origin=FRA");
      assert.match(stale, /Crew or flights changed since: a new proposal is being computed/);
      assert.deepEqual((await refreshCrewPlans(planner)).computed.map((d) => d.date), [
        "2030-03-01",
        "2030-03-02",
        "2030-03-03",
      ]);
      assert.doesNotMatch(await client.html("/admin/crew/plan?origin=FRA"), /changed since/);

      // A ride on the day's last proposed flight (the first is closed for sale by now) for a
      // member based where it departs takes a seat.
      const [lastId] = items.at(-1)!.split("|");
      const [rider] = await db.sql`
        SELECT m.id FROM crew_members m JOIN flights f ON f.id = ${lastId}
        WHERE m.home_base = f.origin AND m.role = 'flight_attendant'
          AND NOT EXISTS (SELECT 1 FROM crew_assignments a WHERE a.crew_id = m.id)
        ORDER BY m.employee_number LIMIT 1`;
      const ride = new URLSearchParams({ _csrf: client.jar.get("ct_csrf")!, date: "2030-03-01" });
      ride.append("item", mine[2] ?? mine[0]);
      ride.append("ride", `${lastId}|${rider.id}`);
      const rode = await t.app.request("/admin/crew/plan/accept", {
        method: "POST",
        headers: {
          Cookie: client.jar.header(),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: ride,
      });
      const text = await rode.text();
      assert.match(text, /<td>Positioning<\/td><td><span class="ok">Seat \d+[A-K]<\/span>/);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);

testOnEachBackend(
  "crew pages: a member's duty timeline shows each day's duties, the rest and where they are",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW);
    try {
      // A FRA narrow-body captain out on day one and home on day two.
      const [pair] = await db.sql`
        SELECT o.id AS out_id, o.destination, r.id AS back_id
        FROM flights o JOIN flights r ON r.origin = o.destination AND r.destination = 'FRA'
          AND r.departure_date = '2030-03-02'
        WHERE o.origin = 'FRA' AND o.departure_date = '2030-03-01'
          AND o.aircraft_type = 'A20N' AND r.aircraft_type = 'A20N'
          AND r.departure_at > o.arrival_at + interval '12 hours'
        ORDER BY o.departure_at, o.id, r.departure_at, r.id LIMIT 1`;
      const [captain] = await db.sql`
        SELECT id, name FROM crew_members
        WHERE role = 'captain' AND 'A20N' = ANY (type_ratings) AND home_base = 'FRA'
        ORDER BY employee_number LIMIT 1`;
      const { client } = await staffClient(t, db, "operator");
      for (const id of [pair.out_id, pair.back_id]) {
        const res = await client.post(`/admin/crew/flights/${id}/assign`, {
          crewId: captain.id,
          role: "captain",
        });
        assert.equal(res.status, 303, await res.text());
      }
      const members = await client.html("/admin/crew/members?base=FRA&role=captain");
      assert.ok(members.includes(`href="/admin/crew/timeline/${captain.id}"`));
      const page = await client.html(`/admin/crew/timeline/${captain.id}?from=2030-03-01`);
      assert.match(page, new RegExp(`Duties of ${captain.name}`));
      const rows = [
        ...page.matchAll(
          /<tr><th scope="row">([\d-]+)<\/th><td>(.*?)<\/td><td>([A-Z]{3})<\/td><\/tr>/g,
        ),
      ];
      assert.deepEqual(rows.map((r) => [r[1], r[3]]).slice(0, 3), [
        ["2030-03-01", pair.destination],
        ["2030-03-02", "FRA"],
        ["2030-03-03", "FRA"],
      ]);
      const text = rows[0][2].replace(/<[^>]+>/g, "");
      assert.match(text, /Captain/);
      assert.match(text, /then \d+ h \d{2} min rest/);
      assert.match(rows[2][2], /No duty/);
      assert.equal((await client.get(`/admin/crew/timeline/${crypto.randomUUID()}`)).status, 404);
      assert.equal((await client.get(`/admin/crew/timeline/${captain.id}?from=soon`)).status, 400);
      assert.equal((await client.get("/admin/crew/timeline/nope")).status, 400);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);
