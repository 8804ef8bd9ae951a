import assert from "node:assert/strict";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { bearer, json, TEST_PASSWORD } from "../support/http.ts";

const METRICS_TOKEN = "scrape-secret-5f2c9e81d7a44b03a6e1-xyz";
const CARD = "4242424242424242";
const DECLINED = "4000000000000002";
const PAX = [{ firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1985-12-10" }];

// The whole paying path through the real app, logged at debug level: passwords, tokens,
// card numbers and the gateway's card token must never reach a log line; request ids must.
testOnEachBackend(
  "logs: a payment through the app leaves no secret or card data in the logs",
  async (db) => {
    await seedTestSchedule(db.sql);
    const t = await testApp(db, "2030-02-20T00:00:00Z", { env: { METRICS_TOKEN } });
    try {
      const [flight] = await db.sql`SELECT id FROM flights ORDER BY departure_at LIMIT 1`;
      const registered = await t.app.request(
        "/api/auth/register",
        json("POST", { email: "ada@example.test", password: TEST_PASSWORD, name: "Ada" }),
      );
      const { accessToken, refreshToken } = await registered.json();
      const ada = bearer(accessToken);
      const booked = await t.app.request(
        "/api/bookings",
        json("POST", { flightId: flight.id, cabin: "Y", passengers: PAX }, {
          ...ada,
          "X-Request-Id": "req-booking-0001",
        }),
      );
      const { id } = await booked.json();
      const card = (number: string) => ({
        number,
        expMonth: 12,
        expYear: 2031,
        cvc: "951",
        name: "Ada",
      });
      const pay = (number: string, key: string) =>
        t.app.request(
          `/api/bookings/${id}/pay`,
          json("POST", { card: card(number) }, { ...ada, "Idempotency-Key": key }),
        );
      assert.equal((await pay(DECLINED, "decline-1")).status, 402);
      // Malformed card data is refused by validation; its body must not be echoed to the log.
      const bad = await t.app.request(
        `/api/bookings/${id}/pay`,
        json("POST", { card: { ...card(CARD), expMonth: 13 } }, { ...ada, "Idempotency-Key": "b" }),
      );
      assert.equal(bad.status, 400);
      assert.equal((await pay(CARD, "approve-1")).status, 200);
      const refreshed = await t.app.request("/api/auth/refresh", json("POST", { refreshToken }));
      assert.equal(refreshed.status, 200);
      await t.app.request(
        "/api/auth/login",
        json("POST", { email: "ada@example.test", password: TEST_PASSWORD }),
      );
      await (await t.app.request("/metrics", { headers: bearer(METRICS_TOKEN) })).text();

      const [{ card_token }] = await db.sql`
      SELECT card_token FROM payments WHERE booking_id = ${id} AND card_token IS NOT NULL`;
      const text = t.logs.map((l) => JSON.stringify(l)).join("\n");
      const secrets = {
        card: CARD,
        "declined card": DECLINED,
        "spaced card": "4242 4242",
        password: TEST_PASSWORD,
        "access token": accessToken,
        "refresh token": refreshToken,
        "metrics token": METRICS_TOKEN,
        "gateway card token": "tok_",
        cvc: '"951"',
      };
      for (const [what, secret] of Object.entries(secrets)) {
        assert.ok(!text.includes(secret), `${what} reached the log`);
      }
      assert.ok(!text.includes(card_token), "the sealed card token reached the log");
      // Each request's lines carry its id; a sane client id is kept.
      const requests = t.logs.filter((l) => l.msg === "request");
      assert.ok(requests.length >= 7);
      assert.ok(requests.every((l) => typeof l.requestId === "string"));
      assert.ok(
        requests.some((l) => l.requestId === "req-booking-0001" && l.path === "/api/bookings"),
      );
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);
