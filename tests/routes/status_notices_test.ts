import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { notifyFixture } from "../support/notify.ts";
import { startResendCapture } from "../support/resend_capture.ts";
import { SseReader } from "../support/sse.ts";
import { bearer, json } from "../support/http.ts";
import { signAccessToken } from "../../adapters/tokens.ts";

testOnEachBackend(
  "a delay published by an operator reaches the passenger's notification stream and inbox, not a cancelled booking's",
  async (db) => {
    const capture = startResendCapture();
    const s = await notifyFixture(db, {
      env: { RESEND_API_KEY: capture.apiKey, RESEND_BASE_URL: capture.url },
    });
    try {
      const ada = await s.signUp("ada@example.test");
      const bob = await s.signUp("bob@example.test");
      const adas = await s.book(ada.headers);
      assert.equal((await s.pay(ada.headers, adas.id)).status, 200);
      const bobs = await s.book(bob.headers, "Babbage");
      assert.equal((await s.cancel(bob.headers, bobs.id)).status, 200);
      await s.sendEmails();
      const before = capture.inbox.length;

      const stream = await s.app.request("/api/me/notifications/stream", { headers: ada.headers });
      assert.equal(stream.status, 200);
      const reader = new SseReader(stream);
      await reader.expect("ready");

      const [op] = await db.sql`
        INSERT INTO users (email, name, role) VALUES ('op@example.test', 'Op', 'operator')
        RETURNING id`;
      const operator = bearer(
        await signAccessToken(
          { sub: op.id, role: "operator", email: "op@example.test" },
          s.deps.config.jwtSecret!,
          s.clock.now(),
        ),
      );
      const [flight] = await db.sql`SELECT departure_at FROM flights WHERE id = ${s.flightId}`;
      const later = new Date(flight.departure_at.getTime() + 90 * 60_000).toISOString();
      const res = await s.app.request(
        `/api/admin/flights/${s.flightId}/status`,
        json(
          "POST",
          { type: "delayed", estimatedDepartureAt: later, reason: "Late aircraft" },
          operator,
        ),
      );
      assert.equal(res.status, 200);

      const pushed = await reader.expect<{ kind: string; body: string }>("notification");
      assert.equal(pushed.data.kind, "flight_delayed");
      assert.match(pushed.data.body, /Late aircraft/);
      await reader.close();

      await s.sendEmails();
      const mails = capture.inbox.slice(before);
      assert.equal(mails.length, 1, "one delay email, to Ada only");
      assert.deepEqual([mails[0].to].flat(), ["ada@example.test"]);
      assert.match(mails[0].subject, /delay/i);
      const bobsFeed = await s.inApp(bob.headers);
      assert.ok(
        bobsFeed.data.every((n) => n.kind !== "flight_delayed"),
        "a cancelled booking gets no departure alert",
      );
    } finally {
      await s.close();
      await capture.close();
    }
  },
  { seededDays: 1 },
);
