import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { streamSetup } from "../support/streams.ts";
import { insertNotification } from "../../db/notifications_repo.ts";
import { SCHEDULE_VERSION_KEY } from "../../services/flights/cache_keys.ts";

type Status = { version: number; status: string; kind?: string; gate: string | null };

function test(name: string, fn: Parameters<typeof testOnEachBackend>[1]) {
  testOnEachBackend(`streams: ${name}`, fn, { seededDays: 1 });
}

test("a status change reaches the status stream and the ops stream", async (db) => {
  const s = await streamSetup(db);
  try {
    const status = await s.open(`/api/flights/${s.flightId}/status/stream`);
    const snapshot = await status.expect<Status>("snapshot");
    assert.equal(snapshot.data.status, "scheduled");
    const ops = await s.open("/api/admin/ops/stream", s.operator);
    const board = await ops.expect<{ opsSeq: number; flights: unknown[] }>("snapshot");
    assert.equal(board.data.opsSeq, 0);

    const [flight] = await db.sql`SELECT departure_at FROM flights WHERE id = ${s.flightId}`;
    const later = new Date(flight.departure_at.getTime() + 45 * 60_000).toISOString();
    const res = await s.publish({ type: "delayed", estimatedDepartureAt: later, reason: "ATC" });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).kind, "delayed");

    const delayed = await status.expect<Status & { estimatedDepartureAt: string }>("status");
    assert.equal(delayed.data.status, "delayed");
    assert.equal(delayed.data.estimatedDepartureAt, later);
    assert.equal(delayed.id, String(snapshot.data.version + 1));
    // The commit that changed the status also moved the flight's booking counters, and the
    // ops stream may send those on either side of the status event.
    const opsEvent = await ops.expectPast<Status & { flightId: string }>("status", ["counters"]);
    assert.equal(opsEvent.id, "1");
    assert.equal(opsEvent.data.flightId, s.flightId);

    // Stored: the row, its history, and the search caches' schedule version moved on.
    const [row] = await db.sql`SELECT status, status_reason, version FROM flights
      WHERE id = ${s.flightId}`;
    assert.deepEqual({ ...row }, { status: "delayed", status_reason: "ATC", version: 2 });
    const history = await db.sql`SELECT kind FROM flight_status_events
      WHERE flight_id = ${s.flightId}`;
    assert.deepEqual(history.map((h) => h.kind), ["delayed"]);
    assert.equal(await s.deps.store.get(SCHEDULE_VERSION_KEY), 1);

    await s.publish({ type: "gate_changed", gate: "b12" });
    assert.equal((await status.expect<Status>("status")).data.gate, "B12");
    await status.close();
    // A client that dropped after the delay resumes with exactly the gate change.
    const resumed = await s.open(`/api/flights/${s.flightId}/status/stream`, {
      "Last-Event-ID": delayed.id!,
    });
    const gate = await resumed.expect<Status>("status");
    assert.equal(gate.data.kind, "gate_changed");
    await resumed.close();
    await ops.close();
    assert.equal(await s.watchersGone(), 0);
  } finally {
    await s.close();
  }
});

