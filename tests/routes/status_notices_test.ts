import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { mailedNotifyFixture } from "../support/notify.ts";
import { SseReader } from "../support/sse.ts";
import { bearer, json } from "../support/http.ts";
import { signAccessToken } from "../../adapters/tokens.ts";
import { staffHeaders } from "../support/staff.ts";
import { PageClient } from "../support/pages.ts";
import { formatInZone } from "../../domain/time.ts";

testOnEachBackend(
  "a delay published by an operator reaches the passenger's notification stream and inbox, not a cancelled booking's",
  async (db) => {
    const s = await mailedNotifyFixture(db);
    const { capture } = s;
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
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "an account with two bookings on a flight hears once per event, titled by what happened, and the flight page shows the new time",
  async (db) => {
    const s = await mailedNotifyFixture(db);
    const { capture } = s;
    try {
      const ada = await s.signUp("ada@example.test");
      // One unpaid hold per account and flight: the first is paid before the second.
      const first = await s.book(ada.headers);
      assert.equal((await s.pay(ada.headers, first.id)).status, 200);
      const second = await s.book(ada.headers, "Byron");
      assert.equal((await s.pay(ada.headers, second.id)).status, 200);
      await s.sendEmails();
      const before = capture.inbox.length;
      const { headers: op } = await staffHeaders(s, db);
      const [f] = await db.sql`
        SELECT f.departure_at, a.tz, trim(f.carrier) || ' ' || trim(f.flight_number) AS name
        FROM flights f JOIN airports a ON a.iata = f.origin
        WHERE f.id = ${s.flightId}`;
      const later = new Date(f.departure_at.getTime() + 90 * 60_000).toISOString();
      const status = (body: Record<string, unknown>) =>
        s.app.request(`/api/admin/flights/${s.flightId}/status`, json("POST", body, op));
      const delay = await status({ type: "delayed", estimatedDepartureAt: later, reason: "Late" });
      assert.equal(delay.status, 200, await delay.text());
      // The flight stays delayed: this gate change must not be told as another delay.
      const gate = await status({ type: "gate_changed", gate: "B12" });
      assert.equal(gate.status, 200, await gate.text());

      const newTime = formatInZone(later, f.tz);
      const at = newTime.replace(/[+]/g, "\\+"); // "GMT+9" in a pattern
      // Both notices may land in one outbox batch: the feed's order between them is not fixed.
      const feed = (await s.inApp(ada.headers)).data.filter((n) => n.kind.startsWith("flight_"))
        .sort((a, b) => a.kind < b.kind ? 1 : -1);
      assert.deepEqual(feed.map((n) => [n.kind, n.title]), [
        ["flight_gate_changed", `${f.name}: gate change to B12`],
        ["flight_delayed", `${f.name} is delayed to ${newTime}`],
      ]);
      for (const n of feed) {
        assert.match(n.body, new RegExp(`Your bookings ${first.pnr} and ${second.pnr}`));
      }
      assert.match(feed[1].body, new RegExp(`now departs ${at} \\(planned `));

      await s.sendEmails();
      const mails = capture.inbox.slice(before);
      assert.equal(mails.length, 2, "one email per event, not one per booking");
      // The sender delivers in parallel, so the inbox order is not the events' order.
      const delayMail = mails.find((m) => m.subject.startsWith("Delay"))!;
      const gateMail = mails.find((m) => m !== delayMail)!;
      assert.match(delayMail.subject, new RegExp(`^Delay: .* now departs ${at}$`));
      assert.match(gateMail.subject, /^Gate change: .* now departs from gate B12$/);
      assert.doesNotMatch(gateMail.subject, /delay/i);

      // An operator's message to the flight reaches the account once too, naming both bookings.
      const sent = await s.app.request(
        `/api/admin/flights/${s.flightId}/messages`,
        json("POST", { title: "Snacks", body: "Free snacks at the gate." }, op),
      );
      assert.equal(sent.status, 201, await sent.text());
      const messages = (await s.inApp(ada.headers)).data.filter((n) => n.kind === "flight_message");
      assert.equal(messages.length, 1);
      assert.match(messages[0].body, new RegExp(`Your bookings ${first.pnr} and ${second.pnr}`));

      // The flight page says the flight is delayed, and to when, in local time with the zone.
      const page = await new PageClient(s.app).html(`/flights/${s.flightId}`);
      assert.match(page, new RegExp(`class="status status-delayed">Delayed to ${at}<`));
      const api = await (await s.app.request(`/api/flights/${s.flightId}`)).json();
      assert.equal(api.estimatedDepartureAt, later, "the API names the new time too");
      // So does the departures board on the start page.
      const board = await new PageClient(s.app).html(
        `/?from=${api.origin.iata}&to=${api.destination.iata}`,
      );
      assert.match(board, new RegExp(`class="status status-delayed">Delayed to ${at}<`));
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
