import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { notifyFixture } from "../support/notify.ts";
import { staffHeaders } from "../support/staff.ts";
import { staffClient } from "../support/pages.ts";
import { json } from "../support/http.ts";
import { CsvParser } from "../../domain/csv.ts";
import { MANIFEST_COLUMNS } from "../../domain/manifest.ts";

/** A flight of the test's own, 20 h after the fixture's clock: check-in is open. */
function flight(n: string, from: string, to: string, dep: string, arr: string) {
  return {
    flightNumber: n,
    origin: from,
    destination: to,
    departureLocal: dep,
    arrivalLocal: arr,
    aircraftType: "A20N",
    baseFares: { J: 45_000, Y: 12_000 },
  };
}

/** Parses CSV text with the project's RFC 4180 reader (not the writer that made it). */
function parseCsv(text: string): string[][] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()].map((r) => {
    assert.ok("fields" in r, JSON.stringify(r));
    return r.fields;
  });
}

testOnEachBackend(
  "manifest: passengers by seat with check-in, exit-row eligibility and connections, as JSON and CSV",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers: op } = await staffHeaders(s, db, "operator");
      const create = async (body: unknown) => {
        const res = await s.app.request("/api/admin/flights", json("POST", body, op));
        assert.equal(res.status, 201, await res.clone().text());
        return (await res.json()).id as string;
      };
      // London 20:00 GMT to Paris, then Paris 23:30 CET on to Frankfurt: a 70-minute connection.
      const first = await create(
        flight("5101", "LHR", "CDG", "2030-02-20T20:00", "2030-02-20T22:20"),
      );
      const second = await create(
        flight("5102", "CDG", "FRA", "2030-02-20T23:30", "2030-02-21T00:45"),
      );
      const ada = await s.signUp("ada-manifest@example.test");
      const res = await s.app.request(
        "/api/bookings",
        json("POST", {
          segments: [{ flightId: first, cabin: "Y", seats: ["11A", "11B"] }, {
            flightId: second,
            cabin: "Y",
          }],
          passengers: [
            { firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1990-01-01" },
            { firstName: "Byron", lastName: "O'Lovelace", dateOfBirth: "1980-05-05" },
          ],
        }, ada.headers),
      );
      const journey = await res.json();
      assert.equal(res.status, 201, JSON.stringify(journey));
      assert.equal((await s.pay(ada.headers, journey.id)).status, 200);
      const checkIn = await s.app.request(
        `/api/bookings/${journey.id}/check-in?flightId=${first}`,
        json("POST", undefined, ada.headers),
      );
      assert.equal(checkIn.status, 200, await checkIn.clone().text());
      const pat = await s.signUp("pat-manifest@example.test");
      const single = await s.book(pat.headers, "Zed", first);
      assert.equal((await s.pay(pat.headers, single.id)).status, 200);
      // A date of birth corrected after booking leaves a 9-year-old in an exit row.
      await db.sql`
        UPDATE booking_passengers SET date_of_birth = '2021-01-01'
        WHERE booking_id = ${journey.id} AND first_name = 'Byron'`;

      const body = await (await s.app.request(`/api/admin/flights/${first}/manifest`, {
        headers: op,
      })).json();
      assert.deepEqual(body.summary, {
        passengers: 3,
        checkedIn: 2,
        exitRowProblems: 1,
        connectingIn: 0,
        connectingOut: 2,
      });
      // Seat order: Zed was given 4A, the front of economy.
      const [z, a, b] = body.passengers;
      assert.deepEqual([a.seat, a.lastName, a.status, a.exitRow, a.exitRowEligible], [
        "11A",
        "Lovelace",
        "checked_in",
        true,
        true,
      ]);
      assert.deepEqual([b.seat, b.exitRowEligible, b.exitRowProblem], [
        "11B",
        false,
        "under 15 (9 at departure)",
      ]);
      assert.equal(a.outbound.flight, "CT 5102");
      assert.equal(a.outbound.airport, "FRA");
      assert.equal(a.outbound.at, "2030-02-20T22:30:00.000Z");
      assert.equal(z.lastName, "Zed");
      assert.deepEqual([z.exitRow, z.exitRowEligible, z.outbound], [false, null, null]);

      const onward = await (await s.app.request(`/api/admin/flights/${second}/manifest`, {
        headers: op,
      })).json();
      assert.equal(onward.summary.connectingIn, 2);
      assert.deepEqual(onward.passengers[0].inbound, {
        flight: "CT 5101",
        airport: "LHR",
        at: "2030-02-20T21:20:00.000Z",
      });

      for (
        const req of [
          s.app.request(`/api/admin/flights/${first}/manifest?format=csv`, { headers: op }),
          s.app.request(`/api/admin/flights/${first}/manifest`, {
            headers: { ...op, Accept: "text/csv" },
          }),
        ]
      ) {
        const csv = await req;
        assert.equal(csv.status, 200);
        assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
        assert.equal(
          csv.headers.get("content-disposition"),
          'attachment; filename="manifest-CT5101-2030-02-20.csv"',
        );
        const rows = parseCsv(await csv.text());
        assert.deepEqual(rows[0], [...MANIFEST_COLUMNS]);
        assert.equal(rows.length, 4);
        const col = (r: string[], name: string) => r[MANIFEST_COLUMNS.indexOf(name as never)];
        assert.deepEqual(rows.slice(1).map((r) => col(r, "last_name")), [
          "Zed",
          "Lovelace",
          "O'Lovelace",
        ]);
        assert.equal(col(rows[3], "exit_row_eligible"), "no");
        assert.equal(col(rows[3], "exit_row_problem"), "under 15 (9 at departure)");
        assert.equal(col(rows[2], "outbound_flight"), "CT 5102");
        assert.equal(col(rows[1], "exit_row"), "no");
      }

      // The operators' page shows the same, flags the exit-row problem and offers the CSV.
      const { client } = await staffClient(s, db, "operator");
      const html = await client.html(`/admin/flights/${first}/manifest`);
      assert.match(html, /3 passengers, 2 checked in; 0 connecting in,\s*2 connecting on/);
      assert.match(html, /1 passenger\s*may not sit in an exit row/);
      assert.match(html, /Not eligible: under 15 \(9 at departure\)/);
      assert.match(html, /CT 5102 to FRA/);
      const download = await client.get(`/admin/flights/${first}/manifest?format=csv`);
      assert.equal(download.headers.get("content-type"), "text/csv; charset=utf-8");
      assert.equal(parseCsv(await download.text()).length, 4);
      assert.match(await client.html(`/admin/flights/${first}`), /Passenger manifest/);

      const passenger = await s.app.request(`/api/admin/flights/${first}/manifest`, {
        headers: pat.headers,
      });
      assert.equal(passenger.status, 403);
      const bad = await s.app.request(`/api/admin/flights/${first}/manifest?format=xml`, {
        headers: op,
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get("content-type"), "application/problem+json");
      const none = await s.app.request(`/api/admin/flights/${crypto.randomUUID()}/manifest`, {
        headers: op,
      });
      assert.equal(none.status, 404);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
