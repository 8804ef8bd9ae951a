import assert from "node:assert/strict";
import { sendDueEmails } from "../../workers/email_sender.ts";
import { signAccessToken } from "../../adapters/tokens.ts";
import { testOnEachBackend } from "../support/db.ts";
import { bearer } from "../support/http.ts";
import { notifyFixture } from "../support/notify.ts";
import { startResendCapture } from "../support/resend_capture.ts";

const decode = (b64: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));

testOnEachBackend(
  "delivery: a confirmed booking reaches in-app and the Resend inbox exactly once, with the .ics",
  async (db) => {
    const capture = startResendCapture();
    const s = await notifyFixture(db, {
      env: { RESEND_API_KEY: capture.apiKey, RESEND_BASE_URL: capture.url },
    });
    try {
      const { headers } = await s.signUp("ada@example.test");
      const booking = await s.book(headers);
      const paid = await s.pay(headers, booking.id);
      assert.equal(paid.status, 200);
      const { tickets } = await paid.json();
      const feed = await s.inApp(headers);
      assert.equal(feed.unread, 1);
      assert.equal(feed.data[0].kind, "booking_confirmed");
      assert.deepEqual(feed.data[0].data.tickets, [tickets[0].number]);
      // A replayed payment answers from the idempotency record and notifies nobody again.
      const replay = await s.pay(headers, booking.id);
      assert.equal(replay.headers.get("Idempotent-Replayed"), "true", await replay.clone().text());
      assert.equal((await s.inApp(headers)).data.length, 1);

      // Resend accepts the first send but the answer is lost: the row is retried later.
      capture.loseResponses(1);
      assert.deepEqual(await s.sendEmails(), { sent: 0, skipped: 0, retrying: 1, failed: 0 });
      assert.deepEqual(await s.sendEmails(), { sent: 0, skipped: 0, retrying: 0, failed: 0 });
      s.clock.advance(31_000);
      // Two senders race for the row: one claims it, the other finds nothing.
      const [a, b] = await Promise.all([s.sendEmails(), s.sendEmails()]);
      assert.equal(a.sent + b.sent, 1);
      s.clock.advance(3600_000);
      assert.equal((await s.sendEmails()).sent, 0);

      assert.equal(capture.requests, 2, "one lost answer, one retry");
      assert.equal(capture.inbox.length, 1, "the retry carried the same idempotency key");
      const mail = capture.inbox[0];
      assert.equal(mail.idempotencyKey, `booking_confirmed:${booking.id}`);
      assert.equal(mail.to, "ada@example.test");
      assert.equal(mail.from, "Contrail <no-reply@contrail.dev>");
      assert.match(mail.subject, new RegExp(`^Your booking ${booking.pnr} is confirmed: CT \\d+`));
      assert.match(mail.text!, new RegExp(tickets[0].number));
      assert.match(mail.html!, new RegExp(`E-ticket ${tickets[0].number}`));
      const [ics] = mail.attachments!;
      assert.equal(ics.filename, `contrail-${booking.pnr}.ics`);
      assert.match(
        decode(ics.content),
        new RegExp(`BEGIN:VCALENDAR[\\s\\S]*Booking ${booking.pnr}`),
      );
      const [row] = await db.sql`SELECT status, attempts, provider, provider_id FROM email_outbox`;
      assert.deepEqual(
        { ...row },
        { status: "sent", attempts: 2, provider: "resend", provider_id: mail.id },
      );
    } finally {
      await s.close();
      await capture.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "delivery: a wrong Resend key is retried with backoff, then given up",
  async (db) => {
    const capture = startResendCapture();
    const s = await notifyFixture(db, {
      env: { RESEND_API_KEY: "re_wrong_key_123", RESEND_BASE_URL: capture.url },
    });
    try {
      const { headers } = await s.signUp("ada@example.test");
      const booking = await s.book(headers);
      assert.equal((await s.pay(headers, booking.id)).status, 200);
      let report = await s.sendEmails();
      for (let i = 0; i < 20 && report.failed === 0; i++) {
        s.clock.advance(3600_000);
        report = await s.sendEmails();
      }
      assert.equal(report.failed, 1);
      assert.equal(capture.inbox.length, 0);
      const [row] = await db.sql`SELECT status, attempts, last_error FROM email_outbox`;
      assert.equal(row.status, "failed");
      assert.equal(row.attempts, 8);
      assert.match(row.last_error, /^resend 401/);
      assert.ok(
        !s.logs.some((l) => JSON.stringify(l).includes(booking.pnr)),
        "no email content in the logs",
      );
    } finally {
      await s.close();
      await capture.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "delivery: without RESEND_API_KEY mail lands in the dev mailbox, which only staff read",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers } = await s.signUp("ada@example.test");
      const booking = await s.book(headers);
      assert.equal((await s.pay(headers, booking.id)).status, 200);
      assert.equal((await s.sendEmails()).sent, 1);
      // A sender that died after delivering re-sends when the lease ends: still one copy.
      await db.sql`UPDATE email_outbox SET status = 'sending', locked_until = '2000-01-01'`;
      assert.equal((await s.sendEmails()).sent, 1);
      const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM dev_mailbox`;
      assert.equal(n, 1);

      assert.equal((await s.app.request("/api/admin/mailbox", { headers })).status, 403);
      assert.equal((await s.app.request("/api/admin/mailbox")).status, 401);
      const [op] = await db.sql`
        INSERT INTO users (email, name, role) VALUES ('ops@example.test', 'Ops', 'operator')
        RETURNING id`;
      const staff = bearer(
        await signAccessToken(
          { sub: op.id, role: "operator", email: "ops@example.test" },
          s.deps.config.jwtSecret!,
          s.clock.now(),
        ),
      );
      const list = await (await s.app.request("/api/admin/mailbox", { headers: staff })).json();
      assert.equal(list.total, 1);
      assert.equal(list.data[0].to, "ada@example.test");
      assert.deepEqual(list.data[0].attachments, [`contrail-${booking.pnr}.ics`]);
      assert.equal(list.data[0].html, undefined, "the list leaves bodies out");
      const one = await s.app.request(`/api/admin/mailbox/${list.data[0].id}`, { headers: staff });
      const message = await one.json();
      assert.match(message.subject, new RegExp(booking.pnr));
      assert.match(message.html, /<h1/);
      assert.match(decode(message.attachments[0].content), /BEGIN:VCALENDAR/);
      for (
        const [path, status] of [
          [`/api/admin/mailbox/${crypto.randomUUID()}`, 404],
          ["/api/admin/mailbox/not-an-id", 400],
          ["/api/admin/mailbox?limit=0", 400],
          ["/api/admin/mailbox?page=x", 400],
        ] as const
      ) {
        const res = await s.app.request(path, { headers: staff });
        assert.equal(res.status, status, path);
        assert.equal(res.headers.get("content-type"), "application/problem+json");
      }
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "delivery: cancelling tells the owner, with the refund; the email goes out once",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers } = await s.signUp("ada@example.test");
      // Paid first: one account keeps one unpaid hold per flight, and a paid booking is not one.
      const paid = await s.book(headers, "Byron");
      assert.equal((await s.pay(headers, paid.id)).status, 200);
      const held = await s.book(headers);
      // The confirmation is told from the payment's projection, a cancellation from its own
      // request: let the first go out before the next step, so the inbox order is the steps'.
      await s.settle();
      assert.equal((await s.cancel(headers, held.id)).status, 200);
      const refund = await (await s.cancel(headers, paid.id)).json();
      assert.ok(refund.refunded > 0);
      const kinds = (await s.inApp(headers)).data.map((n) => n.kind);
      assert.deepEqual(kinds, ["booking_refunded", "booking_cancelled", "booking_confirmed"]);
      const refundNote = (await s.inApp(headers)).data[0];
      assert.match(refundNote.body, new RegExp(`${(refund.refunded / 100).toFixed(2)} USD`));
      assert.equal((await s.sendEmails()).sent, 3);
      const subjects = (await db.sql`SELECT subject FROM dev_mailbox ORDER BY subject`).map((r) =>
        r.subject
      );
      assert.deepEqual(
        subjects.map((x) => x.replace(/[A-Z2-9]{6}/, "PNR")).sort(),
        [
          "Booking PNR is cancelled",
          "Booking PNR is cancelled and refunded",
          subjects.find((x) => x.startsWith("Your booking"))!.replace(/[A-Z2-9]{6}/, "PNR"),
        ].sort(),
      );
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "delivery: the email sender skips an alert whose booking was cancelled after it was queued",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers } = await s.signUp("ada@example.test");
      const booking = await s.book(headers);
      assert.equal((await s.pay(headers, booking.id)).status, 200);
      await s.sendEmails();
      const { notifyFlightStatusChange } = await import("../../notifications/flight_notices.ts");
      const report = await notifyFlightStatusChange(s.deps.notifier, s.flightId, {
        status: "delayed",
        estimatedDepartureAt: "2030-03-01T12:00:00Z",
      });
      assert.equal(report.passengers, 1);
      assert.equal((await s.cancel(headers, booking.id)).status, 200);
      await s.settle();
      const sent = await sendDueEmails(s.sender());
      assert.equal(sent.skipped, 1, "the delay email is dropped");
      assert.equal(sent.sent, 1, "the cancellation email goes");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
