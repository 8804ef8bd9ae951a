import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { testApp } from "../support/app.ts";
import { json, signUp } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { findAlternatives } from "../../db/reaccommodation_repo.ts";
import { cabinCounters } from "../../domain/inventory/state.ts";

const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" };

testOnEachBackend(
  "reaccommodation: premium first, then by booking date, onto a partly full flight, else a connection or a refund",
  async (db) => {
    await seedTestSchedule(db.sql, 2);
    const t = await testApp(db, "2030-02-20T00:00:00Z");
    try {
      const { headers: op } = await staffHeaders(t, db, "operator");
      // A short A320neo route flown several times a day: there is a later flight the same day.
      const [f] = await db.sql`
        SELECT a.id, a.origin, a.destination, a.departure_at FROM flights a
        WHERE a.aircraft_type = 'A20N' AND a.departure_date = '2030-03-01' AND EXISTS (
          SELECT 1 FROM flights b WHERE b.origin = a.origin AND b.destination = a.destination
            AND b.departure_at > a.departure_at AND b.departure_date = '2030-03-01')
        ORDER BY a.departure_at LIMIT 1`;
      const book = async (who: string, cabin: "J" | "Y", party: number) => {
        const user = await signUp(t.app, `${who}@example.test`);
        const passengers = Array.from({ length: party }, (_, i) => ({
          firstName: `${who}${"abc"[i]}`,
          lastName: "Traveller",
        }));
        const res = await t.app.request(
          "/api/bookings",
          json("POST", { flightId: f.id, cabin, passengers }, user.headers),
        );
        const booking = await res.json();
        assert.equal(res.status, 201, JSON.stringify(booking));
        const paid = await t.app.request(
          `/api/bookings/${booking.id}/pay`,
          json("POST", { card: VISA }, { ...user.headers, "Idempotency-Key": `pay-${who}` }),
        );
        assert.equal(paid.status, 200);
        t.clock.advance(60_000);
        return { ...booking, headers: user.headers };
      };
      const alma = await book("alma", "Y", 1);
      const bo = await book("bo", "Y", 2);
      const cy = await book("cy", "Y", 1);
      const dee = await book("dee", "J", 1);

      const alternatives = await findAlternatives(
        db.sql,
        { id: f.id, origin: f.origin, destination: f.destination },
        f.departure_at.getTime(),
        f.departure_at.getTime() + 72 * 3600_000,
      );
      const next = alternatives.filter((a) => a.length === 1)
        .sort((a, b) => a[0].arrivalAt - b[0].arrivalAt)[0][0];
      // The next direct flight is partly full: two economy seats left, business closed.
      // Business is closed on every alternative, so the business passenger cannot move.
      for (const id of new Set(alternatives.flat().map((l) => l.flightId))) {
        const inv = await t.deps.registry.inventory(id);
        const y = cabinCounters(inv).find((c) => c.cabin === "Y")!;
        const res = await t.app.request(
          `/api/admin/flights/${id}/pricing`,
          json("PUT", {
            authorized: {
              ...(inv.state.cabins.some((c) => c.code === "J") ? { J: 0 } : {}),
              ...(id === next.flightId ? { Y: y.held + y.sold + 2 } : {}),
            },
          }, op),
        );
        assert.equal(res.status, 200, await res.text());
      }

      // The dry run first: the same plan, nothing held, nothing changed.
      const state = async () => ({
        flights: await db.sql`SELECT id, status, version FROM flights ORDER BY id`,
        counters: await Promise.all(
          [f.id, ...new Set(alternatives.flat().map((l) => l.flightId))].sort().map(async (id) =>
            cabinCounters(await t.deps.registry.inventory(id))
          ),
        ),
        segments: await db.sql`SELECT booking_id, flight_id, seats, status FROM booking_segments
          ORDER BY booking_id, flight_id`,
        audit: (await db.sql`SELECT count(*)::int AS n FROM audit_log`)[0].n,
      });
      const before = await state();
      const previewed = await t.app.request(
        `/api/admin/flights/${f.id}/status/preview`,
        json("POST", { type: "cancelled", reason: "Crew shortage" }, op),
      );
      const plan = await previewed.json();
      assert.equal(previewed.status, 200, JSON.stringify(plan));
      assert.equal(plan.estimate, true);
      assert.equal(plan.passengersAffected, 5);
      assert.deepEqual(await state(), before);

      const res = await t.app.request(
        `/api/admin/flights/${f.id}/status`,
        json("POST", { type: "cancelled", reason: "Crew shortage" }, op),
      );
      const body = await res.json();
      assert.equal(res.status, 200, JSON.stringify(body));
      const r = body.reaccommodation;
      // Nothing moved in between, so the estimate was what happened.
      assert.deepEqual(
        plan.rebooked.map((x: { bookingId: string; flights: { flightId: string }[] }) => [
          x.bookingId,
          x.flights.map((l) => l.flightId),
        ]).sort(),
        r.rebooked.map((x: { bookingId: string; flightIds: string[] }) => [
          x.bookingId,
          x.flightIds,
        ]).sort(),
      );
      assert.deepEqual(
        plan.refundOffered.map((x: { pnr: string }) => x.pnr),
        r.refundOffered.map((x: { pnr: string }) => x.pnr),
      );
      assert.ok(
        plan.rebooked.every((x: { flights: { label: string }[] }) =>
          x.flights.every((l) => /^CT /.test(l.label))
        ),
      );
      const late = await t.app.request(
        `/api/admin/flights/${f.id}/status/preview`,
        json("POST", { type: "cancelled" }, op),
      );
      assert.equal(late.status, 409, "a cancelled flight has nothing left to dry-run");
      const outcome = new Map<string, string[]>(
        r.rebooked.map((
          x: { bookingId: string; flightIds: string[] },
        ) => [x.bookingId, x.flightIds]),
      );
      assert.deepEqual(outcome.get(alma.id), [next.flightId], "first economy booking: next flight");
      assert.deepEqual(outcome.get(cy.id), [next.flightId], "a single seat still fits after her");
      assert.ok(outcome.get(bo.id), "the party of two is rebooked later");
      assert.notEqual(outcome.get(bo.id)![0], next.flightId, "two seats did not fit the next one");
      assert.deepEqual(r.refundOffered.map((x: { bookingId: string }) => x.bookingId), [dee.id]);

      // Nothing oversold: the next flight's economy is exactly full, never over.
      const y = cabinCounters(await t.deps.registry.inventory(next.flightId))
        .find((c) => c.cabin === "Y")!;
      assert.equal(y.available, 0);
      assert.equal(y.held + y.sold, y.authorized);

      // Alma's booking moved with her fare: the old coupon is exchanged, a new one is live on
      // the same ticket.
      const moved =
        await (await t.app.request(`/api/bookings/${alma.id}`, { headers: alma.headers }))
          .json();
      assert.equal(moved.status, "confirmed");
      assert.equal(moved.flightId, next.flightId);
      const tickets = await db.sql`
        SELECT c.ticket_number, c.coupon, c.flight_id, c.status, c.fare_amount
        FROM ticket_coupons c JOIN tickets t ON t.number = c.ticket_number
        WHERE t.booking_id = ${alma.id} ORDER BY c.coupon`;
      assert.deepEqual(tickets.map((x) => [x.coupon, x.flight_id, x.status]), [
        [1, f.id, "exchanged"],
        [2, next.flightId, "open"],
      ]);
      assert.equal(tickets[1].ticket_number, tickets[0].ticket_number);
      assert.equal(tickets[1].fare_amount, tickets[0].fare_amount);
      // Notices follow the rebooking through the outbox.
      await t.settle();
      const kinds = async (h: Record<string, string>) =>
        (await (await t.app.request("/api/me/notifications", { headers: h })).json()).data
          .map((n: { kind: string }) => n.kind);
      assert.ok((await kinds(alma.headers)).includes("flight_rebooked"));
      assert.ok((await kinds(dee.headers)).includes("flight_refund_offered"));

      // The passenger offered a refund gets all of it back, not the fare rule's 90%.
      const cancelled = await (await t.app.request(
        `/api/bookings/${dee.id}/cancel`,
        json("POST", undefined, dee.headers),
      )).json();
      assert.equal(cancelled.refunded, dee.total);
      const outcomes = await (await t.app.request(
        `/api/admin/flights/${f.id}/reaccommodation`,
        { headers: op },
      )).json();
      assert.equal(
        outcomes.data.find((o: { bookingId: string }) => o.bookingId === dee.id).status,
        "refunded",
      );

      // Running it again moves nobody twice.
      const again = await (await t.app.request(
        `/api/admin/flights/${f.id}/reaccommodate`,
        json("POST", undefined, op),
      )).json();
      assert.deepEqual([again.rebooked.length, again.refundOffered.length], [0, 0]);
      const reconcile = await (await t.app.request(
        `/api/admin/flights/${next.flightId}/reconcile`,
        { headers: op },
      )).json();
      assert.equal(reconcile.inSync, true, JSON.stringify(reconcile.drift));
      const notCancelled = await t.app.request(
        `/api/admin/flights/${next.flightId}/reaccommodate`,
        json("POST", undefined, op),
      );
      assert.equal(notCancelled.status, 409);
    } finally {
      await t.close();
    }
  },
  { seededDays: 2 },
);
