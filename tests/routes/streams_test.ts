import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { streamSetup } from "../support/streams.ts";
import { flightEventKey } from "../../db/kv_keys.ts";

type SeatMap = { seq: number; cabins: { rows: { seats: { id: string; status: string }[] }[] }[] };
type Change = { seq: number; change: string; seats: { id: string; status: string }[] };

const seatStatus = (map: SeatMap, id: string) =>
  map.cabins.flatMap((c) => c.rows.flatMap((r) => r.seats)).find((s) => s.id === id)?.status;

function test(name: string, fn: Parameters<typeof testOnEachBackend>[1]) {
  testOnEachBackend(`streams: ${name}`, fn, { seededDays: 1 });
}

test("a seat held through the API appears on another client's seat stream", async (db) => {
  const s = await streamSetup(db);
  try {
    const stream = await s.open(`/api/flights/${s.flightId}/seats/stream`);
    const snapshot = await stream.expect<SeatMap>("snapshot");
    const plain = await (await s.app.request(`/api/flights/${s.flightId}/seats`)).json();
    assert.deepEqual(snapshot.data, plain, "the snapshot is the seat map endpoint's answer");
    assert.equal(snapshot.id, String(plain.seq));
    assert.equal(stream.retry, 2000);
    assert.equal(seatStatus(snapshot.data, "7C"), "free");

    const booking = await s.hold(["7C", "7D"]);
    const held = await stream.expect<Change>("seats");
    assert.equal(held.data.change, "held");
    assert.deepEqual(held.data.seats, [{ id: "7C", status: "held" }, { id: "7D", status: "held" }]);
    assert.equal(held.id, String(snapshot.data.seq + 1));
    assert.ok(!JSON.stringify(held.data).includes(s.ada.user.id), "no owner on a public stream");

    const cancel = await s.app.request(`/api/bookings/${booking.id}/cancel`, {
      method: "POST",
      headers: s.ada.headers,
    });
    assert.equal(cancel.status, 200);
    const released = await stream.expect<Change>("seats");
    assert.equal(released.data.change, "released");
    assert.deepEqual(released.data.seats.map((x) => x.status), ["free", "free"]);
    await stream.close();
    assert.equal(await s.watchersGone(), 0, "the last client out stops the watch");
  } finally {
    await s.close();
  }
});

test("resuming with Last-Event-ID loses nothing and repeats nothing", async (db) => {
  const s = await streamSetup(db);
  try {
    const first = await s.open(`/api/flights/${s.flightId}/seats/stream`);
    await first.expect("snapshot");
    await s.hold(["8A"]);
    const seen = await first.expect<Change>("seats");
    await first.close(); // the connection drops
    await s.hold(["8B"]);
    await s.hold(["8C"]);

    const resumed = await s.open(`/api/flights/${s.flightId}/seats/stream`, {
      "Last-Event-ID": seen.id!,
    });
    const a = await resumed.expect<Change>("seats");
    const b = await resumed.expect<Change>("seats");
    assert.deepEqual([a.data.seats[0].id, b.data.seats[0].id], ["8B", "8C"]);
    assert.deepEqual([a.id, b.id], [String(seen.data.seq + 1), String(seen.data.seq + 2)]);
    // The next thing after the missed events is the next new one: no repeats.
    await s.hold(["8D"]);
    const c = await resumed.expect<Change>("seats");
    assert.equal(c.data.seats[0].id, "8D");
    assert.equal(c.data.seq, seen.data.seq + 3);
    await resumed.close();

    // The query parameter works the same for clients that cannot set headers.
    const viaQuery = await s.open(
      `/api/flights/${s.flightId}/seats/stream?lastEventId=${seen.data.seq + 2}`,
    );
    assert.equal((await viaQuery.expect<Change>("seats")).data.seats[0].id, "8D");
    await viaQuery.close();
  } finally {
    await s.close();
  }
});

test("a resume whose events aged out gets a reset and a fresh snapshot", async (db) => {
  const s = await streamSetup(db);
  try {
    await s.hold(["9A"]);
    await s.hold(["9B"]);
    // The log's TTL removed the first entry.
    await s.deps.kv.delete(flightEventKey(s.flightId, 1));
    const stream = await s.open(`/api/flights/${s.flightId}/seats/stream`, {
      "Last-Event-ID": "0",
    });
    const reset = await stream.expect<{ reason: string }>("reset");
    assert.equal(reset.data.reason, "aged_out");
    const snapshot = await stream.expect<SeatMap>("snapshot");
    assert.equal(snapshot.data.seq, 2);
    assert.equal(seatStatus(snapshot.data, "9B"), "held");
    await stream.close();

    // An id from the future (say, another deployment's) is not trusted either.
    const future = await s.open(`/api/flights/${s.flightId}/seats/stream?lastEventId=999`);
    assert.equal((await future.expect("reset")).data.reason, "aged_out");
    assert.equal((await future.expect<SeatMap>("snapshot")).data.seq, 2);
    await future.close();
  } finally {
    await s.close();
  }
});

test("heartbeats keep an idle stream open", async (db) => {
  const s = await streamSetup(db, { SSE_HEARTBEAT_MS: "20" });
  try {
    const stream = await s.open(`/api/flights/${s.flightId}/seats/stream`);
    await stream.expect("snapshot");
    await stream.comment();
    await stream.comment();
    // Events still flow between beats.
    await s.hold(["10A"]);
    assert.equal((await stream.expect<Change>("seats")).data.change, "held");
    await stream.close();
  } finally {
    await s.close();
  }
});

test("bad ids, unknown flights and bad Last-Event-IDs get problems", async (db) => {
  const s = await streamSetup(db);
  try {
    for (const path of ["seats", "status"]) {
      for (const id of ["not-a-uuid", crypto.randomUUID()]) {
        const res = await s.app.request(`/api/flights/${id}/${path}/stream`);
        assert.equal(res.status, 404, `${path} ${id}`);
        assert.equal(res.headers.get("content-type"), "application/problem+json");
        await res.body?.cancel();
      }
      for (const bad of ["abc", "-1", "1.5", "9".repeat(20)]) {
        const res = await s.app.request(`/api/flights/${s.flightId}/${path}/stream`, {
          headers: { "Last-Event-ID": bad },
        });
        assert.equal(res.status, 400, `${path} Last-Event-ID ${bad}`);
        assert.equal((await res.json()).code, "invalid_last_event_id");
      }
    }
    const query = await s.app.request(`/api/me/notifications/stream?lastEventId=x`, {
      headers: s.ada.headers,
    });
    assert.equal(query.status, 400);
    await query.body?.cancel();
    assert.equal(s.deps.hub.watcherCount, 0, "nothing was subscribed");
  } finally {
    await s.close();
  }
});

test("an internal failure sends event: error without details, then closes", async (db) => {
  const s = await streamSetup(db);
  try {
    s.deps.registry.inventory = () => Promise.reject(new Error("secret kv detail"));
    const stream = await s.open(`/api/flights/${s.flightId}/seats/stream`);
    const error = await stream.expect<{ code: string; detail: string }>("error");
    assert.equal(error.data.code, "internal");
    assert.ok(!JSON.stringify(error.data).includes("secret"));
    assert.ok(error.id !== undefined, "even the error frame has an id");
    assert.deepEqual(await stream.ended(), [], "and the stream ends");
    assert.ok(s.logs.some((l) => l.msg === "stream failed"), "the cause is logged");
    assert.equal(await s.watchersGone(), 0);
  } finally {
    await s.close();
  }
});
