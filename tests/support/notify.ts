import { sendDueEmails } from "../../workers/email_sender.ts";
import { startResendCapture } from "./resend_capture.ts";
import { emailTransport } from "../../adapters/email.ts";
import { seedTestSchedule } from "./seed.ts";
import { type TestApp, testApp, type TestAppOptions } from "./app.ts";
import { json, signUp } from "./http.ts";
import type { Database } from "../../db/postgres.ts";

/** Nine days before the seeded flights, as in the booking tests. */
export const NOTIFY_NOW = "2030-02-20T00:00:00Z";

const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" };

/** A seeded app with helpers to book, pay, cancel and run the email outbox. */
export async function notifyFixture(db: Database, options: TestAppOptions = {}) {
  await seedTestSchedule(db.sql);
  const t: TestApp = await testApp(db, NOTIFY_NOW, options);
  const [flight, other] = await db
    .sql`SELECT id FROM flights WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 2`;
  const flightId = flight.id as string;
  /** Another flight: one account keeps one unpaid hold per flight. */
  const otherFlightId = other.id as string;
  const book = async (headers: Record<string, string>, lastName = "Lovelace", on = flightId) => {
    const res = await t.app.request(
      "/api/bookings",
      json("POST", {
        flightId: on,
        cabin: "Y",
        passengers: [{ firstName: "Ada", lastName }],
      }, headers),
    );
    if (res.status !== 201) throw new Error(`booking failed: ${await res.text()}`);
    return (await res.json()) as { id: string; pnr: string };
  };
  const pay = (headers: Record<string, string>, id: string) =>
    t.app.request(
      `/api/bookings/${id}/pay`,
      json("POST", { card: VISA }, { ...headers, "Idempotency-Key": `pay-${id}` }),
    );
  const cancel = (headers: Record<string, string>, id: string) =>
    t.app.request(`/api/bookings/${id}/cancel`, json("POST", undefined, headers));
  const sender = () => ({
    sql: db.sql,
    transport: emailTransport(t.deps.config.email, db.sql),
    clock: t.clock,
    log: t.deps.log,
    from: t.deps.config.email.from,
  });
  // Notices follow their change through the outbox: what a test reads waits for them.
  const sendEmails = async () => {
    await t.settle();
    return await sendDueEmails(sender());
  };
  const inApp = async (headers: Record<string, string>) => {
    await t.settle();
    return (await (await t.app.request("/api/me/notifications", { headers })).json()) as {
      data: {
        id: string;
        kind: string;
        title: string;
        body: string;
        data: Record<string, unknown>;
      }[];
      unread: number;
    };
  };
  return {
    ...t,
    flightId,
    signUp: (email: string) => signUp(t.app, email),
    book,
    otherFlightId,
    pay,
    cancel,
    sendEmails,
    sender,
    inApp,
  };
}

/** notifyFixture sending its mail to a local Resend capture (`capture`); close() ends both. */
export async function mailedNotifyFixture(db: Database) {
  const capture = startResendCapture();
  const s = await notifyFixture(db, {
    env: { RESEND_API_KEY: capture.apiKey, RESEND_BASE_URL: capture.url },
  });
  return {
    ...s,
    capture,
    close: async () => {
      await s.close();
      await capture.close();
    },
  };
}
