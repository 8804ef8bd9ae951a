/**
 * Erasure is immediate and complete (issue 17 #2): after `DELETE /api/me` the same token does
 * nothing, and no table (nor the KV store) still holds the passenger's email, names or date
 * of birth.
 */
import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { bearer, json, signUp, TEST_PASSWORD, VISA } from "../support/http.ts";

/** Any KV value or key as text: bytes decoded, bigints as digits. */
function textOf(v: unknown): string {
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return JSON.stringify(v, (_, x) => typeof x === "bigint" ? String(x) : x) ?? "";
}

const SECRETS = ["zelda.quixote@example.test", "Zeldaria", "Quixotique", "1984-07-23", "Yorwick"];

testOnEachBackend(
  "erasure: the token dies at once and no table keeps the passenger's email, names or birth date",
  async (db) => {
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const [flight] = await db.sql`
        SELECT id, departure_at FROM flights WHERE aircraft_type = 'A20N'
        ORDER BY departure_at LIMIT 1`;
      let { headers } = await signUp(t.app, SECRETS[0]);
      await t.app.request(`/api/flights/search?from=LHR&to=CDG&date=2030-03-01`, { headers });
      const passengers = [
        {
          firstName: "Zeldaria",
          lastName: "Quixotique",
          dateOfBirth: "1984-07-23",
          email: SECRETS[0],
        },
        { firstName: "Yorwick", lastName: "Quixotique", dateOfBirth: "1984-07-23" },
      ];
      const held = await t.app.request(
        "/api/bookings",
        json("POST", { flightId: flight.id, cabin: "Y", passengers }, {
          ...headers,
          "Idempotency-Key": "erase-me-1",
        }),
      );
      assert.equal(held.status, 201);
      const booking = await held.json();
      const paid = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", { card: VISA }, { ...headers, "Idempotency-Key": "erase-pay-1" }),
      );
      assert.equal(paid.status, 200);
      t.clock.set(new Date(flight.departure_at.getTime() - 23 * 3600_000));
      const login = await t.app.request(
        "/api/auth/login",
        json("POST", { email: SECRETS[0], password: TEST_PASSWORD }),
      );
      headers = bearer((await login.json()).accessToken);
      const checkedIn = await t.app.request(
        `/api/bookings/${booking.id}/check-in`,
        json("POST", undefined, headers),
      );
      assert.equal(checkedIn.status, 200, await checkedIn.text());
      await t.settle();

      const erased = await t.app.request("/api/me", { method: "DELETE", headers });
      assert.equal(erased.status, 204);
      // The same access token is dead now, not in 15 minutes.
      assert.equal((await t.app.request("/api/me", { headers })).status, 401);
      const again = await t.app.request(
        "/api/bookings",
        json("POST", { flightId: flight.id, cabin: "Y", passengers }, headers),
      );
      assert.equal(again.status, 401);
      await t.settle();

      const tables = await db.sql<{ table_name: string }[]>`
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`;
      const leaks: string[] = [];
      for (const { table_name } of tables) {
        const rows = await db.sql`SELECT t::text AS row FROM ${db.sql(table_name)} t`;
        for (const { row } of rows) {
          for (const secret of SECRETS) {
            if (row.toLowerCase().includes(secret.toLowerCase())) {
              leaks.push(`${table_name}: ${secret}`);
            }
          }
        }
      }
      for await (const entry of t.deps.kv.list({ prefix: [] })) {
        const text = textOf(entry.value) + textOf(entry.key);
        for (const secret of SECRETS) {
          if (text.toLowerCase().includes(secret.toLowerCase())) {
            leaks.push(`kv ${JSON.stringify(entry.key)}: ${secret}`);
          }
        }
      }
      assert.deepEqual([...new Set(leaks)], []);
      // The booking itself, its tickets and its payment stay for the accounts.
      const [kept] = await db.sql`
        SELECT b.status, b.total_amount, (SELECT count(*)::int FROM tickets t
          WHERE t.booking_id = b.id) AS tickets
        FROM bookings b WHERE b.id = ${booking.id}`;
      assert.deepEqual([kept.status, kept.tickets], ["confirmed", 2]);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
