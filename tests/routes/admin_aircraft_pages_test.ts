import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { PageClient, staffClient } from "../support/pages.ts";
import { seedTestSchedule } from "../support/seed.ts";

/** The form fields of a one-cabin type, as the editor posts them without JavaScript. */
function typeForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    code: "T1",
    name: "Test jet",
    manufacturer: "Acme",
    cruiseKmh: "800",
    rangeKm: "5000",
    "cabins.0.code": "Y",
    "cabins.0.name": "Economy",
    "cabins.0.firstRow": "1",
    "cabins.0.lastRow": "10",
    "cabins.0.seatsAcross": "ABC|DEF",
    "cabins.0.skipRows": "",
    "cabins.0.exitRows": "5",
    "cabins.0.extraLegroomRows": "",
    "cabins.0.blockedSeats": "2A",
    "cabins.0.missingSeats": "10C, 10D",
    ...overrides,
  };
}

testOnEachBackend(
  "aircraft pages: seats per cabin for staff; guests sign in, passengers 403",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, "2030-03-01T06:00:00Z");
    try {
      const guest = await new PageClient(t.app).get("/admin/aircraft-types");
      assert.equal(guest.status, 303);
      assert.equal(guest.headers.get("location"), "/login?next=%2Fadmin%2Faircraft-types");
      const { client: passenger } = await staffClient(t, db, "passenger");
      await passenger.html("/admin/aircraft-types", 403);
      await passenger.html("/admin/aircraft-types/A20N", 403);

      const { client: operator } = await staffClient(t, db, "operator");
      const list = await operator.html("/admin/aircraft-types");
      // The A320neo: 12 business and 156 economy seats, flown by today's schedule.
      assert.match(list, /href="\/admin\/aircraft-types\/A20N"/);
      const row =
        /<tr><th scope="row"><a href="\/admin\/aircraft-types\/A20N">[\s\S]*?<\/tr>/.exec(list)![0];
      const cells = [...row.matchAll(/<td(?: class="num")?>([^<]*)<\/td>/g)].map((m) => m[1]);
      assert.deepEqual(cells.slice(1, 6), ["–", "12", "–", "156", "168"]);
      assert.ok(Number(cells.at(-1)) > 0, "flights ahead are counted");

      const editor = await operator.html("/admin/aircraft-types/A20N");
      assert.match(editor, /data-island="LayoutEditor"/);
      assert.match(editor, /name="cabins.1.seatsAcross" value="ABC\|DEF"/);
      assert.match(editor, /not yet departed use this seat layout/);
      await operator.html("/admin/aircraft-types/ZZZZ", 404);
      await operator.html("/admin/aircraft-types/not%20a%20code", 404);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "aircraft pages: create and edit with plain forms, problems per field, layout in use refused",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db, "2030-03-01T06:00:00Z");
    try {
      const { client } = await staffClient(t, db, "admin");
      await client.html("/admin/aircraft-types/new");

      const bad = await client.post(
        "/admin/aircraft-types/new",
        typeForm({
          cruiseKmh: "fast",
          "cabins.0.lastRow": "0",
          "cabins.0.blockedSeats": "2A, 40B",
        }),
      );
      assert.equal(bad.status, 400);
      const html = await bad.text();
      assert.match(html, /id="f-cruiseKmh"[^>]*aria-invalid="true"/);
      assert.match(html, /id="f-cabins-0-blockedSeats-error"[^>]*>[^<]*40B/);
      assert.match(html, /href="#f-cabins-0-lastRow">Cabin 1, last row<\/a>/);
      assert.match(html, /name="cruiseKmh" value="fast"/, "what was typed is kept");
      assert.equal(
        (await db.sql`SELECT count(*)::int AS n FROM aircraft_types WHERE code = 'T1'`)[0].n,
        0,
      );

      const made = await client.post("/admin/aircraft-types/new", typeForm());
      assert.equal(made.status, 303, await made.text());
      assert.equal(made.headers.get("location"), "/admin/aircraft-types/T1?saved=1");
      const [row] = await db.sql`SELECT seat_count, layout
        FROM aircraft_configurations WHERE type_code = 'T1' AND is_default`;
      assert.equal(row.seat_count, 58, "60 seats less the two missing");
      assert.deepEqual(row.layout.cabins[0].blockedSeats, ["2A"]);
      assert.deepEqual(row.layout.cabins[0].exitRows, [5]);
      assert.match(
        await client.html("/admin/aircraft-types/T1?saved=1"),
        /role="status" class="notice">Saved\./,
      );

      const again = await client.post("/admin/aircraft-types/new", typeForm());
      assert.equal(again.status, 409);
      assert.match(await again.text(), /already exists/);

      // A second cabin from a spare slot, and a new name.
      const edited = await client.post(
        "/admin/aircraft-types/T1",
        typeForm({
          name: "Test jet Mk2",
          "cabins.0.firstRow": "3",
          "cabins.1.code": "J",
          "cabins.1.name": "Business",
          "cabins.1.firstRow": "1",
          "cabins.1.lastRow": "2",
          "cabins.1.seatsAcross": "AC|DF",
        }),
      );
      assert.equal(edited.status, 400, "cabins out of order are refused");
      assert.match(await edited.text(), /cabins must be ordered front to back/);
      const fixed = await client.post(
        "/admin/aircraft-types/T1",
        typeForm({
          name: "Test jet Mk2",
          "cabins.0.code": "J",
          "cabins.0.name": "Business",
          "cabins.0.firstRow": "1",
          "cabins.0.lastRow": "2",
          "cabins.0.seatsAcross": "AC|DF",
          "cabins.0.exitRows": "",
          "cabins.0.blockedSeats": "",
          "cabins.0.missingSeats": "",
          "cabins.1.code": "Y",
          "cabins.1.name": "Economy",
          "cabins.1.firstRow": "3",
          "cabins.1.lastRow": "10",
          "cabins.1.seatsAcross": "ABC|DEF",
        }),
      );
      assert.equal(fixed.status, 303, await fixed.text());
      const [after] = await db.sql`SELECT t.name, c.seat_count
        FROM aircraft_types t JOIN aircraft_configurations c ON c.type_code = t.code AND c.is_default WHERE t.code = 'T1'`;
      assert.deepEqual({ ...after }, { name: "Test jet Mk2", seat_count: 8 + 48 });

      // The A320neo flies today: renaming is fine, a new layout is refused and explained.
      const [before] = await db.sql`SELECT layout
        FROM aircraft_configurations WHERE type_code = 'A20N' AND is_default`;
      const a20n = await client.html("/admin/aircraft-types/A20N");
      const form = Object.fromEntries(
        [...a20n.matchAll(/name="([^"]+)" value="([^"]*)"/g)]
          .filter(([, k]) => k !== "_csrf")
          .map(([, k, v]) => [k, v.replaceAll("&amp;", "&")]),
      );
      const renamed = await client.post("/admin/aircraft-types/A20N", {
        ...form,
        name: "A320neo (CT)",
      });
      assert.equal(renamed.status, 303, await renamed.text());
      const moved = await client.post("/admin/aircraft-types/A20N", {
        ...form,
        "cabins.1.blockedSeats": "12A, 12B",
      });
      assert.equal(moved.status, 409);
      const refused = await moved.text();
      assert.match(
        refused,
        /The seat layout cannot change: \d+ flight\(s\) not yet departed use the seat layout of A20N/,
      );
      const [a] = await db.sql`SELECT t.name, c.layout
        FROM aircraft_types t JOIN aircraft_configurations c ON c.type_code = t.code AND c.is_default WHERE t.code = 'A20N'`;
      assert.equal(a.name, "A320neo (CT)");
      assert.deepEqual(a.layout, before.layout);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
