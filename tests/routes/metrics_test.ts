import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { bearer, json, signUp } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";

const NOW = "2030-02-20T00:00:00Z";
const METRICS_TOKEN = "scrape-0123456789-abcdefghij-0123456789";
const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" };
const PAX = [{ firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1985-12-10" }];

/** The value of one sample line (`name{labels}`), 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(t: TestApp): Promise<string> {
  const res = await t.app.request("/metrics", { headers: bearer(METRICS_TOKEN) });
  assert.equal(res.status, 200);
  return await res.text();
}

testOnEachBackend("metrics: who may scrape, and the problems everyone else gets", async (db) => {
  const t = await testApp(db, NOW, { env: { METRICS_TOKEN } });
  const bare = await testApp(db, NOW);
  try {
    const admin = await staffHeaders(t, db, "admin");
    const operator = await staffHeaders(t, db, "operator");
    const cases: [TestApp, Record<string, string>, number, string?][] = [
      [t, bearer(METRICS_TOKEN), 200],
      [t, admin.headers, 200],
      [bare, admin.headers, 200],
      [t, {}, 401, "unauthenticated"],
      [t, bearer("wrong-" + METRICS_TOKEN), 401, "invalid_token"],
      [t, { Authorization: `Basic ${btoa(`x:${METRICS_TOKEN}`)}` }, 401, "invalid_token"],
      [t, operator.headers, 403, "forbidden"],
      // Without METRICS_TOKEN configured, no token string opens the door.
      [bare, bearer(METRICS_TOKEN), 401, "invalid_token"],
      [bare, {}, 401, "unauthenticated"],
    ];
    for (const [app, headers, status, code] of cases) {
      const res = await app.app.request("/metrics", { headers });
      const label = `${JSON.stringify(headers)} → ${res.status}`;
      assert.equal(res.status, status, label);
      if (status === 200) {
        assert.equal(res.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
        assert.equal(res.headers.get("cache-control"), "no-store");
        assert.match(await res.text(), /^# TYPE contrail_http_requests_total counter$/m);
      } else {
        assert.equal(res.headers.get("content-type"), "application/problem+json", label);
        assert.equal((await res.json()).code, code, label);
      }
    }
  } finally {
    await t.close();
    bare.close();
  }
});

testOnEachBackend("metrics: a booking and its payment show in the counters", async (db) => {
  await seedTestSchedule(db.sql);
  const t = await testApp(db, NOW, { env: { METRICS_TOKEN } });
  try {
    const [flight] = await db
      .sql`SELECT id FROM flights WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
    const ada = (await signUp(t.app, "ada@example.test")).headers;
    const before = await scrape(t);
    const booked = await t.app.request(
      "/api/bookings",
      json("POST", { flightId: flight.id, cabin: "Y", passengers: PAX }, ada),
    );
    assert.equal(booked.status, 201);
    const { id } = await booked.json();
    const declined = await t.app.request(
      `/api/bookings/${id}/pay`,
      json("POST", { card: { ...VISA, number: "4000000000000002" } }, {
        ...ada,
        "Idempotency-Key": "pay-declined",
      }),
    );
    assert.equal(declined.status, 402);
    const paid = await t.app.request(
      `/api/bookings/${id}/pay`,
      json("POST", { card: VISA }, { ...ada, "Idempotency-Key": "pay-approved" }),
    );
    assert.equal(paid.status, 200);
    // Refused before its handler ran: still counted under the route it was meant for.
    assert.equal((await t.app.request("/api/bookings")).status, 401);
    assert.equal((await t.app.request(`/no/such/page/${id}`)).status, 404);
    const after = await scrape(t);
    const delta = (series: string) => sample(after, series) - sample(before, series);

    assert.equal(delta('contrail_holds_total{outcome="held"}'), 1);
    assert.equal(delta('contrail_holds_total{outcome="confirmed"}'), 1);
    assert.equal(delta('contrail_bookings_total{outcome="confirmed"}'), 1);
    assert.equal(delta('contrail_payments_total{outcome="approved"}'), 1);
    assert.equal(delta('contrail_payments_total{outcome="declined"}'), 1);
    assert.equal(delta("contrail_actor_batch_size_count"), 2);
    assert.ok(delta("contrail_outbox_lag_seconds_count") >= 1, "projections were timed");
    assert.equal(delta('contrail_actor_commit_duration_seconds_bucket{le="+Inf"}'), 2);
    // Routes are labelled by their pattern, never by the booking id in the URL.
    const pay = 'method="POST",route="/api/bookings/:id/pay"';
    assert.equal(delta(`contrail_http_requests_total{${pay},status="2xx"}`), 1);
    assert.equal(delta(`contrail_http_requests_total{${pay},status="4xx"}`), 1);
    assert.equal(
      delta(`contrail_http_request_duration_seconds_count{${pay},status="2xx"}`),
      1,
    );
    assert.equal(
      delta('contrail_http_requests_total{method="POST",route="/api/bookings",status="2xx"}'),
      1,
    );
    assert.equal(
      delta('contrail_http_requests_total{method="GET",route="/api/bookings",status="4xx"}'),
      1,
    );
    assert.equal(
      delta('contrail_http_requests_total{method="GET",route="unmatched",status="4xx"}'),
      1,
    );
    assert.ok(!after.includes(id), "no booking id in any label");
    // The scrape before this one counted itself under its own route.
    assert.ok(
      sample(after, 'contrail_http_requests_total{method="GET",route="/metrics",status="2xx"}') >=
        1,
    );
    assert.equal(sample(after, "contrail_actors_in_memory"), 1);
  } finally {
    await t.close();
  }
}, { seededDays: 1 });

testOnEachBackend("metrics: the SSE gauge follows streams as they open and close", async (db) => {
  await seedTestSchedule(db.sql);
  const t = await testApp(db, NOW, { env: { METRICS_TOKEN } });
  try {
    const [flight] = await db.sql`SELECT id FROM flights ORDER BY departure_at LIMIT 1`;
    const seats = 'contrail_sse_connections{stream="seats"}';
    const base = sample(await scrape(t), seats);
    const streams = await Promise.all(
      [1, 2].map(() => t.app.request(`/api/flights/${flight.id}/seats/stream`)),
    );
    for (const s of streams) assert.equal(s.headers.get("content-type"), "text/event-stream");
    assert.equal(sample(await scrape(t), seats) - base, 2);
    await streams[0].body!.cancel();
    assert.equal(sample(await scrape(t), seats) - base, 1);
    await streams[1].body!.cancel();
    assert.equal(sample(await scrape(t), seats) - base, 0);
  } finally {
    await t.close();
  }
}, { seededDays: 1 });
