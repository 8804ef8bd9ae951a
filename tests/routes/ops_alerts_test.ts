import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { sweepCrewShortfalls } from "../../services/status/ops_alerts.ts";
import { SseReader } from "../support/sse.ts";

const NOW = "2030-03-01T06:00:00Z";

async function alertsOf(sql: import("../../db/postgres.ts").Sql, userId: string) {
  const rows = await sql`
    SELECT data->>'condition' AS condition, data->>'flightId' AS flight FROM notifications
    WHERE user_id = ${userId} AND kind = 'ops_alert' ORDER BY seq`;
  return rows.map((r) => `${r.condition}:${r.flight}`);
}

testOnEachBackend(
  "ops alerts: a long delay reaches each operator and admin once, a short one not at all",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW);
    try {
      const op = await staffHeaders(t, db, "operator");
      const admin = await staffHeaders(t, db, "admin");
      const passenger = await staffHeaders(t, db, "passenger");
      // Flights more than 24 h out: their missing crew is not (yet) an alert of its own.
      const [f] = await db.sql`
        SELECT id, departure_at FROM flights WHERE departure_at > ${NOW}::timestamptz + interval '30 hours'
        ORDER BY departure_at LIMIT 1`;
      const [g] = await db.sql`
        SELECT id, departure_at FROM flights WHERE departure_at > ${NOW}::timestamptz + interval '30 hours'
          AND id <> ${f.id} ORDER BY departure_at LIMIT 1`;
      const delay = (id: string, from: Date, minutes: number) =>
        t.app.request(
          `/api/admin/flights/${id}/status`,
          json("POST", {
            type: "delayed",
            estimatedDepartureAt: new Date(from.getTime() + minutes * 60_000).toISOString(),
            reason: "Late inbound aircraft",
          }, op.headers),
        );
      assert.equal((await delay(g.id, g.departure_at, 20)).status, 200, "a short delay");
      assert.equal((await delay(f.id, f.departure_at, 45)).status, 200);
      assert.equal((await delay(f.id, f.departure_at, 90)).status, 200, "delayed again");
      for (const who of [op, admin]) {
        assert.deepEqual(await alertsOf(db.sql, who.userId), [`delay:${f.id}`]);
      }
      assert.deepEqual(await alertsOf(db.sql, passenger.userId), []);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);

testOnEachBackend(
  "ops alerts: the crew sweep flags each short flight within 24 h once, however often it runs",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW);
    try {
      const op = await staffHeaders(t, db, "operator");
      const now = Date.parse(NOW);
      const [{ soon }] = await db.sql`
        SELECT count(*)::int AS soon FROM flights
        WHERE departure_at > ${NOW}::timestamptz
          AND departure_at <= ${NOW}::timestamptz + interval '24 hours'
          AND status NOT IN ('cancelled', 'departed', 'arrived')`;
      assert.ok(soon > 0);
      // Small batches: the sweep pages through every one of them.
      const first = await sweepCrewShortfalls({ sql: db.sql, kv: t.deps.kv }, now, 7);
      const again = await sweepCrewShortfalls({ sql: db.sql, kv: t.deps.kv }, now, 7);
      const alerts = await alertsOf(db.sql, op.userId);
      assert.equal(alerts.length, soon, "every flight of the seed lacks crew");
      assert.equal(new Set(alerts).size, soon, "once each");
      assert.ok(alerts.every((a) => a.startsWith("crew_short:")));
      assert.ok(first >= soon);
      assert.equal(again, 0);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);

testOnEachBackend(
  "ops alerts: each alert is an event on the ops stream once, live and on resume",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, NOW, { env: { SSE_HEARTBEAT_MS: "60000" } });
    try {
      const op = await staffHeaders(t, db, "operator");
      const open = async (headers: Record<string, string>) => {
        const res = await t.app.request("/api/admin/ops/stream", { headers });
        assert.equal(res.status, 200);
        return new SseReader(res);
      };
      const [f] = await db.sql`
        SELECT id, departure_at FROM flights WHERE departure_at > ${NOW}::timestamptz + interval '30 hours'
        ORDER BY departure_at LIMIT 1`;
      const delay = (minutes: number) =>
        t.app.request(
          `/api/admin/flights/${f.id}/status`,
          json("POST", {
            type: "delayed",
            estimatedDepartureAt: new Date(f.departure_at.getTime() + minutes * 60_000)
              .toISOString(),
            reason: "Late inbound aircraft",
          }, op.headers),
        );
      const board = await open(op.headers);
      await board.expect("snapshot");
      assert.equal((await delay(45)).status, 200);
      await board.expectPast("status", ["counters"]);
      const alert = await board.expectPast<{ flightId: string; condition: string; title: string }>(
        "alert",
        ["counters"],
      );
      assert.equal(alert.data.flightId, f.id);
      assert.equal(alert.data.condition, "delay");
      assert.ok(alert.data.title.length > 0);
      assert.equal((await delay(90)).status, 200, "delayed again: no second alert");
      await board.expectPast("status", ["counters"]);
      await board.close();

      // A board that resumes from the start gets the whole ops log: one alert among it.
      const resumed = await open({ ...op.headers, "Last-Event-ID": "0" });
      const kinds: string[] = [];
      for (let e = await resumed.next(); e.event !== "snapshot"; e = await resumed.next()) {
        kinds.push(e.event);
      }
      await resumed.close();
      assert.deepEqual(kinds, ["status", "alert", "status"]);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);
