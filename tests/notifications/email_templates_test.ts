import assert from "node:assert/strict";
import {
  type EmailPayload,
  escapeHtml,
  forLiveBookings,
  renderEmail,
} from "../../notifications/email_templates.ts";
import { bookingsBody } from "../../domain/flight_notice.ts";
import { NOTIFICATION_KINDS } from "../../domain/notification_kinds.ts";

const HOSTILE = `<script>alert("x")</script> & 'Bobby'`;
const flight = { number: "CT 12", from: "LHR", to: "JFK", departureLocal: "2030-03-01T09:30" };

Deno.test("email templates: user data is escaped in HTML and kept readable in text", () => {
  const mail = renderEmail("booking_confirmed", {
    name: HOSTILE,
    title: `Booking ABC234 confirmed <img src=x onerror=alert(1)>`,
    body: "Body with <b>markup</b>",
    pnr: "ABC234",
    flight,
    tickets: [{ number: "9141000000001", passenger: HOSTILE, seat: "12A" }],
  });
  assert.doesNotMatch(mail.html, /<script|<img|<b>/);
  assert.match(
    mail.html,
    /&#60;script&#62;alert\(&#34;x&#34;\)&#60;\/script&#62; &#38; &#39;Bobby&#39;/,
  );
  assert.match(mail.text, /^Hello <script>alert\("x"\)<\/script> & 'Bobby',$/m);
  assert.match(mail.text, /E-ticket 9141000000001: .*, seat 12A/);
  assert.equal(mail.subject, "Your booking ABC234 is confirmed: CT 12 LHR→JFK on 2030-03-01 09:30");
});

Deno.test("email templates: subjects never carry line breaks (no header injection)", () => {
  const mail = renderEmail("crew_assignment", {
    name: "Amelia",
    title: "Roster change\r\nBcc: everyone@example.com",
    body: "b",
  });
  assert.equal(mail.subject, "Roster change Bcc: everyone@example.com");
  const reason = renderEmail("flight_delayed", {
    name: "A",
    title: "t",
    body: "b",
    flight: { ...flight, number: "CT\n12" },
  });
  assert.doesNotMatch(reason.subject, /[\r\n]/);
});

Deno.test("email templates: every kind has its own subject line", () => {
  const payload = {
    name: "Ada",
    title: "Generic title",
    body: "b",
    pnr: "ABC234",
    flight,
    newFlight: { ...flight, number: "CT 14" },
    gate: "B12",
  };
  const subjects = NOTIFICATION_KINDS.map((k) => renderEmail(k, payload).subject);
  assert.equal(new Set(subjects).size, subjects.length, subjects.join("\n"));
  assert.equal(renderEmail("crew_assignment", payload).subject, "Generic title");
  assert.equal(escapeHtml(`a"b`), "a&#34;b");
});

Deno.test("email templates: a journey's confirmation lists every flight with its seats", () => {
  const second = { number: "CT 34", from: "JFK", to: "SFO", departureLocal: "2030-03-01T15:10" };
  const mail = renderEmail("booking_confirmed", {
    name: "Ada",
    title: "Booking ABC234 confirmed",
    body: "b",
    pnr: "ABC234",
    flight,
    legs: [{ flight, seats: ["12A", "12B"] }, { flight: second, seats: ["30C", "30D"] }],
    seats: ["12A", "12B"],
  });
  assert.match(mail.text, /Flight 1: CT 12 LHR→JFK on 2030-03-01 09:30, seats 12A, 12B/);
  assert.match(mail.text, /Flight 2: CT 34 JFK→SFO on 2030-03-01 15:10, seats 30C, 30D/);
  assert.doesNotMatch(mail.text, /^Seats:/m);
  // One flight reads as before.
  const one = renderEmail("booking_confirmed", {
    name: "Ada",
    title: "t",
    body: "b",
    flight,
    legs: [{ flight, seats: ["1A"] }],
    seats: ["1A"],
  });
  assert.match(one.text, /^Flight: CT 12/m);
  assert.match(one.text, /^Seats: 1A/m);
});

Deno.test("email templates: a rebooking lists the flights it replaces and each new leg with its seats", () => {
  const cancelled = { ...flight, number: "CT 10", departs: "Fri 1 Mar, 09:30 GMT" };
  const first = { ...flight, number: "CT 20", to: "BOS", departs: "Fri 1 Mar, 13:00 GMT" };
  const second = { number: "CT 21", from: "BOS", to: "JFK", departureLocal: "2030-03-01T18:00" };
  const mail = renderEmail("flight_rebooked", {
    name: "Ada",
    title: "CT 10 is cancelled: you are rebooked on CT 20 and CT 21",
    subject: "Cancelled and rebooked: CT 10 LHR→JFK is replaced by CT 20 and CT 21",
    body: "b",
    pnr: "ABC234",
    flight: cancelled,
    newFlight: first,
    replaced: [cancelled],
    legs: [
      { flight: first, seats: ["Ada Lovelace 4A", "Bob Lovelace 4B"] },
      { flight: second, seats: ["Ada Lovelace 30C", "Bob Lovelace 30D"] },
    ],
  });
  assert.equal(
    mail.subject,
    "Cancelled and rebooked: CT 10 LHR→JFK is replaced by CT 20 and CT 21",
  );
  assert.match(mail.text, /^Replaced flight: CT 10 LHR→JFK on Fri 1 Mar, 09:30 GMT$/m);
  assert.match(
    mail.text,
    /^New flight 1: CT 20 LHR→BOS on Fri 1 Mar, 13:00 GMT, seats Ada Lovelace 4A, Bob Lovelace 4B$/m,
  );
  assert.match(
    mail.text,
    /^New flight 2: CT 21 BOS→JFK on 2030-03-01 18:00, seats Ada Lovelace 30C/m,
  );
  assert.doesNotMatch(mail.text, /^(Seats|Flight):/m);
  assert.match(mail.html, /<th align="left">New flight 1<\/th>/);
});

Deno.test("email templates: a message about several bookings keeps only those still live when it is sent", () => {
  const group = {
    lead: "CT 12 is delayed.",
    named: true,
    bookings: [
      { id: "a", pnr: "ABC234" },
      { id: "b", pnr: "XYZ789", text: "Your connection CT 14 leaves too soon." },
    ],
  };
  const p: EmailPayload = {
    name: "Ada",
    title: "CT 12 is delayed",
    body: bookingsBody(group),
    pnr: "ABC234, XYZ789",
    flight,
    group,
  };
  assert.equal(forLiveBookings(p, new Set(["a", "b"])), p, "all live: unchanged");
  const onlyA = forLiveBookings(p, new Set(["a"]))!;
  assert.equal(onlyA.body, "CT 12 is delayed.");
  assert.equal(onlyA.pnr, "ABC234");
  const text = renderEmail("flight_delayed", onlyA).text;
  assert.doesNotMatch(text, /XYZ789|CT 14|Your bookings/);
  const onlyB = forLiveBookings(p, new Set(["b"]))!;
  assert.equal(onlyB.body, "CT 12 is delayed. Your connection CT 14 leaves too soon.");
  assert.equal(forLiveBookings(p, new Set()), undefined, "none live: nothing to send");
  const single: EmailPayload = { name: "Ada", title: "T", body: "B", pnr: "ABC234" };
  assert.equal(forLiveBookings(single, new Set()), single, "not a grouped message");
});