test("illegal transitions are 409 and change nothing; bad bodies are 400", async (db) => {
  const s = await streamSetup(db);
  try {
    const cases: [object, number, string][] = [
      [{ type: "arrived" }, 409, "illegal_transition"],
      [{ type: "departed" }, 409, "illegal_transition"],
      [
        { type: "delayed", estimatedDepartureAt: "2020-01-01T00:00:00Z", reason: "x" },
        422,
        "invalid_times",
      ],
      [{ type: "delayed", estimatedDepartureAt: "soon", reason: "x" }, 400, "invalid_input"],
      [{ type: "cancelled" }, 400, "invalid_input"],
      [{ type: "gate_changed", gate: "<script>" }, 400, "invalid_input"],
      [{ type: "boarding", extra: 1 }, 400, "invalid_input"],
      [{ type: "teleported" }, 400, "invalid_input"],
    ];
    for (const [body, status, code] of cases) {
      const res = await s.publish(body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(res.headers.get("content-type"), "application/problem+json");
      assert.equal((await res.json()).code, code);
    }
    const unknown = await s.publish({ type: "boarding" }, crypto.randomUUID());
    assert.equal(unknown.status, 404);
    assert.equal((await s.publish({ type: "cancelled", reason: "Crew" })).status, 200);
    const after = await s.publish({ type: "boarding" });
    assert.equal(after.status, 409, "nothing after cancelled");
    const [row] = await db.sql`SELECT status, version FROM flights WHERE id = ${s.flightId}`;
    assert.deepEqual({ ...row }, { status: "cancelled", version: 2 });
    const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM flight_status_events`;
    assert.equal(n, 1);

    const passenger = await s.publish({ type: "boarding" }, s.flightId, s.ada.headers);
    assert.equal(passenger.status, 403);
    const guest = await s.publish({ type: "boarding" }, s.flightId, {});
    assert.equal(guest.status, 401);
  } finally {
    await s.close();
  }
});

test("a hold shows on the ops stream as the flight's new counters", async (db) => {
  const s = await streamSetup(db);
  try {
    const ops = await s.open("/api/admin/ops/stream", await s.staff("admin"));
    await ops.expect("snapshot");
    await s.hold(["14A", "14B"]);
    type Counters = { flightId: string; cabins: { cabin: string; held: number; sold: number }[] };
    const counters = await ops.expect<Counters>("counters");
    assert.equal(counters.data.flightId, s.flightId);
    const y = counters.data.cabins.find((c) => c.cabin === "Y")!;
    assert.deepEqual([y.held, y.sold], [2, 0]);
    await ops.close();
    // A new ops client gets the counters in its snapshot.
    const later = await s.open("/api/admin/ops/stream", s.operator);
    const snap = await later.expect<{ flights: Counters[] }>("snapshot");
    const listed = snap.data.flights.find((f) => f.flightId === s.flightId);
    assert.equal(listed?.cabins.find((c) => c.cabin === "Y")?.held, 2);
    await later.close();

    for (const [headers, status] of [[s.ada.headers, 403], [{}, 401]] as const) {
      const res = await s.app.request("/api/admin/ops/stream", { headers });
      assert.equal(res.status, status);
      await res.body?.cancel();
    }
  } finally {
    await s.close();
  }
});

test("an inserted notification reaches the user's stream, and only theirs", async (db) => {
  const s = await streamSetup(db);
  try {
    const bob = await (await import("../support/http.ts")).signUp(s.app, "bob@example.test");
    const mine = await s.open("/api/me/notifications/stream", s.ada.headers);
    const ready = await mine.expect<{ lastSeq: number }>("ready");
    const bobs = await s.open("/api/me/notifications/stream", bob.headers);
    await bobs.expect("ready");
    const note = (userId: string, key: string) =>
      insertNotification(db.sql, s.deps.kv, {
        userId,
        kind: "test",
        title: key,
        body: "Hello",
        dedupeKey: key,
      });
    await note(s.ada.user.id, "n1");
    const got = await mine.expect<{ seq: number; title: string }>("notification");
    assert.equal(got.data.title, "n1");
    assert.equal(got.id, String(got.data.seq));
    assert.ok(got.data.seq > ready.data.lastSeq);
    await note(bob.user.id, "b1");
    assert.equal((await bobs.expect<{ title: string }>("notification")).data.title, "b1");
    await mine.close();

    await note(s.ada.user.id, "n2");
    await note(s.ada.user.id, "n3");
    const resumed = await s.open("/api/me/notifications/stream", {
      ...s.ada.headers,
      "Last-Event-ID": got.id!,
    });
    const titles = [
      (await resumed.expect<{ title: string }>("notification")).data.title,
      (await resumed.expect<{ title: string }>("notification")).data.title,
    ];
    assert.deepEqual(titles, ["n2", "n3"]);
    await note(s.ada.user.id, "n4");
    assert.equal((await resumed.expect<{ title: string }>("notification")).data.title, "n4");
    await resumed.close();
    await bobs.close();
    assert.equal(await s.watchersGone(), 0);

    const guest = await s.app.request("/api/me/notifications/stream");
    assert.equal(guest.status, 401);
  } finally {
    await s.close();
  }
});

test("stream caps answer 429 with Retry-After, and a closed stream frees its slot", async (db) => {
  const s = await streamSetup(db, { SSE_MAX_STREAMS_PER_USER: "2", SSE_MAX_STREAMS_PER_IP: "3" });
  try {
    const path = `/api/flights/${s.flightId}/seats/stream`;
    const a = await s.open(path, s.ada.headers);
    const b = await s.open(path, s.ada.headers);
    const refused = await s.app.request(path, { headers: s.ada.headers });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("content-type"), "application/problem+json");
    assert.ok(Number(refused.headers.get("retry-after")) > 0);
    assert.equal((await refused.json()).code, "too_many_streams");
    // The address cap counts guests too.
    const guest = await s.open(path);
    const third = await s.app.request(path);
    assert.equal(third.status, 429);
    await third.body?.cancel();
    await a.expect("snapshot");
    await a.close();
    // The hang-up is seen at once; poll (bounded) until the slot is back.
    let again: Response | undefined;
    for (let i = 0; i < 100; i++) {
      again = await s.app.request(path, { headers: s.ada.headers });
      if (again.status === 200) break;
      await again.body?.cancel();
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(again!.status, 200);
    await again!.body?.cancel();
    await b.close();
    await guest.close();
    assert.equal(await s.watchersGone(), 0);
    assert.equal(s.deps.hub.subscriberCount, 0);
  } finally {
    await s.close();
  }
});

test("actual boarding, departure and arrival times are recorded; one breaking a rule is 422 naming it", async (db) => {
  const s = await streamSetup(db);
  try {
    const [flight] = await db.sql`SELECT departure_at, arrival_at FROM flights
      WHERE id = ${s.flightId}`;
    const dep = flight.departure_at.getTime() as number;
    const at = (ms: number) => new Date(ms).toISOString();
    let staff = s.operator;
    const publish = (body: object) => s.publish(body, s.flightId, staff);
    const refused = async (body: object, code: string) => {
      const res = await publish(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.headers.get("content-type"), "application/problem+json");
      assert.equal((await res.json()).code, code);
    };
    // Nine days ahead of the clock: boarding now would be long before the schedule.
    await refused({ type: "boarding" }, "boarding_too_early");
    s.clock.advance(dep + 10 * 60_000 - s.clock.now().getTime());
    staff = await s.staff("admin"); // the operator's token has expired by then
    await refused({ type: "boarding", at: at(dep - 181 * 60_000) }, "boarding_too_early");
    await refused({ type: "boarding", at: at(dep + 16 * 60_000) }, "actual_time_in_future");
    const boarding = await publish({ type: "boarding", gate: "B7", at: at(dep - 20 * 60_000) });
    assert.equal(boarding.status, 200);
    assert.equal((await boarding.json()).boardingAt, at(dep - 20 * 60_000));

    await refused({ type: "departed", at: at(dep + 16 * 60_000) }, "actual_time_in_future");
    await refused({ type: "departed", at: at(dep - 121 * 60_000) }, "departed_too_early");
    await refused({ type: "departed", at: at(dep - 21 * 60_000) }, "departed_before_boarding");
    const departed = await publish({ type: "departed", at: at(dep + 5 * 60_000) });
    assert.equal(departed.status, 200);
    const departedBody = await departed.json();
    assert.equal(departedBody.estimatedDepartureAt, at(dep + 5 * 60_000));
    assert.equal(departedBody.boardingAt, at(dep - 20 * 60_000));

    await refused({ type: "arrived", at: at(dep + 5 * 60_000) }, "arrival_not_after_departure");
    await refused({ type: "arrived", at: at(dep + 60 * 60_000) }, "actual_time_in_future");
    const arrived = await publish({ type: "arrived", at: at(dep + 9 * 60_000) });
    assert.equal(arrived.status, 200);
    assert.equal((await arrived.json()).estimatedArrivalAt, at(dep + 9 * 60_000));
    const [row] = await db.sql`SELECT status, estimated_departure_at, estimated_arrival_at,
      boarding_at FROM flights WHERE id = ${s.flightId}`;
    assert.equal(row.status, "arrived");
    assert.equal(row.estimated_departure_at.toISOString(), at(dep + 5 * 60_000));
    assert.equal(row.estimated_arrival_at.toISOString(), at(dep + 9 * 60_000));
    assert.equal(row.boarding_at.toISOString(), at(dep - 20 * 60_000));
    // The operators' API shows it on the flight and on each change of its history.
    const detail = await s.app.request(`/api/admin/flights/${s.flightId}`, { headers: staff });
    assert.equal(detail.status, 200);
    const shown = await detail.json();
    assert.equal(shown.boardingAt, at(dep - 20 * 60_000));
    assert.deepEqual(
      shown.statusHistory.map((h: { kind: string; boarding_at: string | null }) => [
        h.kind,
        h.boarding_at,
      ]),
      ["boarding", "departed", "arrived"].map((k) => [k, at(dep - 20 * 60_000)]),
    );
  } finally {
    await s.close();
  }
});
