import assert from "node:assert/strict";
import { handleQueueMessage } from "../../actors/queue.ts";
import {
  notifyFlightRebooked,
  notifyFlightStatusChange,
} from "../../notifications/flight_notices.ts";
import { enqueueHoldsExpiringSoon } from "../../notifications/booking_notices.ts";
import { testOnEachBackend } from "../support/db.ts";
import { notifyFixture } from "../support/notify.ts";

testOnEachBackend(
  "flight notices: only held and confirmed bookings hear of a delay, once per change",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const confirmed = await s.signUp("conf@example.test");
      const held = await s.signUp("held@example.test");
      const cancelled = await s.signUp("gone@example.test");
      const refunded = await s.signUp("refund@example.test");
      const c1 = await s.book(confirmed.headers);
      assert.equal((await s.pay(confirmed.headers, c1.id)).status, 200);
      await s.book(held.headers);
      const x = await s.book(cancelled.headers);
      assert.equal((await s.cancel(cancelled.headers, x.id)).status, 200);
      const r = await s.book(refunded.headers);
      assert.equal((await s.pay(refunded.headers, r.id)).status, 200);
      assert.equal((await s.cancel(refunded.headers, r.id)).status, 200);

      const delay = {
        status: "delayed" as const,
        reason: "late inbound aircraft",
        estimatedDepartureAt: "2030-03-01T09:30:00Z",
      };
      const report = await notifyFlightStatusChange(s.deps.notifier, s.flightId, delay);
      assert.deepEqual(report, { kind: "flight_delayed", passengers: 2, crew: 0 });
      const again = await notifyFlightStatusChange(s.deps.notifier, s.flightId, delay);
      assert.equal(again.passengers, 2);
      const alerts = async (headers: Record<string, string>) =>
        (await s.inApp(headers)).data.filter((n) => n.kind.startsWith("flight_"));
      const seen = await alerts(confirmed.headers);
      assert.equal(seen.length, 1, "the same change twice notifies once");
      assert.match(seen[0].body, /late inbound aircraft/);
      assert.equal(seen[0].data.estimatedDepartureAt, "2030-03-01T09:30:00.000Z");
      assert.equal((await alerts(held.headers)).length, 1);
      assert.deepEqual(await alerts(cancelled.headers), []);
      assert.deepEqual(await alerts(refunded.headers), []);

      const gate = await notifyFlightStatusChange(s.deps.notifier, s.flightId, {
        status: "scheduled",
        gate: "B12",
      });
      assert.equal(gate.kind, "flight_gate_changed");
      const nothing = await notifyFlightStatusChange(s.deps.notifier, s.flightId, {
        status: "departed",
      });
      assert.deepEqual(nothing, { kind: null, passengers: 0, crew: 0 });
      const cancel = await notifyFlightStatusChange(s.deps.notifier, s.flightId, {
        status: "cancelled",
        reason: "weather",
        changeId: 7,
      });
      assert.equal(cancel.kind, "flight_cancelled");
      assert.deepEqual((await alerts(confirmed.headers)).map((n) => n.kind), [
        "flight_cancelled",
        "flight_gate_changed",
        "flight_delayed",
      ]);
      assert.deepEqual(await alerts(cancelled.headers), []);

      const [other] = await db.sql`
        SELECT id FROM flights WHERE id <> ${s.flightId} ORDER BY departure_at LIMIT 1`;
      const moved = await notifyFlightRebooked(s.deps.notifier, {
        bookingId: c1.id,
        fromFlightId: s.flightId,
        toFlightId: other.id,
      });
      assert.equal(moved?.inApp?.kind, "flight_rebooked");
      assert.equal(
        await notifyFlightRebooked(s.deps.notifier, {
          bookingId: x.id,
          fromFlightId: s.flightId,
          toFlightId: other.id,
        }),
        undefined,
        "a cancelled booking is not rebooked",
      );

      // Every alert is emailed to its passenger, and to nobody else.
      await s.sendEmails();
      const mailed = await db.sql`
        SELECT recipient, count(*)::int AS n FROM dev_mailbox
        WHERE subject ~ '^(Delay|Gate change|Cancelled|Rebooked)' GROUP BY recipient
        ORDER BY recipient`;
      assert.deepEqual(mailed.map((m) => [m.recipient, m.n]), [
        ["conf@example.test", 4],
        ["held@example.test", 3],
      ]);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "flight notices: assigned crew with an account hear of a status change too",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const pilot = await s.signUp("pilot@example.test");
      const [crew] = await db.sql`
        INSERT INTO crew_members (employee_number, name, role, home_base, user_id)
        VALUES ('E1', 'Amelia', 'captain', 'LHR', ${pilot.user.id}) RETURNING id`;
      await db.sql`
        INSERT INTO crew_assignments (flight_id, crew_id, role)
        VALUES (${s.flightId}, ${crew.id}, 'captain')`;
      const r = await notifyFlightStatusChange(s.deps.notifier, s.flightId, {
        status: "delayed",
        estimatedDepartureAt: new Date("2030-03-01T10:00:00Z"),
      });
      assert.deepEqual(r, { kind: "flight_delayed", passengers: 0, crew: 1 });
      assert.equal((await s.inApp(pilot.headers)).data[0].kind, "flight_delayed");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "hold notices: about to expire once per hold; expired through the queue path; paid ones never",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers } = await s.signUp("ada@example.test");
      const lapsing = await s.book(headers);
      const paying = await s.book(headers, "Byron", s.otherFlightId);
      const soon = () => enqueueHoldsExpiringSoon(db.sql, s.clock.now());
      s.clock.advance(4 * 60_000);
      assert.equal(await soon(), 0, "6 minutes left");
      s.clock.advance(2 * 60_000);
      assert.equal(await soon(), 2);
      assert.equal(await soon(), 0, "queued once per hold");
      await s.settle();
      assert.equal(await soon(), 0, "told once per hold");
      assert.equal((await s.pay(headers, paying.id)).status, 200);
      await s.settle();
      const report = await s.sendEmails();
      assert.equal(report.skipped, 1, "the paid booking's reminder email is dropped");

      s.clock.advance(5 * 60_000);
      assert.equal(await s.deps.registry.sweepExpiredHolds(), 1);
      const consume = handleQueueMessage({
        registry: s.deps.registry,
        projector: s.deps.projector,
        log: s.deps.log,
      });
      // Delivered twice (at least once): the expiry is told once.
      await consume({ kind: "project", flightId: s.flightId, upTo: 0 });
      await consume({ kind: "project", flightId: s.flightId, upTo: 0 });
      await s.settle();
      const mine = (await db.sql`
        SELECT kind, data->>'bookingId' AS booking FROM notifications ORDER BY seq`).map((
        n,
      ) => `${n.kind}:${n.booking === lapsing.id ? "lapsing" : "paying"}`);
      // The two reminders went out together (in either order); the rest in commit order.
      assert.deepEqual([...mine.slice(0, 2)].sort(), [
        "hold_expiring:lapsing",
        "hold_expiring:paying",
      ]);
      assert.deepEqual(mine.slice(2), ["booking_confirmed:paying", "hold_expired:lapsing"]);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
